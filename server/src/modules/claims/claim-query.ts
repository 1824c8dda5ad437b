import { IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { IsLocalDate } from '../../lib/validation.js';
import { RelayPageArgs } from '../common/page.args.js';
import { ClaimStatus } from './claim-status.js';
import { Claim } from './claim.type.js';

@InputType({ description: 'Which claims to list; every given condition must hold.' })
export class ClaimFilter {
  @Field(() => [ClaimStatus], { nullable: true }) status?: ClaimStatus[] | null;
  @Field(() => ID, { nullable: true }) payerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The rendering provider.' }) providerId?: string | null;
  @Field(() => ID, { nullable: true }) patientId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'First date of service (inclusive).' }) @IsOptional() @IsLocalDate() dateOfServiceFrom?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last date of service (inclusive).' }) @IsOptional() @IsLocalDate() dateOfServiceTo?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Submitted at or after this instant.' }) submittedFrom?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Submitted before this instant.' }) submittedTo?: Date | null;
}

@ArgsType()
export class ClaimsArgs extends RelayPageArgs {
  @Field(() => ClaimFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: ClaimFilter | null;
}

export const ClaimConnection = Connection('Claim', Claim);

export enum FollowUpReason {
  TIMELY_FILING = 'TIMELY_FILING',
  REJECTED = 'REJECTED',
  UNACKNOWLEDGED = 'UNACKNOWLEDGED',
  PENDING = 'PENDING',
  FOLLOW_UP_DUE = 'FOLLOW_UP_DUE',
}
registerEnumType(FollowUpReason, {
  name: 'FollowUpReason',
  description:
    'Why a claim needs attention, most urgent first: TIMELY_FILING (not yet accepted and the filing limit is near or past), REJECTED, UNACKNOWLEDGED (submitted, no acknowledgment after N days), PENDING (accepted, not adjudicated after N days), FOLLOW_UP_DUE (its follow-up date has come).',
});

@InputType({ description: 'Which claims the follow-up queue shows.' })
export class ClaimFollowUpFilter {
  @Field(() => [FollowUpReason], { nullable: true, description: 'Default: every reason.' }) reasons?: FollowUpReason[] | null;
  @Field(() => ID, { nullable: true }) payerId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only claims assigned to this user id.' }) assigneeId?: string | null;
  @Field(() => Boolean, { defaultValue: false, description: 'Only claims nobody is assigned to.' }) unassignedOnly!: boolean;
  @Field(() => Int, { defaultValue: 7, description: 'Submitted claims without an acknowledgment after this many days (1–365).' }) @Min(1) @Max(365) unacknowledgedAfterDays!: number;
  @Field(() => Int, { defaultValue: 30, description: 'Accepted claims not adjudicated after this many days (1–365).' }) @Min(1) @Max(365) pendingAfterDays!: number;
  @Field(() => Int, { defaultValue: 30, description: 'Claims whose timely-filing limit ends within this many days (0–365).' }) @Min(0) @Max(365) timelyFilingWithinDays!: number;
  @Field(() => Boolean, { defaultValue: false, description: 'Also claims whose next follow-up date is after today.' }) includeSnoozed!: boolean;
}

@ArgsType()
export class ClaimFollowUpArgs extends RelayPageArgs {
  @Field(() => ClaimFollowUpFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: ClaimFollowUpFilter | null;
}

@ObjectType({ description: 'A claim in the follow-up queue with its most urgent reason.' })
export class ClaimFollowUp {
  @Field(() => Claim) claim!: Claim;
  @Field(() => FollowUpReason) reason!: FollowUpReason;
  @Field(() => LocalDateScalar, { description: 'Last day the payer accepts the claim (date of service + the payer\'s timely-filing days).' }) timelyFilingDeadline!: string;
  @Field(() => Int, { description: 'Days from today to that deadline (negative when past).' }) daysToTimelyFiling!: number;
}

export const ClaimFollowUpConnection = Connection('ClaimFollowUp', ClaimFollowUp);
