import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { purchaseOrderLines, purchaseOrders } from '../../db/schema/supplies.js';
import { isUuid } from '../../lib/uuid.js';

export type PurchaseOrderRow = typeof purchaseOrders.$inferSelect;
export type PurchaseOrderLineRow = typeof purchaseOrderLines.$inferSelect;

/** Purchase orders of a practice by id; malformed ids match nothing. */
export function findOrdersByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<PurchaseOrderRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(purchaseOrders).where(and(eq(purchaseOrders.practiceId, practiceId), inArray(purchaseOrders.id, valid)));
}

/** Lines of some orders, by order and position. One statement. */
export function findLinesByOrderIds(db: Db, practiceId: string, orderIds: readonly string[]): Promise<PurchaseOrderLineRow[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(purchaseOrderLines)
    .where(and(eq(purchaseOrderLines.practiceId, practiceId), inArray(purchaseOrderLines.purchaseOrderId, [...orderIds])))
    .orderBy(asc(purchaseOrderLines.purchaseOrderId), asc(purchaseOrderLines.position));
}

/** Orders newest first, keyset on `number`; `limit + 1` rows. */
export function listOrdersPage(db: Db, practiceId: string, before: number | null, limit: number): Promise<PurchaseOrderRow[]> {
  return db
    .select()
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.practiceId, practiceId), before !== null ? lt(purchaseOrders.number, before) : undefined))
    .orderBy(desc(purchaseOrders.number))
    .limit(limit + 1);
}

/** Inserts an order with its lines (positions from 1, in the given order). */
export async function insertOrder(
  tx: Db,
  values: typeof purchaseOrders.$inferInsert,
  lines: { itemId: string; packs: number; packSize: number; unitCostCents: number }[],
): Promise<{ order: PurchaseOrderRow; lines: PurchaseOrderLineRow[] }> {
  const [order] = await tx.insert(purchaseOrders).values(values).returning();
  const rows = await tx
    .insert(purchaseOrderLines)
    .values(lines.map((l, i) => ({ ...l, practiceId: values.practiceId, purchaseOrderId: order!.id, position: i + 1 })))
    .returning();
  return { order: order!, lines: rows.sort((a, b) => a.position - b.position) };
}

/**
 * Moves an order to `status` when it is still at `expectedVersion` and in one of `from`.
 * @returns the new row, or null when the version or status moved
 */
export async function transitionOrder(tx: Db, practiceId: string, id: string, expectedVersion: number, from: readonly string[], patch: Partial<typeof purchaseOrders.$inferInsert>): Promise<PurchaseOrderRow | null> {
  const [row] = await tx
    .update(purchaseOrders)
    .set({ ...patch, version: sql`${purchaseOrders.version} + 1`, updatedAt: new Date() })
    .where(and(eq(purchaseOrders.practiceId, practiceId), eq(purchaseOrders.id, id), eq(purchaseOrders.version, expectedVersion), inArray(purchaseOrders.status, [...from])))
    .returning();
  return row ?? null;
}

/** Adds received packs to a line; the check refuses more than ordered. @returns the new row */
export async function addReceived(tx: Db, lineId: string, packs: number): Promise<PurchaseOrderLineRow> {
  const [row] = await tx
    .update(purchaseOrderLines)
    .set({ receivedPacks: sql`${purchaseOrderLines.receivedPacks} + ${packs}` })
    .where(eq(purchaseOrderLines.id, lineId))
    .returning();
  return row!;
}

/** Locks an order of the practice until the transaction ends. @returns the row or null */
export async function lockOrder(tx: Db, practiceId: string, id: string): Promise<PurchaseOrderRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(purchaseOrders).where(and(eq(purchaseOrders.practiceId, practiceId), eq(purchaseOrders.id, id))).for('update');
  return row ?? null;
}
