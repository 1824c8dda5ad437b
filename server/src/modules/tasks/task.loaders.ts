import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys } from '../../lib/order-by-keys.js';
import { findEventsByTaskIds, findTasksAbout, type TaskEventRow, type TaskRow } from './task.repo.js';

/** Per-request loaders of the tasks module: a task's history, and the tasks about a record, batched per page. */
export function createTaskLoaders(db: Db, practiceId: string) {
  const about = (type: string) => new DataLoader<string, TaskRow[]>(async (ids) => groupByKeys(ids, await findTasksAbout(db, practiceId, type, ids), (t) => t.aboutId!));
  return {
    taskEvents: new DataLoader<string, TaskEventRow[]>(async (ids) => groupByKeys(ids, await findEventsByTaskIds(db, practiceId, ids), (e) => e.taskId)),
    tasksAboutReferral: about('REFERRAL'),
    tasksAboutOrder: about('ORDER'),
  };
}
