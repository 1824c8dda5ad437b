import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { tasks } from '../../db/schema/tasks.js';
import { practiceToday } from './practice-today.js';
import { type TaskRow, taskColumns } from './task.repo.js';

/** Whose tasks a list shows: one user's, or a role queue's unclaimed ones. */
export type TaskOwner = { userId: string } | { queueRole: string };

export interface TaskListQuery {
  owner: TaskOwner;
  statuses: string[];
  overdue: boolean;
  dueToday: boolean;
  patientId: string | null;
}

/** The list order, all ascending: overdue first, then URGENT → LOW, then due date (none last), then id. */
function sortKeys(practiceId: string): SQL[] {
  const today = practiceToday(practiceId);
  return [
    sql`(case when ${tasks.status} in ('OPEN', 'IN_PROGRESS') and ${tasks.dueDate} < ${today} then 0 else 1 end)`,
    sql`(case ${tasks.priority} when 'URGENT' then 0 when 'HIGH' then 1 when 'NORMAL' then 2 else 3 end)`,
    sql`coalesce(${tasks.dueDate}, '9999-12-31'::date)`,
    sql`${tasks.id}`,
  ];
}

/** The SQL types of the cursor values, in key order (a cursor is checked against them before it is used). */
export const TASK_CURSOR_TYPES = ['int', 'int', 'date', 'uuid'] as const;

function conditions(practiceId: string, q: TaskListQuery): SQL[] {
  const today = practiceToday(practiceId);
  const where: SQL[] = [eq(tasks.practiceId, practiceId), inArray(tasks.status, q.statuses)];
  if ('userId' in q.owner) where.push(eq(tasks.assigneeUserId, q.owner.userId));
  else where.push(eq(tasks.queueRole, q.owner.queueRole), isNull(tasks.assigneeUserId));
  if (q.overdue) where.push(sql`${tasks.status} in ('OPEN', 'IN_PROGRESS') and ${tasks.dueDate} < ${today}`);
  if (q.dueToday) where.push(sql`${tasks.dueDate} = ${today}`);
  if (q.patientId) where.push(eq(tasks.patientId, q.patientId));
  return where;
}

/**
 * A page of a task list in list order (keyset on the sort keys as one row comparison).
 * @param cursor - the sort key values of the last row seen, or null
 * @returns up to limit+1 rows, each with its sort key values in `keys`
 */
export function findTaskPage(db: Db, practiceId: string, q: TaskListQuery, limit: number, cursor: unknown[] | null, forward: boolean): Promise<(TaskRow & { keys: unknown[] })[]> {
  const keys = sortKeys(practiceId);
  const where = conditions(practiceId, q);
  const direction = forward ? sql`asc` : sql`desc`;
  if (cursor) {
    const values = sql.join(cursor.map((v, i) => sql`${v}::${sql.raw(TASK_CURSOR_TYPES[i]!)}`), sql`, `);
    where.push(forward ? sql`(${sql.join(keys, sql`, `)}) > (${values})` : sql`(${sql.join(keys, sql`, `)}) < (${values})`);
  }
  return db
    .select({ ...taskColumns(practiceId), k0: sql<number>`${keys[0]}`.mapWith(Number), k1: sql<number>`${keys[1]}`.mapWith(Number), k2: sql<string>`${keys[2]}::text` })
    .from(tasks)
    .where(and(...where))
    .orderBy(...keys.map((k) => sql`${k} ${direction}`))
    .limit(limit + 1)
    .then((rows) => rows.map(({ k0, k1, k2, ...row }) => ({ ...row, keys: [k0, k1, k2, row.id] })));
}

/** How many tasks `findTaskPage` matches in all. */
export async function countTasks(db: Db, practiceId: string, q: TaskListQuery): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(...conditions(practiceId, q)));
  return Number(row?.n ?? 0);
}
