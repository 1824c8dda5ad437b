import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import type { Db } from '../../db/client.js';
import { recalls } from '../../db/schema/engagement.js';

export type RecallRow = typeof recalls.$inferSelect;
export type NewRecallRow = Omit<typeof recalls.$inferInsert, 'id' | 'practiceId'>;

/** Inserts a recall. */
export async function insertRecall(tx: Db, practiceId: string, values: NewRecallRow): Promise<RecallRow> {
  const [row] = await tx.insert(recalls).values({ ...values, practiceId }).returning();
  return row!;
}

/** Recalls of one practice by id, in any order. */
export function findRecallsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<RecallRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(recalls).where(and(eq(recalls.practiceId, practiceId), inArray(recalls.id, [...ids])));
}

/**
 * A page of a location's recalls due on or before a date, by due date then id (keyset).
 * @param cursor - [dueDate, id] of the last row seen, or null
 * @returns up to limit+1 rows (the extra one tells whether more exist)
 */
export function findRecallsDue(db: Db, practiceId: string, locationId: string, before: string, statuses: string[], limit: number, cursor: unknown[] | null, forward: boolean): Promise<RecallRow[]> {
  const where = [eq(recalls.practiceId, practiceId), eq(recalls.locationId, locationId), lte(recalls.dueDate, before), inArray(recalls.status, statuses)];
  const keys = [recalls.dueDate, recalls.id];
  const order = pageOrder('ASC', forward);
  if (cursor) where.push(keysetAfter(keys, cursor, order));
  return db
    .select()
    .from(recalls)
    .where(and(...where))
    .orderBy(...keysetOrder(keys, order))
    .limit(limit + 1);
}

/** How many recalls `findRecallsDue` matches in all. */
export async function countRecallsDue(db: Db, practiceId: string, locationId: string, before: string, statuses: string[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recalls)
    .where(and(eq(recalls.practiceId, practiceId), eq(recalls.locationId, locationId), lte(recalls.dueDate, before), inArray(recalls.status, statuses)));
  return Number(row?.n ?? 0);
}

/**
 * Sets the status when the stored version and status are as expected, bumping the version.
 * @returns the updated row, or null when missing, at another version or no longer in `fromStatus`
 */
export async function updateRecallStatusIf(tx: Db, practiceId: string, id: string, expectedVersion: number, fromStatus: string, status: string): Promise<RecallRow | null> {
  const [row] = await tx
    .update(recalls)
    .set({ status, version: sql`${recalls.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(recalls.practiceId, practiceId), eq(recalls.id, id), eq(recalls.version, expectedVersion), eq(recalls.status, fromStatus)))
    .returning();
  return row ?? null;
}
