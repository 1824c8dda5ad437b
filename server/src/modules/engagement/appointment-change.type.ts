import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

export enum AppointmentChangeKind {
  BOOKED = 'BOOKED',
  RESCHEDULED = 'RESCHEDULED',
  CANCELLED = 'CANCELLED',
  STATUS_CHANGED = 'STATUS_CHANGED',
}
registerEnumType(AppointmentChangeKind, { name: 'AppointmentChangeKind', description: 'What happened to an appointment.' });

@ObjectType({
  description: 'A change to an appointment at a location, pushed to subscribed screens. Ids only, no patient data: fetch details with a query.',
})
export class AppointmentChange {
  @Field(() => ID) appointmentId!: string;
  @Field(() => AppointmentChangeKind) kind!: AppointmentChangeKind;
  @Field(() => String, { description: 'The appointment status after the change (e.g. HELD, BOOKED, ARRIVED, CANCELLED).' }) status!: string;
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => ID) providerId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => DateTimeScalar, { description: 'When the change happened.' }) at!: Date;
}
