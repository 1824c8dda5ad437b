import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import type { PubSub } from '../../realtime/pubsub.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { cancelRemindersQuery } from '../engagement/reminder.outbox.js';
import { announce } from './appointment-events.js';
import { AppointmentStatus, canTransition, isActiveStatus } from './appointment-status.js';
import type { AppointmentRow } from './appointment.mapper.js';
import * as repo from './appointment.repo.js';

export interface TransitionRequest {
  id: string;
  to: AppointmentStatus;
  expectedVersion?: number | null;
  note?: string | null;
  /** Extra columns to set with the status (cancel reason, check-in data). */
  patch?: (row: AppointmentRow) => repo.AppointmentPatch;
  /** Where an illegal transition is reported (default `input.status`). */
  path?: string;
  /** Rules beyond the state machine, judged on the row read (no database access). */
  check?: (row: AppointmentRow) => void;
  /**
   * Rules that read or lock more on `tx` (a room): the transition then runs in a transaction with the row
   * locked, as the slow path does.
   */
  lockedCheck?: (row: AppointmentRow, tx: Db) => Promise<void>;
  /** The row as the caller already read it in this request: judged and written against without reading it again. */
  seen?: AppointmentRow;
}

/** Not found, version, state machine and the request's own rules, on the row as read. */
function judge(row: AppointmentRow | null | undefined, req: TransitionRequest): asserts row is AppointmentRow {
  if (!row) throw notFound('Appointment', req.id);
  if (req.expectedVersion != null && req.expectedVersion !== row.version) throw versionConflict('Appointment', req.id, req.expectedVersion, row.version);
  if (!canTransition(row.status as AppointmentStatus, req.to)) {
    throw badInput([{ path: req.path ?? 'input.status', message: `cannot change from ${row.status} to ${req.to}` }]);
  }
  req.check?.(row);
}

/**
 * Moves an appointment to another status in two round trips and no transaction: a plain read of the row
 * (version and state-machine checks on it), then ONE statement that updates it only if it is still at the
 * version read, with its history entry, audit and reminders written under that same condition. When
 * another change committed in between, nothing is written and the transition is judged again with the row
 * locked (a transaction: lock, then the same write), so a concurrent change is never overwritten unseen.
 * A `lockedCheck` takes the locked path at once. Nothing changes when any check fails.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (illegal transition, with path `input.status`)
 */
export async function transitionAppointment(db: Db, principal: Principal, audit: AuditTrail, pubsub: PubSub, req: TransitionRequest): Promise<AppointmentRow> {
  const practiceId = principal.practiceId;
  // The update, its history entry, its audit row and (leaving the active statuses) the reminders' cancellation: one statement.
  const write = (h: Db, row: AppointmentRow, seenVersion?: number) =>
    repo.updateAppointmentWith(h, practiceId, req.id, { ...req.patch?.(row), status: req.to }, (written) => [
      repo.statusChangeInsertQuery(practiceId, { appointmentId: req.id, fromStatus: row.status, toStatus: req.to, changedBy: principal.userId, note: req.note ?? null }, written),
      audit.writeQuery(['UPDATE'], [{ entityType: 'Appointment', entityId: req.id, patientId: row.patientId }], written),
      isActiveStatus(req.to) ? null : cancelRemindersQuery(practiceId, req.id, written),
    ], seenVersion);
  let row: AppointmentRow | null = null;
  if (!req.lockedCheck) {
    const [seen] = req.seen ? [req.seen] : await repo.findAppointmentsByIds(db, practiceId, [req.id]);
    judge(seen, req);
    row = await write(db, seen, seen.version);
  }
  row ??= await db.transaction(async (tx) => {
    const locked = await repo.lockAppointment(tx, practiceId, req.id);
    judge(locked, req);
    await req.lockedCheck?.(locked, tx);
    return (await write(tx, locked))!;
  });
  await announce(pubsub, row, req.to === AppointmentStatus.CANCELLED ? 'CANCELLED' : 'STATUS_CHANGED');
  return row;
}
