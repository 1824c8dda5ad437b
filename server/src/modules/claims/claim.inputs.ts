import { IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { IsLocalDate, IsNotBlank } from '../../lib/validation.js';
import { ReferringProviderInput } from '../superbills/superbill.inputs.js';

@InputType()
export class CreateClaimsInput {
  @Field(() => ID, { description: 'A FINALIZED superbill.' }) superbillId!: string;
}

@InputType()
export class ScrubClaimInput {
  @Field(() => ID) id!: string;
}

@InputType({ description: 'One service line of a corrected claim (the lines given replace all lines).' })
export class ClaimLineInput {
  @Field(() => String, { description: 'CPT or HCPCS code.' }) @Length(1, 5) code!: string;
  @Field(() => [String], { defaultValue: [], description: 'Up to 4 two-character modifiers.' }) modifiers!: string[];
  @Field(() => Int, { defaultValue: 1 }) units!: number;
  @Field(() => MoneyScalar, { description: 'The line\'s charge (not negative).' }) charge!: number;
  @Field(() => [String], { description: 'Letters (A–L) of the diagnoses the line treats, 1 to 4.' }) diagnosisPointers!: string[];
}

/** The parts of a claim a biller may correct; every field left out stays as it is. */
@InputType()
export abstract class ClaimChangesInput {
  @Field(() => String, { nullable: true, description: 'The subscriber\'s member id, as on the card.' }) @IsOptional() @Length(1, 80) memberId?: string | null;
  @Field(() => String, { nullable: true, description: 'Group number; an empty string removes it.' }) @IsOptional() @Length(0, 50) groupNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'Prior authorization number; an empty string removes it.' }) @IsOptional() @Length(0, 50) priorAuthorizationNumber?: string | null;
  @Field(() => ReferringProviderInput, { nullable: true }) @IsOptional() @ValidateNested() referringProvider?: ReferringProviderInput | null;
  @Field(() => [String], { nullable: true, description: 'ICD-10-CM codes in order (A first), 1 to 12; replace the current ones.' }) diagnoses?: string[] | null;
  @Field(() => [ClaimLineInput], { nullable: true, description: '1 to 50 lines; replace the current ones.' }) @IsOptional() @ValidateNested({ each: true }) lines?: ClaimLineInput[] | null;
}

@InputType({ description: 'Corrections to a DRAFT, READY or REJECTED claim. A READY claim goes back to DRAFT (scrub it again); a REJECTED one becomes a DRAFT of the next revision, to be scrubbed and resubmitted as the same claim.' })
export class UpdateClaimInput extends ClaimChangesInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType({ description: 'A replacement (frequency 7) of an adjudicated claim, with the corrections it carries.' })
export class ReplaceClaimInput extends ClaimChangesInput {
  @Field(() => ID, { description: 'The adjudicated claim (with the payer\'s claim number) to replace.' }) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String) @IsNotBlank() @Length(1, 300) reason!: string;
}

@InputType({ description: 'An adjudicated claim the biller has finished with.' })
export class CloseClaimInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { description: 'Why it is done (e.g. patient share billed, denial written off).' }) @IsNotBlank() @Length(1, 300) reason!: string;
}

@InputType({ description: 'Void a claim: in place when the payer never adjudicated it (DRAFT, READY, REJECTED), else by a new void claim (frequency 8).' })
export class VoidClaimInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String) @IsNotBlank() @Length(1, 300) reason!: string;
}

@InputType()
export class AssignClaimInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'User id of who works the claim; null unassigns it.' }) @IsOptional() @Length(1, 100) assigneeId?: string | null;
}

@InputType()
export class AddClaimNoteInput {
  @Field(() => ID) id!: string;
  @Field(() => String) @IsNotBlank() @Length(1, 4000) body!: string;
}

@InputType()
export class SetClaimFollowUpInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'When to look at the claim again; null clears it.' }) @IsOptional() @IsLocalDate() date?: string | null;
}
