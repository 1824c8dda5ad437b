import { IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { AvailabilityExceptionKind } from './availability.type.js';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

@InputType({ description: 'Weekly working hours in the location\'s wall-clock time.' })
export class CreateAvailabilityRuleInput {
  @Field(() => ID) providerId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday … 7 = Sunday.' }) @IsInt() @Min(1) @Max(7) weekday!: number;
  @Field(() => String, { description: 'HH:MM, local.' }) @Matches(HH_MM, { message: 'must be a time HH:MM' }) startTime!: string;
  @Field(() => String, { description: 'HH:MM, local, after startTime.' }) @Matches(HH_MM, { message: 'must be a time HH:MM' }) endTime!: string;
  @Field(() => LocalDateScalar) effectiveFrom!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Inclusive; omit for open-ended.' }) effectiveTo?: string | null;
}

@InputType()
export class CreateAvailabilityExceptionInput {
  @Field(() => ID) providerId!: string;
  @Field(() => ID, { nullable: true, description: 'Omit to apply at every location.' }) locationId?: string | null;
  @Field(() => AvailabilityExceptionKind) kind!: AvailabilityExceptionKind;
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => DateTimeScalar, { description: 'After startsAt, at most 366 days later.' }) endsAt!: Date;
  @Field(() => String, { nullable: true, description: 'Staff-facing reason; no patient data.' }) @IsOptional() @Length(0, 200) reason?: string | null;
}
