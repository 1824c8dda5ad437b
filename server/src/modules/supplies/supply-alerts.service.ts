import type { Db } from '../../db/client.js';
import { belowReorderPoint } from './supply-stock.rules.js';
import { clearAlerts, levelStatus, raiseAlerts, type ReorderAlertRow } from './supply-stock.repo.js';

/**
 * Brings the reorder alerts of some items at a location up to date, on the caller's transaction: an
 * item below its reorder point gets an open alert (once: a unique index keeps one open alert per item
 * and location, also under concurrent movements), an item at or above it has its alert cleared.
 * Two or three statements whatever the number of items.
 * @returns the alerts raised by this call: the hook for creating a task once per fall below the point
 */
export async function refreshReorderAlerts(tx: Db, practiceId: string, locationId: string, itemIds: readonly string[]): Promise<ReorderAlertRow[]> {
  if (itemIds.length === 0) return [];
  const status = await levelStatus(tx, practiceId, locationId, itemIds);
  const below = status.filter((s) => belowReorderPoint(s.onHand, s.reorderPoint));
  const fine = status.filter((s) => !belowReorderPoint(s.onHand, s.reorderPoint)).map((s) => s.itemId);
  const raised = await raiseAlerts(tx, below.map((s) => ({ practiceId, itemId: s.itemId, locationId, onHand: s.onHand, reorderPoint: s.reorderPoint })));
  await clearAlerts(tx, practiceId, locationId, fine);
  return raised;
}
