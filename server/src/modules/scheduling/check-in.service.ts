import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, type FieldProblem, notFound } from '../../graphql/errors.js';
import type { PubSub } from '../../realtime/pubsub.js';
import { recordPatientPayment } from '../accounts/patient-payment.service.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { AppointmentStatus, canTransition } from './appointment-status.js';
import type { CheckInInput } from './appointment.inputs.js';
import { type AppointmentRow, type CheckInJson, toAppointment } from './appointment.mapper.js';
import type { Appointment } from './appointment.type.js';
import { transitionAppointment } from './appointment-transition.js';
import { findAppointmentsByIds } from './appointment.repo.js';
import { LATE_GRACE_MINUTES } from './booking-rules.js';

/** Minutes late (0 if early or on time) and whether that is past the grace period. */
export function lateness(startsAt: Date, arrivedAt: Date): { minutesLate: number; late: boolean } {
  const minutesLate = Math.max(0, Math.floor((arrivedAt.getTime() - startsAt.getTime()) / 60_000));
  return { minutesLate, late: arrivedAt.getTime() > startsAt.getTime() + LATE_GRACE_MINUTES * 60_000 };
}

/** The idempotency key of the copay payment of an appointment's check-in: one copay payment per check-in. */
export const copayPaymentKey = (appointmentId: string) => `check-in-copay:${appointmentId}`;

/**
 * Records the copay collected at check-in as a patient payment (the accounts module's service: card charged
 * through the processor, PATIENT_PAYMENT entries, audit), held as a credit on the account for this visit.
 * Keyed by the appointment, so a retried check-in records it once. Checked first: the appointment exists
 * and may be checked in, so money is not taken for a check-in that cannot happen.
 * @returns the payment's id and the appointment as read (the check-in's guarded write needs no second read)
 */
async function recordCopay(db: Db, principal: Principal, audit: AuditTrail, id: string, copay: NonNullable<CheckInInput['copayCollected']>): Promise<{ paymentId: string; appointment: AppointmentRow }> {
  const [appt] = await findAppointmentsByIds(db, principal.practiceId, [id]);
  if (!appt) throw notFound('Appointment', id);
  if (!canTransition(appt.status as AppointmentStatus, AppointmentStatus.ARRIVED)) throw badInput([{ path: 'appointmentId', message: `cannot change from ${appt.status} to ${AppointmentStatus.ARRIVED}` }]);
  const { payment } = await recordPatientPayment(db, principal, audit, {
    idempotencyKey: copayPaymentKey(id), patientId: appt.patientId, amount: copay.amount, method: copay.method, cardToken: copay.cardToken ?? null, checkNumber: copay.checkNumber ?? null, allocations: [],
  }).catch((err: unknown) => {
    throw underCopay(err);
  });
  return { paymentId: payment.id, appointment: appt };
}

/** The payment service reports its fields as `input.<field>`; here they are fields of `input.copayCollected`. */
function underCopay(err: unknown): unknown {
  if (!(err instanceof AppError) || err.code !== 'BAD_USER_INPUT' || !Array.isArray(err.extensions.fields)) return err;
  const fields = (err.extensions.fields as FieldProblem[]).map((f) => ({ ...f, path: f.path.replace(/^input\./, 'input.copayCollected.') }));
  return new AppError('BAD_USER_INPUT', `Invalid input: ${fields.map((f) => f.path).join(', ')}`, { ...err.extensions, fields });
}

/**
 * Checks a patient in: status ARRIVED with arrival time, confirmations, intake status and copay due; a copay
 * collected now is recorded as a patient payment first (see `recordCopay`).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (arrival in the future, illegal transition, the copay's
 *   amount/method fields, a declined card with `reason: CARD_DECLINED`), IDEMPOTENCY_KEY_REUSED (a retried
 *   check-in with another copay)
 */
export async function checkInPatient(db: Db, principal: Principal, audit: AuditTrail, pubsub: PubSub, id: string, input: CheckInInput, now: Date): Promise<Appointment> {
  const arrivedAt = input.arrivedAt ?? now;
  if (arrivedAt.getTime() > now.getTime() + 60_000) throw badInput([{ path: 'input.arrivedAt', message: 'must not be in the future' }]);
  const copay = input.copayCollected ?? null;
  const recorded = copay ? await recordCopay(db, principal, audit, id, copay) : null;
  const copayPaymentId = recorded?.paymentId ?? null;
  const row = await transitionAppointment(db, principal, audit, pubsub, {
    id,
    // Read before the payment; a change since then fails the version guard and is judged again under lock.
    seen: recorded?.appointment,
    to: AppointmentStatus.ARRIVED,
    path: 'appointmentId',
    expectedVersion: input.expectedVersion,
    patch: (r) => {
      const checkIn: CheckInJson = {
        arrivedAt: arrivedAt.toISOString(),
        demographicsConfirmed: input.demographicsConfirmed,
        insuranceCardConfirmed: input.insuranceCardConfirmed,
        intakeFormsStatus: input.intakeFormsStatus,
        copayDue: input.copayDue,
        copayCollected: copay?.amount ?? 0,
        copayPaymentId,
        ...lateness(r.startsAt, arrivedAt),
        checkedInBy: principal.userId,
      };
      return { arrivedAt, checkIn: checkIn as unknown as Record<string, unknown> };
    },
  });
  return toAppointment(row);
}
