import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { appointments } from '../../db/schema/scheduling.js';
import { purchaseOrderLines, purchaseOrders, supplyItems, supplyLevels, supplyMovements, supplyOperationKeys, supplyReorderAlerts, supplyStock } from '../../db/schema/supplies.js';

export type SupplyStockRow = typeof supplyStock.$inferSelect;
export type SupplyMovementRow = typeof supplyMovements.$inferSelect;
export type SupplyMovementInsert = typeof supplyMovements.$inferInsert;
export type ReorderAlertRow = typeof supplyReorderAlerts.$inferSelect;

const atPlace = (practiceId: string, itemId: string, locationId: string, roomId: string | null) =>
  and(eq(supplyStock.practiceId, practiceId), eq(supplyStock.itemId, itemId), eq(supplyStock.locationId, locationId), roomId ? eq(supplyStock.roomId, roomId) : isNull(supplyStock.roomId));

/**
 * The lot balances of an item at one place, locked (FOR UPDATE) until the transaction ends, so two
 * withdrawals of the same item there are decided one after the other on current balances.
 */
export function lockBalances(tx: Db, practiceId: string, itemId: string, locationId: string, roomId: string | null): Promise<SupplyStockRow[]> {
  return tx.select().from(supplyStock).where(atPlace(practiceId, itemId, locationId, roomId)).orderBy(asc(supplyStock.lot)).for('update');
}

/** The expiry on record for lots of an item (any place): a lot keeps one expiry date. */
export async function findLotExpiries(tx: Db, practiceId: string, itemId: string, lots: readonly string[]): Promise<Map<string, string | null>> {
  if (lots.length === 0) return new Map();
  const rows = await tx
    .selectDistinct({ lot: supplyStock.lot, expiryDate: supplyStock.expiryDate })
    .from(supplyStock)
    .where(and(eq(supplyStock.practiceId, practiceId), eq(supplyStock.itemId, itemId), inArray(supplyStock.lot, [...lots])));
  return new Map(rows.map((r) => [r.lot, r.expiryDate]));
}

/** Appends movements; the database trigger adds each to its balance and refuses a negative one. */
export async function insertMovements(tx: Db, rows: SupplyMovementInsert[]): Promise<SupplyMovementRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(supplyMovements).values(rows).returning();
}

/** Units on hand per item at a location (stock room and rooms together). */
export async function onHandAt(db: Db, practiceId: string, locationId: string, itemIds: readonly string[]): Promise<Map<string, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .select({ itemId: supplyStock.itemId, onHand: sql<number>`sum(${supplyStock.quantity})::int` })
    .from(supplyStock)
    .where(and(eq(supplyStock.practiceId, practiceId), eq(supplyStock.locationId, locationId), inArray(supplyStock.itemId, [...itemIds])))
    .groupBy(supplyStock.itemId);
  return new Map(rows.map((r) => [r.itemId, Number(r.onHand)]));
}

/** Non-empty balances at a location (optionally one item), by item, room and lot. One statement. */
export function listStock(db: Db, practiceId: string, locationId: string, itemId: string | null): Promise<SupplyStockRow[]> {
  return db
    .select()
    .from(supplyStock)
    .where(and(eq(supplyStock.practiceId, practiceId), eq(supplyStock.locationId, locationId), itemId ? eq(supplyStock.itemId, itemId) : undefined, gt(supplyStock.quantity, 0)))
    .orderBy(asc(supplyStock.itemId), asc(supplyStock.roomId), asc(supplyStock.expiryDate), asc(supplyStock.lot));
}

/** Non-empty lots at a location expiring on or before `until` (already expired included), soonest first. */
export function listExpiring(db: Db, practiceId: string, locationId: string, until: string): Promise<SupplyStockRow[]> {
  return db
    .select()
    .from(supplyStock)
    .where(and(eq(supplyStock.practiceId, practiceId), eq(supplyStock.locationId, locationId), gt(supplyStock.quantity, 0), lte(supplyStock.expiryDate, until)))
    .orderBy(asc(supplyStock.expiryDate), asc(supplyStock.itemId), asc(supplyStock.lot));
}

/** Movements at a location (optionally one item), newest first, keyset on `number`; `limit + 1` rows. */
export function movementsPage(db: Db, practiceId: string, locationId: string, itemId: string | null, before: number | null, limit: number): Promise<SupplyMovementRow[]> {
  return db
    .select()
    .from(supplyMovements)
    .where(and(eq(supplyMovements.practiceId, practiceId), eq(supplyMovements.locationId, locationId), itemId ? eq(supplyMovements.itemId, itemId) : undefined, before !== null ? lt(supplyMovements.number, before) : undefined))
    .orderBy(desc(supplyMovements.number))
    .limit(limit + 1);
}

export interface LevelStatusRow {
  itemId: string;
  /** The item's name (for the reorder task's title). */
  itemName: string;
  locationId: string;
  reorderPoint: number;
  parLevel: number;
  packSize: number;
  onHand: number;
  onOrder: number;
}

/**
 * Every level of a location (active items), with units on hand and on open purchase orders for it.
 * One statement. `itemIds` narrows it to some items.
 */
