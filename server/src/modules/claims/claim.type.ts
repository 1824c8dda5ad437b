import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { ClaimStatus } from './claim-status.js';

export enum ScrubSeverity {
  ERROR = 'ERROR',
  WARNING = 'WARNING',
}
registerEnumType(ScrubSeverity, { name: 'ScrubSeverity', description: 'ERROR blocks submission (the claim stays DRAFT); WARNING informs.' });

@ObjectType({ description: 'One finding of a scrub edit.' })
export class ClaimScrubFinding {
  @Field(() => String, { description: 'The edit\'s stable code (MEMBER_ID_INVALID, NPI_INVALID, DIAGNOSIS_INVALID…).' }) code!: string;
  @Field(() => ScrubSeverity) severity!: ScrubSeverity;
  @Field(() => String) message!: string;
  @Field(() => String, { description: 'Field path in the claim (subscriber.memberId, lines.0.modifiers, diagnoses.1).' }) path!: string;
}

@ObjectType({ description: 'The result of the last scrub of a claim.' })
export class ClaimScrub {
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => Int, { description: 'The claim revision that was scrubbed.' }) revision!: number;
  @Field(() => Boolean, { description: 'No ERROR finding: the claim moved to READY.' }) clean!: boolean;
  @Field(() => [ClaimScrubFinding]) findings!: ClaimScrubFinding[];
}

@ObjectType({ description: 'The billing provider as billed.' })
export class ClaimBillingProvider {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Group (type 2) NPI.' }) npi!: string;
  @Field(() => String, { description: 'EIN, 9 digits.' }) tin!: string;
}

@ObjectType({ description: 'A rendering or referring provider as billed.' })
export class ClaimIndividualProvider {
  @Field(() => String) npi!: string;
  @Field(() => String, { description: 'Given and family name.' }) name!: string;
}

@ObjectType({ description: 'The subscriber\'s insurance as billed (PHI).' })
export class ClaimSubscriber {
  @Field(() => String) memberId!: string;
  @Field(() => String, { nullable: true }) groupNumber!: string | null;
  @Field(() => String, { nullable: true }) groupName!: string | null;
  @Field(() => String, { description: 'Patient\'s relationship to the subscriber (X12 code: 18 self, 01 spouse, 19 child, G8 other…).' }) relationshipCode!: string;
  @Field(() => String, { description: 'X12 claim filing indicator (CI commercial, MB Medicare B, MC Medicaid…).' }) claimFilingIndicator!: string;
}

@ObjectType({ description: 'One diagnosis of a claim; lines point at it by its letter.' })
export class ClaimDiagnosis {
  @Field(() => String, { description: 'Pointer letter A–L.' }) pointer!: string;
  @Field(() => String, { description: 'ICD-10-CM code as printed (J06.9).' }) code!: string;
}

@ObjectType({ description: 'One service line as billed.' })
export class ClaimLine {
  @Field(() => Int) lineNumber!: number;
  @Field(() => String) code!: string;
  @Field(() => [String]) modifiers!: string[];
  @Field(() => Int) units!: number;
  @Field(() => MoneyScalar, { description: 'The line\'s charge.' }) charge!: number;
  @Field(() => [String], { description: 'Letters of the diagnoses the line treats.' }) diagnosisPointers!: string[];
  @Field(() => LocalDateScalar) dateOfService!: string;
  @Field(() => String, { nullable: true, description: 'Only when it differs from the claim\'s.' }) placeOfServiceCode!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType({ description: 'A status change of a claim: from, to, who, when and why.' })
export class ClaimStatusChange {
  @Field(() => ClaimStatus, { nullable: true, description: 'Null for the creation.' }) from!: ClaimStatus | null;
  @Field(() => ClaimStatus) to!: ClaimStatus;
  @Field(() => Int, { description: 'The claim revision at the change.' }) revision!: number;
  @Field(() => String, { description: 'USER, SCRUB, SUBMISSION, ACKNOWLEDGMENT, STATUS_INQUIRY, REMITTANCE or SYSTEM.' }) source!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true, description: 'The batch or acknowledgment behind the change.' }) reference!: string | null;
  @Field(() => String, { description: 'User id (or system name) of who made the change.' }) changedBy!: string;
  @Field(() => DateTimeScalar) changedAt!: Date;
}

