import type { Db } from '../../db/client.js';
import type { TaskChange } from './task-change.publisher.js';
import { noteTaskChanges } from './task-change.outbox.js';
import { findTasksBySourceKeys, insertTaskEventsOfPractices, insertTasksOfPractices, type TaskRow } from './task.repo.js';
import type { TaskAboutType, TaskPriority } from './task.type.js';

/** A task another module asks for. `sourceKey` names the occasion ("referral:<id>:awaiting-report"). */
export interface TaskSpec {
  sourceKey: string;
  title: string;
  description?: string | null;
  patientId?: string | null;
  about?: { type: `${TaskAboutType}`; id: string } | null;
  assigneeUserId?: string | null;
  /** At least one of assigneeUserId and queueRole. */
  queueRole?: string | null;
  priority?: `${TaskPriority}`;
  dueDate?: string | null;
}

/**
 * Makes the tasks other modules ask for (an overdue referral or order, a low-stock item…), exactly once per
 * source key per practice, ever: a key the practice already has — even on a task since DONE or CANCELLED,
 * even one inserted by a concurrent call — creates nothing (unique index + ON CONFLICT DO NOTHING).
 * Runs on the caller's transaction (pass `tx`) in at most 3 statements whatever the number of specs; the
 * tasks created are announced on `taskChanged` when that transaction commits (task-change.outbox.ts).
 * @param createdBy - the user or job asking (recorded as creator and in the CREATED event)
 * @returns the tasks created by this call, and those that already existed for the other keys
 */
export async function ensureTasks(tx: Db, practiceId: string, createdBy: string, specs: readonly TaskSpec[]): Promise<{ created: TaskRow[]; existing: TaskRow[] }> {
  const created = await ensureTasksOfPractices(tx, createdBy, specs.map((s) => ({ ...s, practiceId })));
  const made = new Set(created.map((t) => t.sourceKey));
  const others = [...new Set(specs.map((s) => s.sourceKey))].filter((k) => !made.has(k));
  const existing = await findTasksBySourceKeys(tx, practiceId, others);
  return { created, existing };
}

/**
 * `ensureTasks` for the tasks of several practices at once (the overdue sweep over every practice): the same
 * once-per-(practice, source key) rule, in 2 statements whatever the number of practices and specs.
 * @returns the tasks created by this call
 */
export async function ensureTasksOfPractices(tx: Db, createdBy: string, specs: readonly (TaskSpec & { practiceId: string })[]): Promise<TaskRow[]> {
  const byKey = new Map<string, TaskSpec & { practiceId: string }>();
  for (const s of specs) {
    if (!s.sourceKey) throw new Error('ensureTasks: every spec needs a sourceKey');
    if (!s.assigneeUserId && !s.queueRole) throw new Error('ensureTasks: give an assignee or a queue role');
    const key = `${s.practiceId}\n${s.sourceKey}`;
    if (!byKey.has(key)) byKey.set(key, s);
  }
  const created = await insertTasksOfPractices(
    tx,
    [...byKey.values()].map((s) => ({
      practiceId: s.practiceId,
      sourceKey: s.sourceKey,
      title: s.title,
      description: s.description ?? null,
      patientId: s.patientId ?? null,
      aboutType: s.about?.type ?? null,
      aboutId: s.about?.id ?? null,
      assigneeUserId: s.assigneeUserId ?? null,
      queueRole: s.queueRole ?? null,
      priority: s.priority ?? 'NORMAL',
      dueDate: s.dueDate ?? null,
      createdBy,
    })),
  );
  await insertTaskEventsOfPractices(
    tx,
    created.map((t) => ({ practiceId: t.practiceId, taskId: t.id, kind: 'CREATED', toStatus: t.status, assigneeUserId: t.assigneeUserId, queueRole: t.queueRole, byUserId: createdBy })),
  );
  const byPractice = new Map<string, TaskRow[]>();
  for (const t of created) byPractice.set(t.practiceId, [...(byPractice.get(t.practiceId) ?? []), t]);
  for (const [practiceId, rows] of byPractice) noteTaskChanges(tx, practiceId, createdChanges(rows));
  return created;
}

/** The pub/sub changes announcing newly created tasks. */
export function createdChanges(rows: readonly TaskRow[]): TaskChange[] {
  return rows.map((t) => ({ id: t.id, status: t.status, assigneeUserId: t.assigneeUserId, queueRole: t.queueRole, kind: 'CREATED' }));
}
