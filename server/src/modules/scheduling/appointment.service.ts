import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import type { PubSub } from '../../realtime/pubsub.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { ReleasedHold } from '../engagement/hold.repo.js';
import { announceReleasedHolds, releaseHoldsInScope } from '../engagement/hold.service.js';
import { moveRemindersQueries } from '../engagement/reminder.outbox.js';
import { assertWorksAt } from '../providers/provider-location.rules.js';
import { announce } from './appointment-events.js';
import { AppointmentStatus, isReschedulable } from './appointment-status.js';
import type { CancelAppointmentInput, ChangeAppointmentStatusInput, RescheduleAppointmentInput } from './appointment.inputs.js';
import { type AppointmentRow, toAppointment, toStatusChange } from './appointment.mapper.js';
import * as repo from './appointment.repo.js';
import type { Appointment, AppointmentStatusChange } from './appointment.type.js';
import { transitionAppointment } from './appointment-transition.js';
import { judgeBookable, slotConflict } from './booking-rules.js';
import { assertMayOverride } from './booking.service.js';
import { assertRoomable, isRoomOccupied, roomOccupied } from './rooming.rules.js';
import { isUuid } from './ids.js';
import { readForReschedule } from './reschedule.repo.js';
import { EXCLUSION_VIOLATION, sqlState } from './sql-state.js';

const GENERIC_TARGETS = new Set([AppointmentStatus.CONFIRMED, AppointmentStatus.IN_ROOM, AppointmentStatus.COMPLETED, AppointmentStatus.ENTERED_IN_ERROR]);

/**
 * Confirms, rooms, completes or voids (entered in error) an appointment. Rooming may name a room (optional:
 * offices without rooms omit it); the status history notes it as `ROOM <id>`. Leaving IN_ROOM frees the
 * room (the appointment keeps its room_id as a record).
 * @throws NOT_FOUND (appointment; a room that is missing or another practice's), VERSION_CONFLICT,
 * BAD_USER_INPUT (illegal transition, a status with its own mutation, a roomId without IN_ROOM, an
 * inactive room or one of another location), SLOT_CONFLICT (another appointment is IN_ROOM in the room)
 */
export async function changeStatus(db: Db, principal: Principal, audit: AuditTrail, pubsub: PubSub, input: ChangeAppointmentStatusInput): Promise<Appointment> {
  if (!GENERIC_TARGETS.has(input.status)) throw badInput([{ path: 'input.status', message: 'use checkInPatient, cancelAppointment or markNoShow for this status' }]);
  const roomId = input.roomId ?? null;
  if (roomId === null) {
    return toAppointment(await transitionAppointment(db, principal, audit, pubsub, { id: input.id, to: input.status, expectedVersion: input.expectedVersion, note: input.note }));
  }
  if (input.status !== AppointmentStatus.IN_ROOM) throw badInput([{ path: 'input.roomId', message: 'is only accepted with status IN_ROOM' }]);
  try {
    const row = await transitionAppointment(db, principal, audit, pubsub, {
      id: input.id,
      to: AppointmentStatus.IN_ROOM,
      expectedVersion: input.expectedVersion,
      note: input.note ? `ROOM ${roomId}; ${input.note}` : `ROOM ${roomId}`,
      lockedCheck: (r, tx) => assertRoomable(tx, principal.practiceId, roomId, r),
      patch: () => ({ roomId }),
    });
    return toAppointment(row);
  } catch (err) {
    if (isRoomOccupied(err)) throw roomOccupied(roomId);
    throw err;
  }
}

/**
 * Cancels an appointment, recording reason, who and when; its time becomes free at once.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (already completed, cancelled…)
 */
export async function cancelAppointment(db: Db, principal: Principal, audit: AuditTrail, pubsub: PubSub, input: CancelAppointmentInput, now: Date): Promise<Appointment> {
  const row = await transitionAppointment(db, principal, audit, pubsub, {
    id: input.id,
    to: AppointmentStatus.CANCELLED,
    path: 'input.id',
    expectedVersion: input.expectedVersion,
    note: input.reason.trim(),
    patch: () => ({ cancelReason: input.reason.trim(), cancelledBy: principal.userId, cancelledAt: now }),
  });
  return toAppointment(row);
}

/**
 * Marks that the patient did not come. Only once the appointment has started.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (not started yet, or illegal transition)
 */
export async function markNoShow(db: Db, principal: Principal, audit: AuditTrail, pubsub: PubSub, id: string, expectedVersion: number | null | undefined, now: Date): Promise<Appointment> {
  const row = await transitionAppointment(db, principal, audit, pubsub, {
    id,
    to: AppointmentStatus.NO_SHOW,
    path: 'id',
    expectedVersion,
    check: (r) => {
      if (r.startsAt > now) throw badInput([{ path: 'id', message: 'the appointment has not started yet' }]);
    },
  });
  return toAppointment(row);
}

