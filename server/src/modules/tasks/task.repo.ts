import { and, asc, type Column, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { type Db, rowsOf } from '../../db/client.js';
import { taskEvents, tasks } from '../../db/schema/tasks.js';
import { noteTaskChanges } from './task-change.outbox.js';
import { practiceToday } from './practice-today.js';

export type TaskEventRow = typeof taskEvents.$inferSelect;
export type NewTaskRow = Omit<typeof tasks.$inferInsert, 'id' | 'practiceId'>;
export type NewTaskEvent = Omit<typeof taskEvents.$inferInsert, 'seq' | 'practiceId' | 'at'>;

/** True while a task is open or in progress and its due date is before the practice's today (each row's practice's, given the column). */
export const overdueSql = (practiceId: string | Column): SQL<boolean> =>
  sql<boolean>`(${tasks.status} in ('OPEN', 'IN_PROGRESS') and ${tasks.dueDate} < ${practiceToday(practiceId)})`.mapWith(Boolean);

/** Every column plus the computed `overdue`. */
export const taskColumns = (practiceId: string | Column) => ({ ...getTableColumns(tasks), overdue: overdueSql(practiceId) });
export type TaskRow = typeof tasks.$inferSelect & { overdue: boolean };

/** Tasks of one practice by id, in any order. */
export function findTasksByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<TaskRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select(taskColumns(practiceId)).from(tasks).where(and(eq(tasks.practiceId, practiceId), inArray(tasks.id, [...ids])));
}

/**
 * Inserts tasks; a row whose source key the practice already has is skipped (ON CONFLICT DO NOTHING),
 * so a machine-made task exists once however often, and however concurrently, it is asked for.
 * @returns only the rows inserted now
 */
export function insertTasks(tx: Db, practiceId: string, rows: readonly NewTaskRow[]): Promise<TaskRow[]> {
  return insertTasksOfPractices(tx, rows.map((r) => ({ ...r, practiceId })));
}

/** `insertTasks` for rows of several practices (a sweep over every practice), in one statement. */
export async function insertTasksOfPractices(tx: Db, rows: readonly (NewTaskRow & { practiceId: string })[]): Promise<TaskRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(tasks).values([...rows]).onConflictDoNothing({ target: [tasks.practiceId, tasks.sourceKey] }).returning(taskColumns(tasks.practiceId));
}

/** Tasks of a practice by source key (to answer with the task an earlier call made). */
export function findTasksBySourceKeys(db: Db, practiceId: string, keys: readonly string[]): Promise<TaskRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db.select(taskColumns(practiceId)).from(tasks).where(and(eq(tasks.practiceId, practiceId), inArray(tasks.sourceKey, [...keys])));
}

/** Appends history events (one statement). */
export function insertTaskEvents(tx: Db, practiceId: string, events: readonly NewTaskEvent[]): Promise<void> {
  return insertTaskEventsOfPractices(tx, events.map((e) => ({ ...e, practiceId })));
}