export async function levelStatus(db: Db, practiceId: string, locationId: string, itemIds?: readonly string[]): Promise<LevelStatusRow[]> {
  const rows = await db
    .select({
      itemId: supplyLevels.itemId,
      itemName: supplyItems.name,
      locationId: supplyLevels.locationId,
      reorderPoint: supplyLevels.reorderPoint,
      parLevel: supplyLevels.parLevel,
      packSize: supplyItems.packSize,
      onHand: sql<number>`coalesce((select sum(s.quantity) from ${supplyStock} s where s.item_id = ${supplyLevels.itemId} and s.location_id = ${supplyLevels.locationId}), 0)::int`,
      onOrder: sql<number>`coalesce((select sum((pl.packs - pl.received_packs) * pl.pack_size) from ${purchaseOrderLines} pl join ${purchaseOrders} po on po.id = pl.purchase_order_id where pl.item_id = ${supplyLevels.itemId} and po.location_id = ${supplyLevels.locationId} and po.status in ('DRAFT', 'SUBMITTED', 'PARTIALLY_RECEIVED')), 0)::int`,
    })
    .from(supplyLevels)
    .innerJoin(supplyItems, eq(supplyItems.id, supplyLevels.itemId))
    .where(and(eq(supplyLevels.practiceId, practiceId), eq(supplyLevels.locationId, locationId), eq(supplyItems.active, true), itemIds ? inArray(supplyLevels.itemId, [...itemIds]) : undefined))
    .orderBy(asc(supplyItems.name), asc(supplyItems.id));
  return rows.map((r) => ({ ...r, onHand: Number(r.onHand), onOrder: Number(r.onOrder) }));
}

/**
 * Records an open alert per (item, location) unless one is open already (unique partial index).
 * @returns the alerts this call recorded (none for items already alerted)
 */
export async function raiseAlerts(tx: Db, rows: { practiceId: string; itemId: string; locationId: string; onHand: number; reorderPoint: number }[]): Promise<ReorderAlertRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(supplyReorderAlerts).values(rows).onConflictDoNothing().returning();
}

/** The open reorder alerts of a practice (every location) with their item's name. */
export function openAlertsWithNames(db: Db, practiceId: string): Promise<{ alert: ReorderAlertRow; itemName: string }[]> {
  return db
    .select({ alert: supplyReorderAlerts, itemName: supplyItems.name })
    .from(supplyReorderAlerts)
    .innerJoin(supplyItems, eq(supplyItems.id, supplyReorderAlerts.itemId))
    .where(and(eq(supplyReorderAlerts.practiceId, practiceId), isNull(supplyReorderAlerts.clearedAt)))
    .orderBy(asc(supplyReorderAlerts.raisedAt), asc(supplyReorderAlerts.id));
}

/** Clears the open alerts of items back at or above their reorder point at a location. */
export async function clearAlerts(tx: Db, practiceId: string, locationId: string, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return;
  await tx
    .update(supplyReorderAlerts)
    .set({ clearedAt: new Date() })
    .where(and(eq(supplyReorderAlerts.practiceId, practiceId), eq(supplyReorderAlerts.locationId, locationId), inArray(supplyReorderAlerts.itemId, [...itemIds]), isNull(supplyReorderAlerts.clearedAt)));
}

/** Alerts of a location, newest first; only open ones unless `includeCleared`. */
export function listAlerts(db: Db, practiceId: string, locationId: string, includeCleared: boolean): Promise<ReorderAlertRow[]> {
  return db
    .select()
    .from(supplyReorderAlerts)
    .where(and(eq(supplyReorderAlerts.practiceId, practiceId), eq(supplyReorderAlerts.locationId, locationId), includeCleared ? undefined : isNull(supplyReorderAlerts.clearedAt)))
    .orderBy(desc(supplyReorderAlerts.raisedAt), asc(supplyReorderAlerts.id));
}

/** True when the appointment is one of the practice's. */
export async function appointmentExists(db: Db, practiceId: string, id: string): Promise<boolean> {
  const rows = await db.select({ id: appointments.id }).from(appointments).where(and(eq(appointments.practiceId, practiceId), eq(appointments.id, id)));
  return rows.length > 0;
}

/**
 * Claims an idempotency key for an operation. Waits for a concurrent claim of the same key to finish.
 * @returns null when this call claimed it, else the earlier claim (its operation and request hash)
 */
export async function claimOperationKey(tx: Db, practiceId: string, key: string, operationId: string, requestHash: string): Promise<{ operationId: string; requestHash: string } | null> {
  const claimed = await tx.insert(supplyOperationKeys).values({ practiceId, idempotencyKey: key, operationId, requestHash }).onConflictDoNothing().returning();
  if (claimed.length) return null;
  const [earlier] = await tx
    .select({ operationId: supplyOperationKeys.operationId, requestHash: supplyOperationKeys.requestHash })
    .from(supplyOperationKeys)
    .where(and(eq(supplyOperationKeys.practiceId, practiceId), eq(supplyOperationKeys.idempotencyKey, key)));
  return earlier!;
}

/** The movements of one operation, in recording order. */
export function movementsOfOperation(db: Db, practiceId: string, operationId: string): Promise<SupplyMovementRow[]> {
  return db.select().from(supplyMovements).where(and(eq(supplyMovements.practiceId, practiceId), eq(supplyMovements.operationId, operationId))).orderBy(asc(supplyMovements.number));
}
