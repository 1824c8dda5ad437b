import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, forbidden, notFound } from '../../graphql/errors.js';
import { Role } from '../../graphql/roles.js';
import type { PubSub } from '../../realtime/pubsub.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { ReleasedHold } from '../engagement/hold.repo.js';
import { announceReleasedHolds, releaseHoldsInScope } from '../engagement/hold.service.js';
import { scheduleRemindersQuery } from '../engagement/reminder.outbox.js';
import { assertWorksAt, type WorksAtPaths } from '../providers/provider-location.rules.js';
import { announce } from './appointment-events.js';
import { AppointmentStatus } from './appointment-status.js';
import { allowsModality } from './appointment-type.type.js';
import type { BookAppointmentInput } from './appointment.inputs.js';
import { type AppointmentRow, toAppointment } from './appointment.mapper.js';
import * as repo from './appointment.repo.js';
import type { Appointment } from './appointment.type.js';
import { judgeBookable, placeOfService, requestHash, slotConflict } from './booking-rules.js';
import { insertBooking, loadBookingContext } from './booking.repo.js';
import { isUuid } from './ids.js';
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
 *
 * Two round trips: one statement reads everything the checks need (loadBookingContext), one statement
 * writes the appointment, its history, audit and reminders (insertBooking) after re-checking under lock
 * that the provider still works there. Only when an expired waitlist hold is in the way does the write
 * become a transaction that first releases it.
 * @throws NOT_FOUND (patient, provider, location, type), BAD_USER_INPUT (inactive provider, a location the
 * provider is not linked to, modality; outside availability, too soon or too far ahead without override), FORBIDDEN (override without FRONT_DESK), SLOT_CONFLICT,
 * IDEMPOTENCY_KEY_REUSED
 */
export async function bookAppointment(db: Db, principal: Principal, audit: AuditTrail, pubsub: PubSub, input: BookAppointmentInput, now: Date): Promise<Appointment> {
  const { idempotencyKey, ...request } = input;
  const hash = requestHash({ ...request });
  const practiceId = principal.practiceId;
  const ids = [[input.patientId, 'Patient'], [input.providerId, 'Provider'], [input.locationId, 'Location'], [input.appointmentTypeId, 'AppointmentType']] as const;
  if (ids.some(([id]) => !isUuid(id)) || (input.overrideAvailability && !principal.roles.includes(Role.FRONT_DESK))) {
    // Refused before reading anything else, after a replay of the same key (which wins over every check).
    const previous = await repo.findByIdempotencyKey(db, practiceId, idempotencyKey);
    if (previous) return replay(previous, hash, idempotencyKey);
    assertMayOverride(principal, input.overrideAvailability);
    for (const [id, entity] of ids) if (!isUuid(id)) throw notFound(entity, id);
  }
  const ctx = await loadBookingContext(db, practiceId, { ...input, idempotencyKey });
  if (ctx.previous) return replay(ctx.previous, hash, idempotencyKey);
  const { type, location } = ctx.typeAndLocation;
  if (!ctx.patientBookable) throw notFound('Patient', input.patientId);
  if (!ctx.standing) throw notFound('Provider', input.providerId);
  if (!location?.active) throw notFound('Location', input.locationId);
  if (!type?.active) throw notFound('AppointmentType', input.appointmentTypeId);
  assertWorksAt(ctx.standing, input.providerId, WORKS_AT_PATHS);
  if (!allowsModality(type, input.modality)) throw badInput([{ path: 'input.modality', message: `is not offered for this appointment type (${type.modality})` }]);

  const overridden = judgeBookable(ctx.slots, { providerId: input.providerId, startsAt: input.startsAt, zone: location.timeZone, type, override: input.overrideAvailability, path: 'input.startsAt' }, now);
  const endsAt = new Date(input.startsAt.getTime() + type.durationMinutes * 60_000);
  const id = randomUUID();
  const values = {
    id,
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
  };
  const entity = [{ entityType: 'Appointment', entityId: id, patientId: input.patientId }];
  const write = async (h: Db) => {
    const { row, standing } = await insertBooking(h, practiceId, values, { changedBy: principal.userId, note: overridden ? 'OVERRIDE_AVAILABILITY' : null }, (written) => [
      audit.writeQuery(overridden ? ['CREATE', 'OVERRIDE'] : ['CREATE'], entity, written),
      scheduleRemindersQuery(ctx.reminderTarget, { id, practiceId, patientId: input.patientId, startsAt: input.startsAt }, now, written),
    ]);
    // Checked again under lock: an admin unlinking or deactivating the provider meanwhile waits for this commit.
    assertWorksAt(standing, input.providerId, WORKS_AT_PATHS);
    return row!;
  };
  try {
    let released: ReleasedHold[] = [];
    // An expired waitlist hold still counts for the exclusion constraints until released.
    const row = ctx.holdsToRelease
      ? await db.transaction(async (tx) => {
          released = await releaseHoldsInScope(tx, audit, practiceId, { providerId: input.providerId, patientId: input.patientId, startsAt: input.startsAt, endsAt });
          return write(tx);
        })
      : await write(db);
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
