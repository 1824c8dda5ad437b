import { IsBoolean, IsInt, IsOptional, Length, Matches, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { IsNotBlank } from '../../lib/validation.js';
import { PaymentMethod } from '../accounts/patient-payment.inputs.js';
import { AppointmentStatus } from './appointment-status.js';
import { Modality } from './appointment-type.type.js';
import { IntakeFormsStatus } from './appointment.type.js';

@InputType()
export class BookAppointmentInput {
  @Field(() => String, { description: 'Client-chosen key (8–100 chars). Retrying with the same key and input returns the same appointment; the same key with other input gets IDEMPOTENCY_KEY_REUSED.' })
  @Length(8, 100) idempotencyKey!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) providerId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => ID) appointmentTypeId!: string;
  @Field(() => DateTimeScalar, { description: 'Start instant; the end is start + the type\'s duration.' }) startsAt!: Date;
  @Field(() => Modality, { defaultValue: Modality.IN_PERSON }) modality!: Modality;
  @Field(() => Boolean, { defaultValue: true, description: 'Telehealth only: the patient joins from home (place of service 10) or elsewhere (02).' })
  @IsBoolean() patientAtHome!: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) reason?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) notes?: string | null;
  @Field(() => Boolean, { defaultValue: false, description: 'FRONT_DESK only: book even outside the provider\'s availability (recorded on the appointment and in the audit trail). Never overrides another booking.' })
  @IsBoolean() overrideAvailability!: boolean;
}

@InputType()
export class RescheduleAppointmentInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => ID, { nullable: true, description: 'Move to another provider; omit to keep the provider.' }) providerId?: string | null;
  @Field(() => Boolean, { defaultValue: false, description: 'FRONT_DESK only, as for booking.' }) @IsBoolean() overrideAvailability!: boolean;
}

@InputType()
export class CancelAppointmentInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'When given, a stale version gets VERSION_CONFLICT.' }) expectedVersion?: number | null;
  @Field(() => String, { description: 'Why (no clinical details needed).' }) @IsNotBlank() @Length(1, 500) reason!: string;
}

@InputType()
export class ChangeAppointmentStatusInput {
  @Field(() => ID) id!: string;
  @Field(() => AppointmentStatus, { description: 'CONFIRMED, IN_ROOM, COMPLETED or ENTERED_IN_ERROR (use checkInPatient, cancelAppointment, markNoShow for the others).' })
  status!: AppointmentStatus;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) note?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'With status IN_ROOM only, and optional (offices without rooms omit it): an active room of the appointment\'s location. A room another appointment is IN_ROOM in gets SLOT_CONFLICT.',
  })
  roomId?: string | null;
}

@InputType({ description: 'The copay the front desk collected at check-in: recorded as a patient payment (PATIENT_PAYMENT in the ledger), held as a credit on the account for this visit.' })
export class CopayCollectedInput {
  @Field(() => MoneyScalar, { description: 'Positive cents.' }) amount!: number;
  @Field(() => PaymentMethod) method!: PaymentMethod;
  @Field(() => String, { nullable: true, description: 'CARD only, and required for it: the single-use token from the card reader. Card numbers are never sent or stored.' })
  @IsOptional() @Length(1, 200) cardToken?: string | null;
  @Field(() => String, { nullable: true, description: 'CHECK only: the check number.' }) @IsOptional() @Matches(/^[0-9A-Za-z-]{1,30}$/) checkNumber?: string | null;
}

@InputType()
export class CheckInInput {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Defaults to now; not in the future.' }) arrivedAt?: Date | null;
  @Field(() => Boolean) @IsBoolean() demographicsConfirmed!: boolean;
  @Field(() => Boolean) @IsBoolean() insuranceCardConfirmed!: boolean;
  @Field(() => IntakeFormsStatus) intakeFormsStatus!: IntakeFormsStatus;
  @Field(() => MoneyScalar, { defaultValue: 0, description: 'Copay due in cents, recorded for billing to collect.' }) @IsInt() @Min(0) copayDue!: number;
  @Field(() => CopayCollectedInput, {
    nullable: true,
    description: 'The copay collected now, if any: recorded as a patient payment before the check-in (a declined card refuses the check-in and records nothing); a retry of the check-in records it once.',
  })
  @IsOptional() @ValidateNested() copayCollected?: CopayCollectedInput | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
