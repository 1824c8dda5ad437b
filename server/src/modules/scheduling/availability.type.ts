import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { availabilityExceptions, availabilityRules } from '../../db/schema/scheduling.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';

export enum AvailabilityExceptionKind {
  TIME_OFF = 'TIME_OFF',
  EXTRA_HOURS = 'EXTRA_HOURS',
  BLOCKED = 'BLOCKED',
}
registerEnumType(AvailabilityExceptionKind, {
  name: 'AvailabilityExceptionKind',
  description: 'TIME_OFF and BLOCKED (meetings, lunch) remove bookable time; EXTRA_HOURS adds it.',
});

export type AvailabilityRuleRow = typeof availabilityRules.$inferSelect;
export type AvailabilityExceptionRow = typeof availabilityExceptions.$inferSelect;

@ObjectType({ description: 'Weekly recurring working hours of a provider at a location, in the location\'s wall-clock time.' })
export class AvailabilityRule {
  @Field(() => ID) id!: string;
  @Field(() => ID) providerId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday … 7 = Sunday.' }) weekday!: number;
  @Field(() => String, { description: 'Local start time HH:MM.' }) startTime!: string;
  @Field(() => String, { description: 'Local end time HH:MM (exclusive).' }) endTime!: string;
  @Field(() => LocalDateScalar) effectiveFrom!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last date the rule applies (inclusive); null = open-ended.' }) effectiveTo!: string | null;
  @Field(() => Boolean) active!: boolean;
}

@ObjectType({ description: 'A one-off change to a provider\'s availability, between two instants.' })
export class AvailabilityException {
  @Field(() => ID) id!: string;
  @Field(() => ID) providerId!: string;
  @Field(() => ID, { nullable: true, description: 'Null = applies at every location.' }) locationId!: string | null;
  @Field(() => AvailabilityExceptionKind) kind!: AvailabilityExceptionKind;
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => DateTimeScalar) endsAt!: Date;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Boolean) active!: boolean;
}

export const toAvailabilityRule = (r: AvailabilityRuleRow): AvailabilityRule => ({
  ...r,
  startTime: r.startTime.slice(0, 5),
  endTime: r.endTime.slice(0, 5),
});

export const toAvailabilityException = (r: AvailabilityExceptionRow): AvailabilityException => ({ ...r, kind: r.kind as AvailabilityExceptionKind });
