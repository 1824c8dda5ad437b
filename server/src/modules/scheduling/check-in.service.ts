import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput } from '../../graphql/errors.js';
import type { PubSub } from '../../realtime/pubsub.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { AppointmentStatus } from './appointment-status.js';
import type { CheckInInput } from './appointment.inputs.js';
import { type CheckInJson, toAppointment } from './appointment.mapper.js';
import type { Appointment } from './appointment.type.js';
import { transitionAppointment } from './appointment-transition.js';
import { LATE_GRACE_MINUTES } from './booking-rules.js';

/** Minutes late (0 if early or on time) and whether that is past the grace period. */
export function lateness(startsAt: Date, arrivedAt: Date): { minutesLate: number; late: boolean } {
  const minutesLate = Math.max(0, Math.floor((arrivedAt.getTime() - startsAt.getTime()) / 60_000));
  return { minutesLate, late: arrivedAt.getTime() > startsAt.getTime() + LATE_GRACE_MINUTES * 60_000 };
}

/**
 * Checks a patient in: status ARRIVED with arrival time, confirmations, intake status and copay due.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (arrival in the future, illegal transition)
 */
export async function checkInPatient(db: Db, principal: Principal, audit: AuditTrail, pubsub: PubSub, id: string, input: CheckInInput, now: Date): Promise<Appointment> {
  const arrivedAt = input.arrivedAt ?? now;
  if (arrivedAt.getTime() > now.getTime() + 60_000) throw badInput([{ path: 'input.arrivedAt', message: 'must not be in the future' }]);
  const row = await transitionAppointment(db, principal, audit, pubsub, {
    id,
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
        ...lateness(r.startsAt, arrivedAt),
        checkedInBy: principal.userId,
      };
      return { arrivedAt, checkIn: checkIn as unknown as Record<string, unknown> };
    },
  });
  return toAppointment(row);
}
