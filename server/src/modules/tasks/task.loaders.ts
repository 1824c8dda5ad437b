import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys } from '../../lib/order-by-keys.js';
import { findEventsByTaskIds, findOpenTasksOfPatients, findTasksAbout, type TaskEventRow, type TaskRow } from './task.repo.js';

/** Patient.tasks shows at most this many open tasks per patient; taskQueue/myTasks(filter: {patientId}) page further. */
export const PATIENT_TASKS_LIMIT = 50;

/** Per-request loaders of the tasks module: a task's history, and the tasks about a record, batched per page. */
export function createTaskLoaders(db: Db, practiceId: string) {
  const about = (type: string) => new DataLoader<string, TaskRow[]>(async (ids) => groupByKeys(ids, await findTasksAbout(db, practiceId, type, ids), (t) => t.aboutId!));
  return {
    taskEvents: new DataLoader<string, TaskEventRow[]>(async (ids) => groupByKeys(ids, await findEventsByTaskIds(db, practiceId, ids), (e) => e.taskId)),
    patientOpenTasks: new DataLoader<string, TaskRow[]>(async (ids) => groupByKeys(ids, await findOpenTasksOfPatients(db, practiceId, ids, PATIENT_TASKS_LIMIT), (t) => t.patientId!)),
    tasksAboutReferral: about('REFERRAL'),
    tasksAboutOrder: about('ORDER'),
  };
}
