import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys } from '../../lib/order-by-keys.js';
import { findEventsByTaskIds, type TaskEventRow } from './task.repo.js';

/** Per-request loaders of the tasks module: a task's history, batched over every task of a page. */
export function createTaskLoaders(db: Db, practiceId: string) {
  return {
    taskEvents: new DataLoader<string, TaskEventRow[]>(async (ids) => groupByKeys(ids, await findEventsByTaskIds(db, practiceId, ids), (e) => e.taskId)),
  };
}
