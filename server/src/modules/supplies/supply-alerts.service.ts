import type { Db } from '../../db/client.js';
import { ensureTasks, type TaskSpec } from '../tasks/task-create.js';
import { belowReorderPoint } from './supply-stock.rules.js';
import { clearAlerts, type LevelStatusRow, levelStatus, openAlertsWithNames, raiseAlerts, type ReorderAlertRow } from './supply-stock.repo.js';

/** Who is recorded as creating the reorder tasks. */
export const SUPPLY_TASK_CREATOR = 'system:supplies';

/**
 * The task of a newly raised reorder alert: one per alert (the key names the alert, so a refill that clears
 * it and a later fall below the point raise a new alert and a new task), in the managers' PRACTICE_ADMIN queue.
 */
export function reorderTaskSpec(alert: ReorderAlertRow, status: Pick<LevelStatusRow, 'itemName'> | undefined): TaskSpec {
  return {
    sourceKey: `supply-alert:${alert.id}`,
    title: `Reorder ${status?.itemName ?? 'supply item'}: ${alert.onHand} on hand, reorder point ${alert.reorderPoint}`,
    about: { type: 'SUPPLY_ITEM', id: alert.itemId },
    queueRole: 'PRACTICE_ADMIN',
    priority: alert.onHand <= 0 ? 'URGENT' : 'HIGH',
  };
}

/**
 * Brings the reorder alerts of some items at a location up to date, on the caller's transaction: an
 * item below its reorder point gets an open alert (once: a unique index keeps one open alert per item
 * and location, also under concurrent movements), an item at or above it has its alert cleared; every
 * alert raised here gets its reorder task in the same transaction (`reorderTaskSpec`).
 * Two or three statements whatever the number of items, plus up to three when an alert is raised.
 * @returns the alerts raised by this call
 */
export async function refreshReorderAlerts(tx: Db, practiceId: string, locationId: string, itemIds: readonly string[]): Promise<ReorderAlertRow[]> {
  if (itemIds.length === 0) return [];
  const status = await levelStatus(tx, practiceId, locationId, itemIds);
  const below = status.filter((s) => belowReorderPoint(s.onHand, s.reorderPoint));
  const fine = status.filter((s) => !belowReorderPoint(s.onHand, s.reorderPoint)).map((s) => s.itemId);
  const raised = await raiseAlerts(tx, below.map((s) => ({ practiceId, itemId: s.itemId, locationId, onHand: s.onHand, reorderPoint: s.reorderPoint })));
  await clearAlerts(tx, practiceId, locationId, fine);
  if (raised.length > 0) {
    const byItem = new Map(status.map((s) => [s.itemId, s]));
    await ensureTasks(tx, practiceId, SUPPLY_TASK_CREATOR, raised.map((a) => reorderTaskSpec(a, byItem.get(a.itemId))));
  }
  return raised;
}

/**
 * Gives every open reorder alert of the practice its task (those that have one keep it): for data whose
 * alerts were raised before alerts made tasks, e.g. a demo seeded by an older version. At most 4 statements.
 * @returns how many tasks this call created
 */
export async function ensureOpenAlertTasks(tx: Db, practiceId: string, createdBy = SUPPLY_TASK_CREATOR): Promise<number> {
  const open = await openAlertsWithNames(tx, practiceId);
  if (open.length === 0) return 0;
  return (await ensureTasks(tx, practiceId, createdBy, open.map((o) => reorderTaskSpec(o.alert, o)))).created.length;
}
