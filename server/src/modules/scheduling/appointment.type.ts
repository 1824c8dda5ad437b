import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { accessText, CLINICAL_TEXT_READERS, STAFF_PHI } from '../../graphql/access.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import type { PatientRow } from '../patients/patient.mapper.js';
import type { ProviderRow } from '../providers/provider.mapper.js';
import { AppointmentStatus } from './appointment-status.js';
import { Modality } from './appointment-type.type.js';
import type { AppointmentTypeRow } from './appointment-type.type.js';

registerEnumType(AppointmentStatus, {
  name: 'AppointmentStatus',
  description: 'BOOKED → CONFIRMED → ARRIVED (checked in) → IN_ROOM → COMPLETED; or CANCELLED, NO_SHOW, ENTERED_IN_ERROR.',
});

export enum IntakeFormsStatus {
  NOT_SENT = 'NOT_SENT',
  SENT = 'SENT',
  PARTIAL = 'PARTIAL',
  COMPLETE = 'COMPLETE',
}
registerEnumType(IntakeFormsStatus, { name: 'IntakeFormsStatus' });

@ObjectType({ description: 'What the front desk recorded at check-in.' })
export class CheckIn {
  @Field(() => DateTimeScalar) arrivedAt!: Date;
  @Field(() => Boolean) demographicsConfirmed!: boolean;
  @Field(() => Boolean) insuranceCardConfirmed!: boolean;
  @Field(() => IntakeFormsStatus) intakeFormsStatus!: IntakeFormsStatus;
  @Field(() => MoneyScalar, { description: 'Copay due for this visit, in cents (collected by billing).' }) copayDue!: number;
  @Field(() => MoneyScalar, { description: 'Copay collected at check-in, in cents (0 when none was recorded).' }) copayCollected!: number;
  @Field(() => ID, { nullable: true, description: 'The patient payment that recorded the copay collected at check-in.' }) copayPaymentId!: string | null;
  @Field(() => Boolean, { description: 'Arrived after the start time plus the grace period.' }) late!: boolean;
  @Field(() => Int, { description: 'Minutes after the start time (0 when early or on time).' }) minutesLate!: number;
  @Field(() => String, { description: 'User id of the staff member who checked the patient in.' }) checkedInBy!: string;
}

/** Rows fetched with the appointment in the same statement, so field resolvers need no query. */
export interface Preloaded {
  patient?: PatientRow;
  provider?: ProviderRow;
  type?: AppointmentTypeRow;
}

@ObjectType({ description: 'A booked visit: patient data (PHI), reads are audited. [startsAt, endsAt) is half-open.' })
export class Appointment {
  @Field(() => ID) id!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) providerId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => ID) appointmentTypeId!: string;
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => DateTimeScalar) endsAt!: Date;
  @Field(() => AppointmentStatus) status!: AppointmentStatus;
  @Field(() => Modality) modality!: Modality;
  @Field(() => String, { description: 'CMS place of service: the location\'s code in person; 02 or 10 for telehealth.' }) placeOfServiceCode!: string;
  @Authorized(CLINICAL_TEXT_READERS)
  @Field(() => String, { nullable: true, description: `Reason for the visit (free text). ${accessText(CLINICAL_TEXT_READERS)}` }) reason!: string | null;
  @Authorized(CLINICAL_TEXT_READERS)
  @Field(() => String, { nullable: true, description: `Free-text notes. ${accessText(CLINICAL_TEXT_READERS)}` }) notes!: string | null;
  @Field(() => Boolean, { description: 'Booked outside the provider\'s availability by a front-desk override.' }) outsideAvailabilityOverride!: boolean;
  @Authorized(CLINICAL_TEXT_READERS)
  @Field(() => String, { nullable: true, description: `Why it was cancelled (free text). ${accessText(CLINICAL_TEXT_READERS)}` }) cancelReason!: string | null;
  @Field(() => String, { nullable: true, description: 'User id of who cancelled.' }) cancelledBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) cancelledAt!: Date | null;
  @Authorized(STAFF_PHI)
  @Field(() => CheckIn, { nullable: true, description: `Check-in details; null before arrival. ${accessText(STAFF_PHI)}` }) checkIn!: CheckIn | null;
  @Field(() => ID, { nullable: true, description: 'The room the patient was put in (kept after the visit); null when not roomed.' })
  roomId!: string | null | undefined;
  @Field(() => Int) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  preloaded?: Preloaded;
}

@ObjectType({ description: 'One status change of an appointment: who, when, from, to.' })
export class AppointmentStatusChange {
  @Field(() => ID) id!: string;
  @Field(() => AppointmentStatus, { nullable: true, description: 'Null for the booking itself.' }) fromStatus!: AppointmentStatus | null;
  @Field(() => AppointmentStatus) toStatus!: AppointmentStatus;
  @Field(() => String, { description: 'User id.' }) changedBy!: string;
  @Field(() => DateTimeScalar) changedAt!: Date;
  @Authorized(CLINICAL_TEXT_READERS)
  @Field(() => String, { nullable: true, description: `E.g. "RESCHEDULED 2026-03-09T14:00:00.000Z -> 2026-03-10T15:00:00.000Z", or a cancel reason (free text). ${accessText(CLINICAL_TEXT_READERS)}` }) note!: string | null;
}
