import type { Db } from '../../db/client.js';
import { ensureTasks, type TaskSpec } from '../tasks/task-create.js';
import { loopTaskKey } from '../tasks/loop-tasks.js';
import { readPracticeToday } from '../tasks/practice-today.js';
import { findOrdersNeedingTasks } from './order.repo.js';

/** A result not reviewed this many days after it came is overdue for review. */
export const REVIEW_AFTER_DAYS = 3;

/**
 * Creates the task of every order that needs one, once per order and reason, however often it runs
 * (ensureTasks): past its due date and not resulted → FRONT_DESK (`order:<id>:overdue`, chase the lab or the
 * visit); resulted and not reviewed after REVIEW_AFTER_DAYS → CLINICIAN (`order:<id>:review`).
 * The new tasks are announced on `taskChanged` after the commit (task-change.outbox.ts).
 * @returns how many tasks this run created
 */
export async function createOverdueOrderTasks(db: Db, practiceId: string, byUserId: string): Promise<number> {
  const [due, today] = await Promise.all([findOrdersNeedingTasks(db, practiceId, REVIEW_AFTER_DAYS), readPracticeToday(db, practiceId)]);
  const specs = due.map(
    (o): TaskSpec =>
      o.overdue
        ? { sourceKey: loopTaskKey.orderOverdue(o.id), title: 'Order past its due date: chase it', patientId: o.patientId, about: { type: 'ORDER', id: o.id }, queueRole: 'FRONT_DESK', priority: o.priority === 'ROUTINE' ? 'HIGH' : 'URGENT', dueDate: today }
        : { sourceKey: loopTaskKey.orderReview(o.id), title: 'Result waiting for review', patientId: o.patientId, about: { type: 'ORDER', id: o.id }, queueRole: 'CLINICIAN', priority: o.priority === 'ROUTINE' ? 'HIGH' : 'URGENT', dueDate: today },
  );
  if (specs.length === 0) return 0;
  const { created } = await db.transaction((tx) => ensureTasks(tx, practiceId, byUserId, specs));
  return created.length;
}
