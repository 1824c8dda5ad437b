import { Arg, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { accessText, SCHEDULE_READERS } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import { BookAppointmentInput, CancelAppointmentInput, ChangeAppointmentStatusInput, CheckInInput, RescheduleAppointmentInput } from './appointment.inputs.js';
import { toAppointment } from './appointment.mapper.js';
import * as service from './appointment.service.js';
import { Appointment, AppointmentStatusChange } from './appointment.type.js';
import { bookAppointment } from './booking.service.js';
import { checkInPatient } from './check-in.service.js';

/** Who sees appointments (times, status, who and where; free text has its own rule on the fields). */
export const APPOINTMENT_READERS = SCHEDULE_READERS;
/** Roles that book and move appointments. */
export const APPOINTMENT_WRITERS = [Role.FRONT_DESK, Role.PRACTICE_ADMIN];

@ObjectType()
class AppointmentPayload {
  @Field(() => Appointment) appointment!: Appointment;
}

@Resolver(() => Appointment)
export class AppointmentResolver {
  @Authorized(APPOINTMENT_READERS)
  @Query(() => Appointment, { description: `One appointment. ${accessText(APPOINTMENT_READERS)}` })
  async appointment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Appointment> {
    const row = await ctx.loaders.appointment.load(id);
    if (!row) throw notFound('Appointment', id);
    ctx.audit.read('Appointment', row.id, row.patientId);
    return toAppointment(row);
  }

  @Authorized(APPOINTMENT_READERS)
  @Query(() => [AppointmentStatusChange], { description: `Every status change of an appointment (booking, reschedules, check-in…), oldest first. ${accessText(APPOINTMENT_READERS)}` })
  appointmentStatusHistory(@Arg('appointmentId', () => ID) appointmentId: string, @Ctx() ctx: Context): Promise<AppointmentStatusChange[]> {
    return service.statusHistory(ctx.db, requirePrincipal(ctx), ctx.audit, appointmentId);
  }

  @Authorized(...APPOINTMENT_WRITERS)
  @Mutation(() => AppointmentPayload, {
    description:
      'Books an appointment. Errors: SLOT_CONFLICT (the provider or the patient already has an overlapping appointment, buffers included), BAD_USER_INPUT (outside availability, too soon, too far ahead — unless a FRONT_DESK user sets overrideAvailability), IDEMPOTENCY_KEY_REUSED. Roles: FRONT_DESK, PRACTICE_ADMIN.',
  })
  async bookAppointment(@Arg('input', () => BookAppointmentInput) input: BookAppointmentInput, @Ctx() ctx: Context): Promise<AppointmentPayload> {
    return { appointment: await bookAppointment(ctx.db, requirePrincipal(ctx), ctx.audit, ctx.pubsub, input, new Date()) };
  }

  @Authorized(...APPOINTMENT_WRITERS)
  @Mutation(() => AppointmentPayload, { description: 'Moves a BOOKED or CONFIRMED appointment to a new time (same id; history records it). Atomic: SLOT_CONFLICT leaves it unchanged. Roles: FRONT_DESK, PRACTICE_ADMIN.' })
  async rescheduleAppointment(@Arg('input', () => RescheduleAppointmentInput) input: RescheduleAppointmentInput, @Ctx() ctx: Context): Promise<AppointmentPayload> {
    return { appointment: await service.rescheduleAppointment(ctx.db, requirePrincipal(ctx), ctx.audit, ctx.pubsub, input, new Date()) };
  }

  @Authorized(...APPOINTMENT_WRITERS)
  @Mutation(() => AppointmentPayload, { description: 'Cancels an appointment with a reason; frees its time. Roles: FRONT_DESK, PRACTICE_ADMIN.' })
  async cancelAppointment(@Arg('input', () => CancelAppointmentInput) input: CancelAppointmentInput, @Ctx() ctx: Context): Promise<AppointmentPayload> {
    return { appointment: await service.cancelAppointment(ctx.db, requirePrincipal(ctx), ctx.audit, ctx.pubsub, input, new Date()) };
  }

  @Authorized(...APPOINTMENT_WRITERS)
  @Mutation(() => AppointmentPayload, { description: 'Marks a started appointment as a no-show; frees its time. Roles: FRONT_DESK, PRACTICE_ADMIN.' })
  async markNoShow(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null, @Ctx() ctx: Context): Promise<AppointmentPayload> {
    return { appointment: await service.markNoShow(ctx.db, requirePrincipal(ctx), ctx.audit, ctx.pubsub, id, expectedVersion, new Date()) };
  }

  @Authorized(Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN)
  @Mutation(() => AppointmentPayload, { description: 'Confirms, rooms (optionally into a room of the location: roomId), completes or voids (ENTERED_IN_ERROR) an appointment; illegal transitions get BAD_USER_INPUT, a room with a patient already in it SLOT_CONFLICT. Roles: FRONT_DESK, CLINICIAN, PRACTICE_ADMIN.' })
  async changeAppointmentStatus(@Arg('input', () => ChangeAppointmentStatusInput) input: ChangeAppointmentStatusInput, @Ctx() ctx: Context): Promise<AppointmentPayload> {
    return { appointment: await service.changeStatus(ctx.db, requirePrincipal(ctx), ctx.audit, ctx.pubsub, input) };
  }

  @Authorized(...APPOINTMENT_WRITERS)
  @Mutation(() => AppointmentPayload, { description: 'Checks a patient in (status ARRIVED); late arrivals (over 10 minutes after the start) are flagged. Roles: FRONT_DESK, PRACTICE_ADMIN.' })
  async checkInPatient(@Arg('appointmentId', () => ID) appointmentId: string, @Arg('input', () => CheckInInput) input: CheckInInput, @Ctx() ctx: Context): Promise<AppointmentPayload> {
    return { appointment: await checkInPatient(ctx.db, requirePrincipal(ctx), ctx.audit, ctx.pubsub, appointmentId, input, new Date()) };
  }
}
