import { IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { IsLocalDate, IsNotBlank, IsNpi } from '../../lib/validation.js';

@InputType({ description: 'A referring provider (name and NPI).' })
export class ReferringProviderInput {
  @Field(() => String) @IsNotBlank() @Length(1, 120) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNpi() npi?: string | null;
}

@InputType({ description: 'One service line. The charge is the fee schedule\'s price on the date of service × units unless unitCharge says otherwise (then with chargeOverrideReason).' })
export class SuperbillLineInput {
  @Field(() => String, { description: 'CPT or HCPCS code.' }) @Length(5, 5) code!: string;
  @Field(() => [String], { defaultValue: [], description: 'Up to 4 two-character modifiers (25, 59, 95, GT, LT…).' }) modifiers!: string[];
  @Field(() => Int, { defaultValue: 1, description: 'At least 1.' }) units!: number;
  @Field(() => MoneyScalar, { nullable: true, description: 'Fee of one unit, when it differs from the fee schedule (needs chargeOverrideReason) or the schedule has no price.' }) unitCharge?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) chargeOverrideReason?: string | null;
  @Field(() => [String], { description: 'Letters (A–L) of the diagnoses this line treats, 1 to 4, most important first.' }) diagnosisPointers!: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) note?: string | null;
}

@InputType({ description: 'A new superbill: from an appointment (ARRIVED, IN_ROOM or COMPLETED; patient, provider, location, date and place of service come from it), or standalone for a visit recorded elsewhere (then give those five).' })
export class CreateSuperbillInput {
  @Field(() => String, { nullable: true, description: 'Client-chosen key (8–100 chars): a retry with the same key and input returns the same superbill; other input gets IDEMPOTENCY_KEY_REUSED.' })
  @IsOptional() @Length(8, 100) idempotencyKey?: string | null;
  @Field(() => ID, { nullable: true }) appointmentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Standalone only.' }) patientId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Standalone only: the rendering provider.' }) renderingProviderId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Standalone only.' }) locationId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Standalone only.' }) @IsOptional() @IsLocalDate() dateOfService?: string | null;
  @Field(() => String, { nullable: true, description: 'Standalone only: CMS place of service (default: the location\'s; 02/10 mean telehealth).' }) placeOfServiceCode?: string | null;
  @Field(() => ID, { nullable: true, description: 'Payer whose rules apply; default: the patient\'s primary coverage on the date of service.' }) payerId?: string | null;
  @Field(() => ReferringProviderInput, { nullable: true }) @IsOptional() @ValidateNested() referringProvider?: ReferringProviderInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 50) priorAuthorizationNumber?: string | null;
  @Field(() => MoneyScalar, { nullable: true, description: 'Copay collected; default: the copay recorded at check-in (0 standalone).' }) copayCollected?: number | null;
  @Field(() => [String], { defaultValue: [], description: 'ICD-10-CM codes in order (A first), at most 12.' }) diagnoses!: string[];
  @Field(() => [SuperbillLineInput], { defaultValue: [], description: 'At most 50 lines.' }) lines!: SuperbillLineInput[];
}

@InputType({ description: 'Changes to a DRAFT superbill. diagnoses and lines, when given, replace the current ones entirely.' })
export class UpdateSuperbillInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => ID, { nullable: true }) payerId?: string | null;
  @Field(() => ReferringProviderInput, { nullable: true, description: 'null removes it.' }) @IsOptional() @ValidateNested() referringProvider?: ReferringProviderInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 50) priorAuthorizationNumber?: string | null;
  @Field(() => MoneyScalar, { nullable: true }) copayCollected?: number | null;
  @Field(() => [String], { nullable: true }) diagnoses?: string[] | null;
  @Field(() => [SuperbillLineInput], { nullable: true }) lines?: SuperbillLineInput[] | null;
}

@InputType()
export class FinalizeSuperbillInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'Client-chosen key (8–100 chars): a retry returns the finalized superbill instead of VERSION_CONFLICT.' })
  @IsOptional() @Length(8, 100) idempotencyKey?: string | null;
}

@InputType()
export class VoidSuperbillInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String) @IsNotBlank() @Length(1, 300) reason!: string;
}

@InputType()
export class CorrectSuperbillInput {
  @Field(() => ID, { description: 'The FINALIZED superbill to correct.' }) id!: string;
  @Field(() => Int) expectedVersion!: number;
}
