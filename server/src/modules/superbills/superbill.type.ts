import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { Address } from '../common/address.type.js';
import { SuperbillStatus } from './superbill-status.js';

@ObjectType({ description: 'Who bills for the encounter (the group): as recorded on the superbill.' })
export class BillingProvider {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'Taxpayer identification number (EIN), 9 digits.' }) tin!: string | null;
  @Field(() => String, { nullable: true, description: 'Group (type 2) NPI.' }) npi!: string | null;
  @Field(() => Address, { nullable: true }) address!: Address | null;
}

@ObjectType({ description: 'A referring provider named on the superbill.' })
export class ReferringProvider {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) npi!: string | null;
}

@ObjectType({ description: 'One diagnosis of a superbill; lines point at it by its letter.' })
export class SuperbillDiagnosis {
  @Field(() => String, { description: 'Pointer letter A–L (the order of the diagnoses).' }) pointer!: string;
  @Field(() => String, { description: 'ICD-10-CM code as printed, with its dot (J06.9).' }) code!: string;
  @Field(() => String, { nullable: true, description: 'The code set\'s description on the date of service.' }) description!: string | null;
}

@ObjectType({ description: 'One service line. charge = unitFee × units (the line total, as on a claim line).' })
export class SuperbillLine {
  @Field(() => Int, { description: 'Line number, from 1.' }) lineNumber!: number;
  @Field(() => String, { description: 'CPT or HCPCS code.' }) code!: string;
  @Field(() => String, { nullable: true, description: 'The code set\'s description, or the practice\'s fee-schedule label for CPT.' }) description!: string | null;
  @Field(() => [String]) modifiers!: string[];
  @Field(() => Int) units!: number;
  @Field(() => MoneyScalar, { description: 'Fee of one unit.' }) unitFee!: number;
  @Field(() => MoneyScalar, { description: 'The line\'s charge: unitFee × units.' }) charge!: number;
  @Field(() => MoneyScalar, { nullable: true, description: 'The charge master\'s unit price on the date of service (null when it has none).' }) scheduleFee!: number | null;
  @Field(() => String, { nullable: true, description: 'Why unitFee differs from scheduleFee.' }) chargeOverrideReason!: string | null;
  @Field(() => [String], { description: 'Letters of the diagnoses this line treats, most important first.' }) diagnosisPointers!: string[];
  @Field(() => String, { nullable: true }) note!: string | null;
}

export enum SuperbillWarningCode {
  POSSIBLE_DUPLICATE = 'POSSIBLE_DUPLICATE',
}
registerEnumType(SuperbillWarningCode, { name: 'SuperbillWarningCode', description: 'Something worth a second look that does not stop the change.' });

@ObjectType({ description: 'A warning about a saved superbill (the change was made).' })
export class SuperbillWarning {
  @Field(() => SuperbillWarningCode) code!: SuperbillWarningCode;
  @Field(() => String, { description: 'Field path of the line concerned (input.lines.0).' }) path!: string;
  @Field(() => String) message!: string;
  @Field(() => ID, { nullable: true, description: 'The other superbill with the same patient, provider, date and code, when it is another one.' }) otherSuperbillId!: string | null;
}

@ObjectType({ description: 'The record of one encounter for billing (PHI; reads are audited). A FINALIZED superbill never changes: correct it with correctSuperbill.' })
export class Superbill {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Human-facing number, printed on the PDF.' }) number!: string;
  @Field(() => SuperbillStatus) status!: SuperbillStatus;
  @Field(() => ID, { nullable: true, description: 'The appointment it was made from; null for a visit recorded elsewhere.' }) appointmentId!: string | null;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) renderingProviderId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => ID, { nullable: true, description: 'Payer whose rules apply (modifier 95); the primary coverage\'s payer by default.' }) payerId!: string | null;
  @Field(() => BillingProvider) billingProvider!: BillingProvider;
  @Field(() => ReferringProvider, { nullable: true }) referringProvider!: ReferringProvider | null;
  @Field(() => LocalDateScalar) dateOfService!: string;
  @Field(() => String, { description: 'CMS place of service (02/10 for telehealth).' }) placeOfServiceCode!: string;
  @Field(() => Boolean) telehealth!: boolean;
  @Field(() => String, { nullable: true }) priorAuthorizationNumber!: string | null;
  @Field(() => MoneyScalar, { description: 'Copay collected at check-in.' }) copayCollected!: number;
  @Field(() => MoneyScalar, { description: 'Sum of the lines\' charges.' }) totalCharge!: number;
  @Field(() => MoneyScalar, { description: 'totalCharge − copayCollected (never below 0).' }) balance!: number;
  @Field(() => ID, { nullable: true, description: 'The FINALIZED superbill this one corrects.' }) supersedesId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The finalized correction that replaced this one (status SUPERSEDED).' }) supersededById!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) finalizedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'User id of who finalized it.' }) finalizedBy!: string | null;
  @Field(() => String, { nullable: true }) voidReason!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) voidedAt!: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => Int, { description: 'Pass it as expectedVersion when changing the superbill.' }) version!: number;
}

@ObjectType({ description: 'A superbill after a change, with warnings that did not stop it.' })
export class SuperbillPayload {
  @Field(() => Superbill) superbill!: Superbill;
  @Field(() => [SuperbillWarning]) warnings!: SuperbillWarning[];
}

@ObjectType({ description: 'A rendered superbill PDF.' })
export class SuperbillPdf {
  @Field(() => String, { description: 'File name to save it under.' }) fileName!: string;
  @Field(() => String, { description: 'Always application/pdf.' }) contentType!: string;
  @Field(() => String, { description: 'The PDF bytes, base64-encoded.' }) base64!: string;
  @Field(() => Int, { description: 'Size of the PDF in bytes.' }) byteLength!: number;
}
