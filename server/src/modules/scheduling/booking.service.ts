import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, forbidden, notFound } from '../../graphql/errors.js';
import { Role } from '../../graphql/roles.js';
import type { PubSub } from '../../realtime/pubsub.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { ReleasedHold } from '../engagement/hold.repo.js';
import { announceReleasedHolds, releaseHoldsInScope } from '../engagement/hold.service.js';
import { scheduleReminders } from '../engagement/reminder.outbox.js';
import { findProviderAtLocation } from '../providers/provider-location.repo.js';
import { assertWorksAt, lockProviderAtLocation, type WorksAtPaths } from '../providers/provider-location.rules.js';
import { announce } from './appointment-events.js';
import { AppointmentStatus } from './appointment-status.js';
import { allowsModality } from './appointment-type.type.js';
import type { BookAppointmentInput } from './appointment.inputs.js';
import { type AppointmentRow, toAppointment } from './appointment.mapper.js';
import * as repo from './appointment.repo.js';
import type { Appointment } from './appointment.type.js';
import { assertBookable, placeOfService, requestHash, slotConflict } from './booking-rules.js';
import { isUuid } from './ids.js';
import { bookablePatientExists } from './practice-refs.repo.js';
import { findTypeAndLocation } from './slot.repo.js';
import { EXCLUSION_VIOLATION, sqlState, UNIQUE_VIOLATION } from './sql-state.js';

const WORKS_AT_PATHS: WorksAtPaths = { providerId: 'input.providerId', locationId: 'input.locationId' };

function replay(existing: AppointmentRow, hash: string, key: string): Appointment {
  if (existing.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for a different booking`);
  return toAppointment(existing);
}

/** Only the front desk may book outside availability. @throws FORBIDDEN */
export function assertMayOverride(principal: Principal, override: boolean): void {
  if (override && !principal.roles.includes(Role.FRONT_DESK)) throw forbidden('Only FRONT_DESK may book outside availability');
}

/**
 * Books an appointment. Idempotent on `idempotencyKey`; the database's exclusion constraints decide
 * races between bookings of one provider or one patient.
 * @throws NOT_FOUND (patient, provider, location, type), BAD_USER_INPUT (inactive provider, a location the
 * provider is not linked to, modality; outside availability, too soon or too far ahead without override), FORBIDDEN (override without FRONT_DESK), SLOT_CONFLICT,
 * IDEMPOTENCY_KEY_REUSED
 */
export async function bookAppointment(db: Db, principal: Principal, audit: AuditTrail, pubsub: PubSub, input: BookAppointmentInput, now: Date): Promise<Appointment> {
  const { idempotencyKey, ...request } = input;
  const hash = requestHash({ ...request });
  const practiceId = principal.practiceId;
  const previous = await repo.findByIdempotencyKey(db, practiceId, idempotencyKey);
  if (previous) return replay(previous, hash, idempotencyKey);

  assertMayOverride(principal, input.overrideAvailability);
  for (const [id, entity] of [[input.patientId, 'Patient'], [input.providerId, 'Provider'], [input.locationId, 'Location'], [input.appointmentTypeId, 'AppointmentType']] as const) {
    if (!isUuid(id)) throw notFound(entity, id);
  }
  const [{ type, location }, patientOk, standing] = await Promise.all([
    findTypeAndLocation(db, practiceId, input.appointmentTypeId, input.locationId),
    bookablePatientExists(db, practiceId, input.patientId),
    findProviderAtLocation(db, practiceId, input.providerId, input.locationId),
  ]);
  if (!patientOk) throw notFound('Patient', input.patientId);
  if (!standing) throw notFound('Provider', input.providerId);
  if (!location?.active) throw notFound('Location', input.locationId);
  if (!type?.active) throw notFound('AppointmentType', input.appointmentTypeId);
  assertWorksAt(standing, input.providerId, WORKS_AT_PATHS);
  if (!allowsModality(type, input.modality)) throw badInput([{ path: 'input.modality', message: `is not offered for this appointment type (${type.modality})` }]);

  const overridden = await assertBookable(db, practiceId, { ...input, zone: location.timeZone, type, override: input.overrideAvailability, path: 'input.startsAt' }, now);
  const endsAt = new Date(input.startsAt.getTime() + type.durationMinutes * 60_000);
  try {
    let released: ReleasedHold[] = [];
    const row = await db.transaction(async (tx) => {
      // Again under lock: an admin unlinking or deactivating the provider meanwhile waits for this commit.
      await lockProviderAtLocation(tx, practiceId, input.providerId, input.locationId, WORKS_AT_PATHS);
      // An expired waitlist hold still counts for the exclusion constraints until released.
      released = await releaseHoldsInScope(tx, audit, practiceId, { providerId: input.providerId, patientId: input.patientId, startsAt: input.startsAt, endsAt });
      const created = await repo.insertAppointment(tx, practiceId, {
        patientId: input.patientId,
        providerId: input.providerId,
        locationId: input.locationId,
        appointmentTypeId: input.appointmentTypeId,
        startsAt: input.startsAt,
        endsAt,
        status: AppointmentStatus.BOOKED,
        modality: input.modality,
        placeOfServiceCode: placeOfService(input.modality, input.patientAtHome, location.placeOfServiceCode),
        reason: input.reason ?? null,
        notes: input.notes ?? null,
        outsideAvailabilityOverride: overridden,
        idempotencyKey,
        requestHash: hash,
      });
      await repo.insertStatusChange(tx, practiceId, { appointmentId: created.id, fromStatus: null, toStatus: AppointmentStatus.BOOKED, changedBy: principal.userId, note: overridden ? 'OVERRIDE_AVAILABILITY' : null });
      await audit.write(tx, 'CREATE', 'Appointment', created.id, created.patientId);
      if (overridden) await audit.write(tx, 'OVERRIDE', 'Appointment', created.id, created.patientId);
      await scheduleReminders(tx, created, now);
      return created;
    });
    await announceReleasedHolds(pubsub, released);
    await announce(pubsub, row, 'BOOKED');
    return toAppointment(row);
  } catch (err) {
    const code = sqlState(err);
    if (code === EXCLUSION_VIOLATION) throw slotConflict(input.providerId, input.startsAt);
    if (code === UNIQUE_VIOLATION) {
      // A concurrent retry with the same key won the insert.
      const winner = await repo.findByIdempotencyKey(db, practiceId, idempotencyKey);
      if (winner) return replay(winner, hash, idempotencyKey);
    }
    throw err;
  }
}
