import { IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { IsNotBlank } from '../../lib/validation.js';
import { RecallStatus } from './recall.type.js';

@InputType({ description: 'Give exactly one of dueDate or dueInWeeks.' })
export class CreateRecallInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be an id' }) patientId!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'must be an id' }) providerId?: string | null;
  @Field(() => ID) @IsUUID('all', { message: 'must be an id' }) locationId!: string;
  @Field(() => LocalDateScalar, { nullable: true }) dueDate?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: '"See in N weeks": counted from the originating visit\'s date, else from today at the location.',
  })
  @IsOptional() @IsInt() @Min(1) @Max(260)
  dueInWeeks?: number | null;
  @Field(() => String) @IsNotBlank() @Length(1, 500) reason!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'must be an id' }) originatingAppointmentId?: string | null;
}

@InputType()
export class UpdateRecallStatusInput {
  @Field(() => ID) id!: string;
  @Field(() => RecallStatus) status!: RecallStatus;
  @Field(() => Int, { description: 'The version you read; a stale one gets VERSION_CONFLICT.' }) expectedVersion!: number;
}
