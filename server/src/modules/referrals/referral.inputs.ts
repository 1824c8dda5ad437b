import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { IsNotBlank, IsNpi, IsUsPhone } from '../../lib/validation.js';
import { AddressInput } from '../common/address.type.js';
import { ContactAttachmentInput } from '../correspondence/contact.inputs.js';
import { RegisterPatientInput } from '../patients/patient.inputs.js';
import { ReferralDirection, ReferralStatus, ReferralUrgency } from './referral.type.js';

const TAXONOMY = /^\d{3}[0-9A-Z]{6}X$/;
const ID_MESSAGE = { message: 'must be an id' };

@InputType({ description: 'An outside provider for the directory.' })
export class ExternalProviderInput {
  @Field(() => String) @IsNotBlank() @Length(1, 200) name!: string;
  @Field(() => String, { description: '10 digits with a valid check digit.' }) @IsNpi() npi!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(TAXONOMY, { message: 'must be a NUCC taxonomy code such as 207RC0000X' }) taxonomyCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) specialty?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) organization?: string | null;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() address?: AddressInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsUsPhone() phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsUsPhone() fax?: string | null;
  @Field(() => [ID], { defaultValue: [], description: 'Payers of your practice the provider accepts.' }) @ArrayMaxSize(100) @IsUUID('all', { each: true, message: 'must be an id' }) acceptedPayerIds!: string[];
}

@InputType({ description: 'The payer\'s authorization for a referral.' })
export class ReferralAuthorizationInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 50) number?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(999) visits?: number | null;
  @Field(() => LocalDateScalar, { nullable: true }) validFrom?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) validTo?: string | null;
}

@InputType({ description: 'A new outgoing referral (DRAFT).' })
export class CreateReferralInput {
  @Field(() => ID) @IsUUID('all', ID_MESSAGE) patientId!: string;
  @Field(() => ID, { description: 'The referring provider of your practice.' }) @IsUUID('all', ID_MESSAGE) providerId!: string;
  @Field(() => ID, { description: 'The specialist, from the directory.' }) @IsUUID('all', ID_MESSAGE) externalProviderId!: string;
  @Field(() => String) @IsNotBlank() @Length(1, 2000) reason!: string;
  @Field(() => [String], { defaultValue: [], description: 'ICD-10-CM codes in force today (dots allowed).' }) @ArrayMaxSize(12) diagnosisCodes!: string[];
  @Field(() => ReferralUrgency, { defaultValue: ReferralUrgency.ROUTINE }) urgency!: ReferralUrgency;
  @Field(() => [ContactAttachmentInput], { defaultValue: [] }) @ArrayMaxSize(20) @ValidateNested({ each: true }) attachments!: ContactAttachmentInput[];
  @Field(() => ReferralAuthorizationInput, { nullable: true }) @IsOptional() @ValidateNested() authorization?: ReferralAuthorizationInput | null;
}

@InputType()
export class UpdateReferralAuthorizationInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => ReferralAuthorizationInput) @ValidateNested() authorization!: ReferralAuthorizationInput;
}

@InputType({ description: 'Moves a referral to its next status. SCHEDULED needs scheduledFor; DECLINED and CANCELLED need a note (the reason); `on` dates SENT, SEEN and REPORT_RECEIVED (default today). Closing an outgoing referral means a CLINICIAN reviewed the report.' })
export class MoveReferralInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => ReferralStatus) to!: ReferralStatus;
  @Field(() => LocalDateScalar, { nullable: true }) on?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) scheduledFor?: Date | null;
  @Field(() => ID, { nullable: true, description: 'INCOMING, SCHEDULED: our appointment for the patient.' }) @IsOptional() @IsUUID('all', ID_MESSAGE) appointmentId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 2000) note?: string | null;
  @Field(() => ContactAttachmentInput, { nullable: true, description: 'REPORT_RECEIVED: the report document.' }) @IsOptional() @ValidateNested() report?: ContactAttachmentInput | null;
}

@InputType({ description: 'The booking request an incoming referral puts on the waitlist.' })
export class ReferralBookingInput {
  @Field(() => ID) @IsUUID('all', ID_MESSAGE) appointmentTypeId!: string;
  @Field(() => ID) @IsUUID('all', ID_MESSAGE) locationId!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', ID_MESSAGE) providerId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) latestDate?: string | null;
}

@InputType({ description: 'A referral received from outside. Give patientId, or newPatient (registered with the duplicate check: likely duplicates stop it until confirmNotDuplicate).' })
export class ReceiveReferralInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', ID_MESSAGE) patientId?: string | null;
  @Field(() => RegisterPatientInput, { nullable: true }) @IsOptional() @ValidateNested() newPatient?: RegisterPatientInput | null;
  @Field(() => ID, { description: 'The referring outside provider, from the directory.' }) @IsUUID('all', ID_MESSAGE) referringProviderId!: string;
  @Field(() => ID, { nullable: true, description: 'The provider here the patient is referred to.' }) @IsOptional() @IsUUID('all', ID_MESSAGE) providerId?: string | null;
  @Field(() => String) @IsNotBlank() @Length(1, 2000) reason!: string;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(12) diagnosisCodes!: string[];
  @Field(() => ReferralUrgency, { defaultValue: ReferralUrgency.ROUTINE }) urgency!: ReferralUrgency;
  @Field(() => [ContactAttachmentInput], { defaultValue: [] }) @ArrayMaxSize(20) @ValidateNested({ each: true }) attachments!: ContactAttachmentInput[];
  @Field(() => ReferralAuthorizationInput, { nullable: true }) @IsOptional() @ValidateNested() authorization?: ReferralAuthorizationInput | null;
  @Field(() => ReferralBookingInput) @ValidateNested() booking!: ReferralBookingInput;
}

@InputType({ description: 'Narrows the referral list; conditions combine (AND).' })
export class ReferralFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', ID_MESSAGE) patientId?: string | null;
  @Field(() => ReferralDirection, { nullable: true }) direction?: ReferralDirection | null;
  @Field(() => [ReferralStatus], { nullable: true }) statuses?: ReferralStatus[] | null;
}