/** `insertTaskEvents` for events of several practices, in one statement. */
export async function insertTaskEventsOfPractices(tx: Db, events: readonly (NewTaskEvent & { practiceId: string })[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(taskEvents).values([...events]);
}

/**
 * Changes a task when it is still at `expectedVersion` (and matches `guard`), bumping the version.
 * @returns the updated row, or null when missing, at another version or no longer matching the guard
 */
export async function updateTaskIf(tx: Db, practiceId: string, id: string, expectedVersion: number, set: PgUpdateSetSource<typeof tasks>, guard?: SQL): Promise<TaskRow | null> {
  const where = [eq(tasks.practiceId, practiceId), eq(tasks.id, id), eq(tasks.version, expectedVersion)];
  if (guard) where.push(guard);
  const [row] = await tx
    .update(tasks)
    .set({ ...set, version: sql`${tasks.version} + 1`, updatedAt: sql`now()` })
    .where(and(...where))
    .returning(taskColumns(practiceId));
  return row ?? null;
}

/** Bumps `updated_at` (a comment is a change of the task), keeping the version: comments never conflict with edits. */
export async function touchTask(tx: Db, practiceId: string, id: string): Promise<TaskRow | null> {
  const [row] = await tx.update(tasks).set({ updatedAt: sql`now()` }).where(and(eq(tasks.practiceId, practiceId), eq(tasks.id, id))).returning(taskColumns(practiceId));
  return row ?? null;
}

/** The history of several tasks, oldest first per task (one statement, for the loader). */
export function findEventsByTaskIds(db: Db, practiceId: string, taskIds: readonly string[]): Promise<TaskEventRow[]> {
  if (taskIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(taskEvents)
    .where(and(eq(taskEvents.practiceId, practiceId), inArray(taskEvents.taskId, [...taskIds])))
    .orderBy(asc(taskEvents.taskId), asc(taskEvents.seq));
}

/** The tasks about records of one type, oldest first (one statement, for the loader). */
export function findTasksAbout(db: Db, practiceId: string, aboutType: string, ids: readonly string[]): Promise<TaskRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select(taskColumns(practiceId))
    .from(tasks)
    .where(and(eq(tasks.practiceId, practiceId), eq(tasks.aboutType, aboutType), inArray(tasks.aboutId, [...ids])))
    .orderBy(asc(tasks.createdAt), asc(tasks.id));
}

/**
 * The open (OPEN or IN_PROGRESS) tasks of several patients, overdue first, then URGENT → LOW, then due date
 * (none last), at most `limit` per patient: one statement (Patient.tasks' loader).
 */
export async function findOpenTasksOfPatients(db: Db, practiceId: string, patientIds: readonly string[], limit: number): Promise<TaskRow[]> {
  if (patientIds.length === 0) return [];
  const order = [
    sql`${overdueSql(practiceId)} desc`,
    sql`array_position(array['URGENT', 'HIGH', 'NORMAL', 'LOW'], ${tasks.priority})`,
    sql`${tasks.dueDate} asc nulls last`,
    asc(tasks.createdAt),
    asc(tasks.id),
  ];
  const ranked = db
    .select({ id: tasks.id, rank: sql<number>`row_number() over (partition by ${tasks.patientId} order by ${sql.join(order, sql`, `)})`.as('rank') })
    .from(tasks)
    .where(and(eq(tasks.practiceId, practiceId), inArray(tasks.patientId, [...patientIds]), inArray(tasks.status, ['OPEN', 'IN_PROGRESS'])))
    .as('ranked');
  return db
    .select(taskColumns(practiceId))
    .from(tasks)
    .innerJoin(ranked, eq(ranked.id, tasks.id))
    .where(sql`${ranked.rank} <= ${limit}`)
    .orderBy(asc(ranked.rank));
}

/** A task closed by `closeTasksBySourceKeys`: what the change publisher needs. */
export interface ClosedTaskRow {
  id: string;
  status: string;
  assigneeUserId: string | null;
  queueRole: string | null;
}

/**
 * Closes the practice's still-open tasks (OPEN or IN_PROGRESS) of some source keys (or key prefixes) with `status`, each with a
 * STATUS_CHANGED event carrying `comment` and `byUserId`, in one statement (update and history together).
 * Tasks already DONE or CANCELLED are left as they are. The closes are announced on `taskChanged` when the
 * transaction commits (task-change.outbox.ts).
 * @returns the tasks closed
 */
export async function closeTasksBySourceKeys(tx: Db, practiceId: string, keys: readonly string[], status: 'DONE' | 'CANCELLED', byUserId: string, comment: string, prefixes: readonly string[] = []): Promise<ClosedTaskRow[]> {
  if (keys.length === 0 && prefixes.length === 0) return [];
  const matches = [
    ...(keys.length ? [sql`t.source_key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`] : []),
    ...prefixes.map((p) => sql`t.source_key like ${`${p.replace(/[\\%_]/g, '\\$&')}%`}`),
  ];
  const rows = rowsOf<{ id: string; status: string; assignee_user_id: string | null; queue_role: string | null }>(
    await tx.execute(sql`
      with closed as (
        update tasks t set status = ${status}, closed_at = now(), updated_at = now(), version = t.version + 1
        from tasks before
        where before.id = t.id and t.practice_id = ${practiceId} and (${sql.join(matches, sql` or `)}) and t.status in ('OPEN', 'IN_PROGRESS')
        returning t.id, t.status, t.assignee_user_id, t.queue_role, before.status as from_status
      ), history as (
        insert into task_events (practice_id, task_id, kind, from_status, to_status, comment, by_user_id)
        select ${practiceId}::uuid, c.id, 'STATUS_CHANGED', c.from_status, c.status, ${comment}, ${byUserId} from closed c
      )
      select id, status, assignee_user_id, queue_role from closed order by id`),
  );
  const closed = rows.map((r) => ({ id: r.id, status: r.status, assigneeUserId: r.assignee_user_id, queueRole: r.queue_role }));
  noteTaskChanges(tx, practiceId, closed.map((c) => ({ ...c, kind: 'STATUS_CHANGED' })));
  return closed;
}
