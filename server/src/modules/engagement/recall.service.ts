import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import { todayIn } from '../../lib/dates.js';
import { addDays, localParts } from '../../lib/local-time.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import * as repo from './recall.repo.js';
import type { CreateRecallInput, UpdateRecallStatusInput } from './recall.inputs.js';
import { RECALL_TRANSITIONS, type Recall, RecallStatus } from './recall.type.js';
import { findAppointmentsByIds, findLocation } from './refs.repo.js';
import { assertRefsExist } from './refs.service.js';

export function toRecall(row: repo.RecallRow): Recall {
  return { ...row, status: row.status as RecallStatus };
}

/**
 * Creates a recall. `dueInWeeks` counts from the originating visit's local date, else from today at
 * the location.
 * @throws BAD_USER_INPUT (due date given twice or not at all, visit of another patient), NOT_FOUND
 */
export async function createRecall(db: Db, principal: Principal, audit: AuditTrail, input: CreateRecallInput): Promise<Recall> {
  if ((input.dueDate == null) === (input.dueInWeeks == null)) {
    throw badInput([{ path: 'input.dueDate', message: 'give exactly one of dueDate or dueInWeeks' }]);
  }
  const p = principal.practiceId;
  await assertRefsExist(db, p, { patientId: input.patientId, providerId: input.providerId, locationId: input.locationId, appointmentId: input.originatingAppointmentId });
  let dueDate = input.dueDate ?? null;
  const [origin] = input.originatingAppointmentId ? await findAppointmentsByIds(db, p, [input.originatingAppointmentId]) : [];
  if (origin && origin.patientId !== input.patientId) {
    throw badInput([{ path: 'input.originatingAppointmentId', message: 'is a visit of another patient' }]);
  }
  if (dueDate == null) {
    const location = (await findLocation(db, p, input.locationId))!;
    const base = origin ? localParts(origin.startsAt, location.timeZone).date : todayIn(location.timeZone);
    dueDate = addDays(base, input.dueInWeeks! * 7);
  }
  const row = await db.transaction(async (tx) => {
    const r = await repo.insertRecall(tx, p, {
      patientId: input.patientId,
      providerId: input.providerId ?? null,
      locationId: input.locationId,
      dueDate: dueDate!,
      reason: input.reason.trim(),
      originatingAppointmentId: input.originatingAppointmentId ?? null,
      createdBy: principal.userId,
    });
    await audit.write(tx, 'CREATE', 'Recall', r.id, r.patientId);
    return r;
  });
  return toRecall(row);
}

/**
 * Moves a recall to another status (OPEN ⇄ SCHEDULED → DONE/CANCELLED; DONE and CANCELLED are final).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT for a transition that is not allowed
 */
export async function updateRecallStatus(db: Db, principal: Principal, audit: AuditTrail, input: UpdateRecallStatusInput): Promise<Recall> {
  const p = principal.practiceId;
  const [current] = isUuid(input.id) ? await repo.findRecallsByIds(db, p, [input.id]) : [];
  if (!current) throw notFound('Recall', input.id);
  if (current.version !== input.expectedVersion) throw versionConflict('Recall', input.id, input.expectedVersion, current.version);
  if (!RECALL_TRANSITIONS[current.status as RecallStatus].includes(input.status)) {
    throw badInput([{ path: 'input.status', message: `cannot change from ${current.status} to ${input.status}` }]);
  }
  const row = await db.transaction(async (tx) => {
    const r = await repo.updateRecallStatusIf(tx, p, input.id, input.expectedVersion, current.status, input.status);
    if (!r) return null;
    await audit.write(tx, 'UPDATE', 'Recall', r.id, r.patientId);
    return r;
  });
  if (!row) {
    const [now] = await repo.findRecallsByIds(db, p, [input.id]);
    throw versionConflict('Recall', input.id, input.expectedVersion, now?.version ?? input.expectedVersion + 1);
  }
  return toRecall(row);
}

/**
 * The recalls of a location due on or before a date (OPEN by default), oldest due first; each row's
 * read is audited.
 * @throws NOT_FOUND for a location outside the practice
 */
export async function recallsDue(db: Db, principal: Principal, audit: AuditTrail, locationId: string, before: string, statuses: RecallStatus[] | null | undefined, page: PageRequest, withCount: boolean): Promise<ConnectionShape<Recall>> {
  const p = principal.practiceId;
  if (!isUuid(locationId) || !(await findLocation(db, p, locationId))) throw notFound('Location', locationId);
  const wanted = statuses?.length ? statuses : [RecallStatus.OPEN];
  const [rows, total] = await Promise.all([
    repo.findRecallsDue(db, p, locationId, before, wanted, page.limit, page.cursor, page.forward),
    withCount ? repo.countRecallsDue(db, p, locationId, before, wanted) : Promise.resolve(null),
  ]);
  return toConnection(rows, page, (r) => [r.dueDate, r.id], (r) => {
    audit.read('Recall', r.id, r.patientId);
    return toRecall(r);
  }, total);
}
