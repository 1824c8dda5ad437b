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
  /** Rules beyond the state machine, checked on the locked row (may read or lock more on `tx`). */
  check?: (row: AppointmentRow, tx: Db) => void | Promise<void>;
}

/**
 * Moves an appointment to another status in one transaction of two statements: row lock (version and
 * state-machine checks on it), then update, history entry, audit and reminders in one. Nothing changes when any check fails.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (illegal transition, with path `input.status`)
 */
export async function transitionAppointment(db: Db, principal: Principal, audit: AuditTrail, pubsub: PubSub, req: TransitionRequest): Promise<AppointmentRow> {
  const practiceId = principal.practiceId;
  const row = await db.transaction(async (tx) => {
    const row = await repo.lockAppointment(tx, practiceId, req.id);
    if (!row) throw notFound('Appointment', req.id);
    if (req.expectedVersion != null && req.expectedVersion !== row.version) throw versionConflict('Appointment', req.id, req.expectedVersion, row.version);
    if (!canTransition(row.status as AppointmentStatus, req.to)) {
      throw badInput([{ path: req.path ?? 'input.status', message: `cannot change from ${row.status} to ${req.to}` }]);
    }
    await req.check?.(row, tx);
    // The update, its history entry, its audit row and (leaving the active statuses) the reminders' cancellation: one statement.
    return repo.updateAppointmentWith(tx, practiceId, req.id, { ...req.patch?.(row), status: req.to }, [
      repo.statusChangeInsertQuery(practiceId, { appointmentId: req.id, fromStatus: row.status, toStatus: req.to, changedBy: principal.userId, note: req.note ?? null }),
      audit.writeQuery(['UPDATE'], [{ entityType: 'Appointment', entityId: req.id, patientId: row.patientId }]),
      isActiveStatus(req.to) ? null : cancelRemindersQuery(practiceId, req.id),
    ]);
  });
  await announce(pubsub, row, req.to === AppointmentStatus.CANCELLED ? 'CANCELLED' : 'STATUS_CHANGED');
  return row;
}
