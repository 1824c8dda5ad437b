import type { Db } from '../../db/client.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, pageRequest, toConnection } from '../../graphql/pagination.js';
import { todayIn } from '../../lib/dates.js';
import { addDays } from '../../lib/local-time.js';
import { isUuid } from '../../lib/uuid.js';
import type { LocationRow } from '../locations/location.mapper.js';
import { findLocationsByIds } from '../locations/location.repo.js';
import { listItemsPage } from './supply-catalog.repo.js';
import { type LevelStatusRow, levelStatus, listAlerts, listExpiring, listStock, movementsPage, type ReorderAlertRow, type SupplyStockRow } from './supply-stock.repo.js';
import { belowReorderPoint } from './supply-stock.rules.js';
import { toSupplyItem, toSupplyMovement } from './supply.mapper.js';
import type { SupplyItem, SupplyMovement } from './supply.type.js';

/**
 * A location of the caller's practice.
 * @throws NOT_FOUND (also for another practice's)
 */
export async function requireLocation(db: Db, practiceId: string, id: string): Promise<LocationRow> {
  const [loc] = await findLocationsByIds(db, practiceId, [id]);
  if (!loc) throw notFound('Location', id);
  return loc;
}

/** A forward cursor's values when they have the expected shape, else BAD_USER_INPUT. */
function cursorOf<T extends unknown[]>(cursor: unknown[] | null, valid: (c: unknown[]) => boolean): T | null {
  if (cursor === null) return null;
  if (!valid(cursor)) throw badInput([{ path: 'after', message: 'is not a cursor issued by this connection' }]);
  return cursor as T;
}

/** Items by name, one page (one statement). */
export async function itemsPage(db: Db, practiceId: string, args: { first?: number | null; after?: string | null; includeInactive?: boolean | null }): Promise<ConnectionShape<SupplyItem>> {
  const page = pageRequest(args);
  const after = cursorOf<[string, string]>(page.cursor, (c) => c.length === 2 && typeof c[0] === 'string' && isUuid(c[1]));
  const rows = await listItemsPage(db, practiceId, after, page.limit, !!args.includeInactive);
  return toConnection(rows, page, (r) => [r.name, r.id], toSupplyItem);
}

/** Movements at a location, newest first, one page (two statements: the location check and the page). */
export async function movementsAt(db: Db, practiceId: string, args: { locationId: string; itemId?: string | null; first?: number | null; after?: string | null }): Promise<ConnectionShape<SupplyMovement>> {
  await requireLocation(db, practiceId, args.locationId);
  const page = pageRequest(args);
  const after = cursorOf<[number]>(page.cursor, (c) => c.length === 1 && Number.isSafeInteger(c[0]));
  if (args.itemId && !isUuid(args.itemId)) return toConnection([], page, () => [], toSupplyMovement);
  const rows = await movementsPage(db, practiceId, args.locationId, args.itemId ?? null, after?.[0] ?? null, page.limit);
  return toConnection(rows, page, (r) => [r.number], toSupplyMovement);
}

/** Non-empty lot balances at a location. @throws NOT_FOUND for the location */
export async function stockAt(db: Db, practiceId: string, locationId: string, itemId: string | null): Promise<SupplyStockRow[]> {
  await requireLocation(db, practiceId, locationId);
  if (itemId && !isUuid(itemId)) return [];
  return listStock(db, practiceId, locationId, itemId);
}

/** Items below their reorder point at a location, with what to order. @throws NOT_FOUND for the location */
export async function suppliesToReorder(db: Db, practiceId: string, locationId: string): Promise<LevelStatusRow[]> {
  await requireLocation(db, practiceId, locationId);
  return (await levelStatus(db, practiceId, locationId)).filter((s) => belowReorderPoint(s.onHand, s.reorderPoint));
}

/** Every level of a location with its on-hand and on-order units. @throws NOT_FOUND for the location */
export async function levelsAt(db: Db, practiceId: string, locationId: string): Promise<LevelStatusRow[]> {
  await requireLocation(db, practiceId, locationId);
  return levelStatus(db, practiceId, locationId);
}

/**
 * Lots at a location expiring within `withinDays` days of today there (expired ones included).
 * @throws NOT_FOUND for the location; BAD_USER_INPUT for days outside 0..3650
 */
export async function expiringLots(db: Db, practiceId: string, locationId: string, withinDays: number, now = new Date()): Promise<SupplyStockRow[]> {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 3650) throw badInput([{ path: 'withinDays', message: 'must be between 0 and 3650' }]);
  const loc = await requireLocation(db, practiceId, locationId);
  return listExpiring(db, practiceId, locationId, addDays(todayIn(loc.timeZone, now), withinDays));
}

/** Reorder alerts of a location. @throws NOT_FOUND for the location */
export async function reorderAlerts(db: Db, practiceId: string, locationId: string, includeCleared: boolean): Promise<ReorderAlertRow[]> {
  await requireLocation(db, practiceId, locationId);
  return listAlerts(db, practiceId, locationId, includeCleared);
}
