import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { suppliers, supplyItems, supplyLevels } from '../../db/schema/supplies.js';
import { isUuid } from '../../lib/uuid.js';

export type SupplierRow = typeof suppliers.$inferSelect;
export type SupplyItemRow = typeof supplyItems.$inferSelect;
export type SupplyLevelRow = typeof supplyLevels.$inferSelect;

/** Suppliers of a practice by id; malformed ids match nothing. */
export function findSuppliersByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<SupplierRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(suppliers).where(and(eq(suppliers.practiceId, practiceId), inArray(suppliers.id, valid)));
}

/** Every supplier of a practice, by name. One statement. */
export function listSuppliers(db: Db, practiceId: string): Promise<SupplierRow[]> {
  return db.select().from(suppliers).where(eq(suppliers.practiceId, practiceId)).orderBy(asc(sql`lower(${suppliers.name})`), asc(suppliers.id));
}

export async function insertSupplier(tx: Db, values: typeof suppliers.$inferInsert): Promise<SupplierRow> {
  const [row] = await tx.insert(suppliers).values(values).returning();
  return row!;
}

/**
 * Updates a supplier when it is still at `expectedVersion`.
 * @returns the new row, or null when the version moved (or the row is not the practice's)
 */
export async function updateSupplierRow(tx: Db, practiceId: string, id: string, expectedVersion: number, patch: Partial<typeof suppliers.$inferInsert>): Promise<SupplierRow | null> {
  const [row] = await tx
    .update(suppliers)
    .set({ ...patch, version: sql`${suppliers.version} + 1`, updatedAt: new Date() })
    .where(and(eq(suppliers.practiceId, practiceId), eq(suppliers.id, id), eq(suppliers.version, expectedVersion)))
    .returning();
  return row ?? null;
}

/** Items of a practice by id; malformed ids match nothing. */
export function findItemsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<SupplyItemRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(supplyItems).where(and(eq(supplyItems.practiceId, practiceId), inArray(supplyItems.id, valid)));
}

/**
 * One page of items by (name, id), forward keyset; fetches `limit + 1` rows to know whether more follow.
 * @param after - the (name, id) of the last row of the previous page, or null
 */
export function listItemsPage(db: Db, practiceId: string, after: [string, string] | null, limit: number, includeInactive: boolean): Promise<SupplyItemRow[]> {
  return db
    .select()
    .from(supplyItems)
    .where(
      and(
        eq(supplyItems.practiceId, practiceId),
        includeInactive ? undefined : eq(supplyItems.active, true),
        after ? or(gt(supplyItems.name, after[0]), and(eq(supplyItems.name, after[0]), gt(supplyItems.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(supplyItems.name), asc(supplyItems.id))
    .limit(limit + 1);
}

export async function insertItem(tx: Db, values: typeof supplyItems.$inferInsert): Promise<SupplyItemRow> {
  const [row] = await tx.insert(supplyItems).values(values).returning();
  return row!;
}

/**
 * Updates an item when it is still at `expectedVersion`.
 * @returns the new row, or null when the version moved
 */
export async function updateItemRow(tx: Db, practiceId: string, id: string, expectedVersion: number, patch: Partial<typeof supplyItems.$inferInsert>): Promise<SupplyItemRow | null> {
  const [row] = await tx
    .update(supplyItems)
    .set({ ...patch, version: sql`${supplyItems.version} + 1`, updatedAt: new Date() })
    .where(and(eq(supplyItems.practiceId, practiceId), eq(supplyItems.id, id), eq(supplyItems.version, expectedVersion)))
    .returning();
  return row ?? null;
}

/** Sets the reorder point and par level of an item at a location (insert or replace). */
export async function upsertLevel(tx: Db, practiceId: string, v: { itemId: string; locationId: string; reorderPoint: number; parLevel: number }): Promise<SupplyLevelRow> {
  const [row] = await tx
    .insert(supplyLevels)
    .values({ practiceId, ...v })
    .onConflictDoUpdate({
      target: [supplyLevels.itemId, supplyLevels.locationId],
      set: { reorderPoint: v.reorderPoint, parLevel: v.parLevel, version: sql`${supplyLevels.version} + 1`, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

/** Levels of one location (all items), or of given items there. */
export function findLevels(db: Db, practiceId: string, locationId: string, itemIds?: readonly string[]): Promise<SupplyLevelRow[]> {
  return db
    .select()
    .from(supplyLevels)
    .where(and(eq(supplyLevels.practiceId, practiceId), eq(supplyLevels.locationId, locationId), itemIds ? inArray(supplyLevels.itemId, [...itemIds]) : undefined));
}

/** Items of a practice by SKU (exact). One statement. */
export function findItemsBySkus(db: Db, practiceId: string, skus: readonly string[]): Promise<SupplyItemRow[]> {
  if (skus.length === 0) return Promise.resolve([]);
  return db.select().from(supplyItems).where(and(eq(supplyItems.practiceId, practiceId), inArray(supplyItems.sku, [...skus])));
}

/** Inserts many items in one statement. */
export async function insertItems(tx: Db, rows: (typeof supplyItems.$inferInsert)[]): Promise<SupplyItemRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(supplyItems).values(rows).returning();
}
