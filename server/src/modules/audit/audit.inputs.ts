import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

@InputType({ description: 'Audit trail filter. Criteria combine with AND.' })
export class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: "Only events about this patient's data." }) patientId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only events by this user (token subject).' })
  @IsOptional() @Length(1, 200) userId?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Events at or after this instant.' }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Events strictly before this instant.' }) to?: Date | null;
}
