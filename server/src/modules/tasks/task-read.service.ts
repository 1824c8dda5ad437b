import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { countTasks, findTaskPage, type TaskListQuery, type TaskOwner } from './task-list.repo.js';
import type { TaskFilter } from './task.inputs.js';
import { toTask } from './task.mapper.js';
import { findTasksByIds } from './task.repo.js';
import { type Task, TaskStatus } from './task.type.js';

/**
 * One task of the practice; the read is audited.
 * @throws NOT_FOUND (also for another practice's task)
 */
export async function findTask(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<Task> {
  const [row] = isUuid(id) ? await findTasksByIds(db, principal.practiceId, [id]) : [];
  if (!row) throw notFound('Task', id);
  audit.read('Task', row.id, row.patientId);
  return toTask(row);
}

/** A cursor of this list: [overdue rank, priority rank, due date, id]. */
function checkCursor(cursor: unknown[] | null, path: string): void {
  if (cursor === null) return;
  const [a, b, c, d] = cursor;
  const ok = cursor.length === 4 && (a === 0 || a === 1) && Number.isInteger(b) && (b as number) >= 0 && (b as number) <= 3 && typeof c === 'string' && isValidLocalDate(c) && typeof d === 'string' && isUuid(d);
  if (!ok) throw badInput([{ path, message: 'is not a cursor issued by this connection' }]);
}

/**
 * A task list page in list order — overdue first, then by priority (URGENT first), then due date — in a
 * fixed number of statements (page and count in parallel). Each task read is audited.
 * @throws BAD_USER_INPUT for a foreign cursor
 */
export async function listTasks(db: Db, principal: Principal, audit: AuditTrail, owner: TaskOwner, filter: TaskFilter | null | undefined, page: PageRequest, withCount: boolean): Promise<ConnectionShape<Task>> {
  checkCursor(page.cursor, page.forward ? 'after' : 'before');
  const q: TaskListQuery = {
    owner,
    statuses: filter?.statuses?.length ? filter.statuses : [TaskStatus.OPEN, TaskStatus.IN_PROGRESS],
    overdue: filter?.overdue === true,
    dueToday: filter?.dueToday === true,
    patientId: filter?.patientId ?? null,
  };
  const p = principal.practiceId;
  const [rows, total] = await Promise.all([findTaskPage(db, p, q, page.limit, page.cursor, page.forward), withCount ? countTasks(db, p, q) : Promise.resolve(null)]);
  return toConnection(rows, page, (r) => r.keys, (r) => {
    audit.read('Task', r.id, r.patientId);
    return toTask(r);
  }, total);
}
