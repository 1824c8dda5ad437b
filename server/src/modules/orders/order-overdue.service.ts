import type { Db } from '../../db/client.js';
import { ensureTasksOfPractices, type TaskSpec } from '../tasks/task-create.js';
import { loopTaskKey } from '../tasks/loop-tasks.js';
import { findOrdersNeedingTasks } from './order.repo.js';

/** A result not reviewed this many days after it came is overdue for review. */
export const REVIEW_AFTER_DAYS = 3;

/**
 * Creates the task of every order that needs one, once per order and reason, however often it runs
 * (ensureTasks): past its due date and not resulted → FRONT_DESK (`order:<id>:overdue`, chase the lab or the
 * visit); resulted and not reviewed after REVIEW_AFTER_DAYS → CLINICIAN (`order:<id>:review`). With
 * `practiceId` null it sweeps every practice (each by its own today) in the same fixed number of statements:
 * one read and, when anything is due, one transaction of two statements.
 * The new tasks are announced on `taskChanged` after the commit (task-change.outbox.ts).
 * @returns how many tasks this run created
 */
export async function createOverdueOrderTasks(db: Db, practiceId: string | null, byUserId: string): Promise<number> {
  const due = await findOrdersNeedingTasks(db, practiceId, REVIEW_AFTER_DAYS);
  const specs = due.map((o): TaskSpec & { practiceId: string } => {
    const common = { practiceId: o.practiceId, patientId: o.patientId, about: { type: 'ORDER' as const, id: o.id }, priority: o.priority === 'ROUTINE' ? ('HIGH' as const) : ('URGENT' as const), dueDate: o.today };
    return o.overdue ? { ...common, sourceKey: loopTaskKey.orderOverdue(o.id), title: 'Order past its due date: chase it', queueRole: 'FRONT_DESK' } : { ...common, sourceKey: loopTaskKey.orderReview(o.id), title: 'Result waiting for review', queueRole: 'CLINICIAN' };
  });
  if (specs.length === 0) return 0;
  return (await db.transaction((tx) => ensureTasksOfPractices(tx, byUserId, specs))).length;
}