/**
 * Moves an appointment to a new time (and optionally provider) in place: the same row keeps its id, and
 * the status history gets a RESCHEDULED entry (a confirmed appointment goes back to BOOKED). Atomic: the
 * exclusion constraints accept the new time or nothing changes.
 * A new provider must be active and linked to the appointment's location.
 *
 * Two round trips and no transaction when the provider stays and no expired hold is in the way: one read of
 * the row with every check's inputs, then ONE statement that moves it only if it is still at the version
 * read, with its history, audit and reminders under the same condition. A new provider (share-locked until
 * commit), an expired hold to release first, or a change committed in between take the locked path: a
 * transaction that locks the row with the same read and judges again.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (status, outside availability, an inactive provider or one who
 * does not work at the location, on input.providerId), FORBIDDEN (override), SLOT_CONFLICT
 */
export async function rescheduleAppointment(db: Db, principal: Principal, audit: AuditTrail, pubsub: PubSub, input: RescheduleAppointmentInput, now: Date): Promise<Appointment> {
  assertMayOverride(principal, input.overrideAvailability);
  const practiceId = principal.practiceId;
  const asked = input.providerId ?? null;
  let released: ReleasedHold[] = [];
  /** Reads, judges and moves on `h`; null when the unlocked attempt must give way to the locked one. */
  const attempt = async (h: Db, lock: boolean): Promise<AppointmentRow | null> => {
    // One statement: the row (locked or not) and everything the move is checked against.
    const ctx = await readForReschedule(h, practiceId, input.id, asked !== null && isUuid(asked) ? asked : null, input.startsAt, lock);
    if (!ctx) throw notFound('Appointment', input.id);
    const { current } = ctx;
    if (current.version !== input.expectedVersion) throw versionConflict('Appointment', input.id, input.expectedVersion, current.version);
    if (!isReschedulable(current.status as AppointmentStatus)) throw badInput([{ path: 'input.id', message: `a ${current.status} appointment cannot be rescheduled` }]);
    const { type, location } = ctx.typeAndLocation;
    if (!type || !location) throw notFound('Appointment', input.id);
    const providerId = asked ?? current.providerId;
    // A new provider must be active and work at the appointment's location (share-locked until commit by the locked read).
    if (providerId !== current.providerId) assertWorksAt(isUuid(providerId) ? ctx.standing : null, providerId, { providerId: 'input.providerId', locationId: 'input.providerId' });
    const overridden = judgeBookable(ctx.slots, { providerId, startsAt: input.startsAt, zone: location.timeZone, type, override: input.overrideAvailability, path: 'input.startsAt' }, now);
    if (!lock && (ctx.holdsToRelease || providerId !== current.providerId)) return null;
    const endsAt = new Date(input.startsAt.getTime() + type.durationMinutes * 60_000);
    if (ctx.holdsToRelease) released = await releaseHoldsInScope(h, audit, practiceId, { providerId, patientId: current.patientId, startsAt: input.startsAt, endsAt });
    const note = `RESCHEDULED ${current.startsAt.toISOString()} -> ${input.startsAt.toISOString()}${providerId !== current.providerId ? ` provider ${current.providerId} -> ${providerId}` : ''}`;
    const entity = [{ entityType: 'Appointment', entityId: current.id, patientId: current.patientId }];
    // The move, its history, audit and reminders: one statement, judged by the exclusion constraints.
    const patch = { providerId, startsAt: input.startsAt, endsAt, status: AppointmentStatus.BOOKED, outsideAvailabilityOverride: overridden };
    return moveOrConflict(h, practiceId, current, patch, (written) => [
      repo.statusChangeInsertQuery(practiceId, { appointmentId: current.id, fromStatus: current.status, toStatus: AppointmentStatus.BOOKED, changedBy: principal.userId, note }, written),
      audit.writeQuery(overridden ? ['UPDATE', 'OVERRIDE'] : ['UPDATE'], entity, written),
      ...moveRemindersQueries(ctx.reminderTarget, { id: current.id, practiceId, patientId: current.patientId, startsAt: input.startsAt }, now, written),
    ], lock ? undefined : current.version);
  };
  // A provider asked for (even the same one) is checked under lock, so go there directly.
  const row = (asked === null ? await attempt(db, false) : null) ?? (await db.transaction(async (tx) => (await attempt(tx, true))!));
  await announceReleasedHolds(pubsub, released);
  await announce(pubsub, row, 'RESCHEDULED');
  return toAppointment(row);
}

async function moveOrConflict(db: Db, practiceId: string, current: AppointmentRow, patch: repo.AppointmentPatch, alsoWrite: (written: SQL) => (SQL | null)[], seenVersion?: number): Promise<AppointmentRow | null> {
  try {
    return await repo.updateAppointmentWith(db, practiceId, current.id, patch, alsoWrite, seenVersion);
  } catch (err) {
    if (sqlState(err) === EXCLUSION_VIOLATION) throw slotConflict(patch.providerId!, patch.startsAt!);
    throw err;
  }
}

/** Status history of an appointment, oldest first (audited as a read of the patient's appointment). @throws NOT_FOUND */
export async function statusHistory(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<AppointmentStatusChange[]> {
  const [appt] = await repo.findAppointmentsByIds(db, principal.practiceId, [id]);
  if (!appt) throw notFound('Appointment', id);
  audit.read('Appointment', appt.id, appt.patientId);
  return (await repo.listStatusHistory(db, principal.practiceId, id)).map(toStatusChange);
}
