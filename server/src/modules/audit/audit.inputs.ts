import { IsInt, IsOptional, Length, Matches, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

@InputType({ description: 'Audit trail filter. Criteria combine with AND.' })
export class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: "Only events about this patient's data." }) patientId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only events by this user (token subject).' })
  @IsOptional() @Length(1, 200) userId?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Events at or after this instant.' }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Events strictly before this instant.' }) to?: Date | null;
}

@InputType({ description: 'A chain head exported earlier (pnpm audit:head): the link with this seq must still have this hash.' })
export class AuditChainAnchorInput {
  @Field(() => Int) @IsInt() @Min(1) seq!: number;
  @Field(() => String, { description: '64 lowercase hex digits.' }) @Matches(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hex digits' }) hash!: string;
}