@ObjectType({ description: 'A note on a claim by someone working it.' })
export class ClaimNote {
  @Field(() => ID) id!: string;
  @Field(() => String) body!: string;
  @Field(() => String, { description: 'User id of the author.' }) authorId!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType({ description: 'A payer that adjudicated the claim before this claim\'s payer (coordination of benefits), as the claim carries it (837P loops 2320/2330B/2430).' })
export class ClaimOtherPayer {
  @Field(() => String, { description: 'Its responsibility: P primary, S secondary.' }) responsibility!: string;
  @Field(() => String) payerName!: string;
  @Field(() => String, { description: 'Its EDI payer id (2330B NM109, SVD01).' }) ediPayerId!: string;
  @Field(() => String, { nullable: true, description: 'Its claim control number.' }) payerClaimNumber!: string | null;
  @Field(() => LocalDateScalar, { description: 'When it adjudicated (DTP*573).' }) adjudicationDate!: string;
  @Field(() => MoneyScalar, { description: 'What it paid (AMT*D).' }) paid!: number;
  @Field(() => MoneyScalar, { description: 'What it left to the patient (Σ PR; AMT*EAF).' }) patientResponsibility!: number;
}

@ObjectType({ description: 'A claim to one payer (PHI; reads are audited). What it bills was frozen when it was created from a finalized superbill.' })
export class Claim {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Human-facing claim number.' }) number!: string;
  @Field(() => String, { description: 'Patient account number (CLM01), unique in the practice.' }) patientAccountNumber!: string;
  @Field(() => ClaimStatus) status!: ClaimStatus;
  @Field(() => String, { description: 'Claim frequency code: 1 original, 7 replacement, 8 void.' }) frequencyCode!: string;
  @Field(() => Int, { description: 'Resubmission revision: 1, then +1 each time a rejected claim is corrected.' }) revision!: number;
  @Field(() => Int, { description: 'Pass it as expectedVersion when changing the claim.' }) version!: number;
  @Field(() => ID) superbillId!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) payerId!: string;
  @Field(() => ID) coverageId!: string;
  @Field(() => ID, { nullable: true }) renderingProviderId!: string | null;
  @Field(() => ID) locationId!: string;
  @Field(() => ID, { nullable: true, description: 'The claim this one replaces (frequency 7) or voids (8).' }) originalClaimId!: string | null;
  @Field(() => String, { nullable: true, description: 'The payer\'s claim control number of this claim.' }) payerClaimNumber!: string | null;
  @Field(() => String, { description: 'The payer\'s responsibility for this claim (SBR01): P primary, S secondary, T tertiary.' }) payerResponsibility!: string;
  @Field(() => ID, { nullable: true, description: 'For a secondary (tertiary) claim: the claim to the payer before it.' }) priorPayerClaimId!: string | null;
  @Field(() => [ClaimOtherPayer], { description: 'The earlier payers\' adjudication this claim carries (empty on a primary claim).' }) otherPayers!: ClaimOtherPayer[];
  @Field(() => String, { nullable: true, description: 'The payer\'s claim number of the claim replaced or voided (REF*F8).' }) originalPayerClaimNumber!: string | null;
  @Field(() => LocalDateScalar) dateOfService!: string;
  @Field(() => String) placeOfServiceCode!: string;
  @Field(() => MoneyScalar, { description: 'Sum of the lines\' charges.' }) totalCharge!: number;
  @Field(() => MoneyScalar, { description: 'What the patient paid before billing (copay).' }) patientPaid!: number;
  @Field(() => String, { nullable: true }) priorAuthorizationNumber!: string | null;
  @Field(() => ClaimSubscriber) subscriber!: ClaimSubscriber;
  @Field(() => ClaimBillingProvider) billingProvider!: ClaimBillingProvider;
  @Field(() => ClaimIndividualProvider, { nullable: true }) renderingProvider!: ClaimIndividualProvider | null;
  @Field(() => ClaimIndividualProvider, { nullable: true }) referringProvider!: ClaimIndividualProvider | null;
  @Field(() => [ClaimDiagnosis], { description: 'In pointer order (A first, the principal diagnosis).' }) diagnoses!: ClaimDiagnosis[];
  @Field(() => [ClaimLine]) lines!: ClaimLine[];
  @Field(() => ClaimScrub, { nullable: true, description: 'The last scrub; null when never scrubbed or edited since.' }) lastScrub!: ClaimScrub | null;
  @Field(() => String, { nullable: true, description: 'User id of who works the claim.' }) assigneeId!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) nextFollowUpOn!: string | null;
  @Field(() => DateTimeScalar) statusChangedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) submittedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) acknowledgedAt!: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

@ObjectType({ description: 'The claims of a superbill after createClaims (empty for a self-pay visit).' })
export class CreateClaimsPayload {
  @Field(() => [Claim]) claims!: Claim[];
  @Field(() => Boolean, { description: 'True when the claim already existed (a repeated call).' }) existing!: boolean;
}

@ObjectType({ description: 'A claim after a change.' })
export class ClaimPayload {
  @Field(() => Claim) claim!: Claim;
}

@ObjectType({ description: 'A correction of an adjudicated claim: the original and the new claim (frequency 7 or 8) linked to it.' })
export class ClaimCorrectionPayload {
  @Field(() => Claim) original!: Claim;
  @Field(() => Claim, { nullable: true, description: 'The new replacement or void claim; null when voidClaim voided a claim never adjudicated in place.' }) correction!: Claim | null;
}

@ObjectType({ description: 'A note after addClaimNote.' })
export class ClaimNotePayload {
  @Field(() => ClaimNote) note!: ClaimNote;
  @Field(() => Claim) claim!: Claim;
}
