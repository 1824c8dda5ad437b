import { and, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { payers } from '../../db/schema/insurance.js';
import { externalProviders } from '../../db/schema/referrals.js';

export type ExternalProviderRow = typeof externalProviders.$inferSelect;
export type NewExternalProviderRow = Omit<typeof externalProviders.$inferInsert, 'id' | 'practiceId'>;

/** Inserts a directory entry. */
export async function insertExternalProvider(tx: Db, practiceId: string, values: NewExternalProviderRow): Promise<ExternalProviderRow> {
  const [row] = await tx.insert(externalProviders).values({ ...values, practiceId }).returning();
  return row!;
}

/** Replaces a directory entry's details when it is at `expectedVersion`. @returns the row, or null */
export async function updateExternalProviderIf(tx: Db, practiceId: string, id: string, expectedVersion: number, values: Partial<NewExternalProviderRow>): Promise<ExternalProviderRow | null> {
  const [row] = await tx
    .update(externalProviders)
    .set({ ...values, version: sql`${externalProviders.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(externalProviders.practiceId, practiceId), eq(externalProviders.id, id), eq(externalProviders.version, expectedVersion)))
    .returning();
  return row ?? null;
}

/** Directory entries of one practice by id. */
export function findExternalProvidersByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<ExternalProviderRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(externalProviders).where(and(eq(externalProviders.practiceId, practiceId), inArray(externalProviders.id, [...ids])));
}

/** Which of `ids` are payers of the practice. */
export async function findPayerIds(db: Db, practiceId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: payers.id }).from(payers).where(and(eq(payers.practiceId, practiceId), inArray(payers.id, [...ids])));
  return rows.map((r) => r.id);
}

export interface DirectoryQuery {
  search: string | null;
  payerId: string | null;
  activeOnly: boolean;
}

/** A page of the directory by name then id (keyset); `search` matches name, organization or specialty. */
export function findExternalProviderPage(db: Db, practiceId: string, q: DirectoryQuery, limit: number, cursor: unknown[] | null, forward: boolean): Promise<ExternalProviderRow[]> {
  const where: SQL[] = [eq(externalProviders.practiceId, practiceId)];
  if (q.activeOnly) where.push(eq(externalProviders.active, true));
  if (q.payerId) where.push(sql`${q.payerId}::uuid = any(${externalProviders.acceptedPayerIds})`);
  if (q.search) {
    const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(externalProviders.name, like), ilike(externalProviders.organization, like), ilike(externalProviders.specialty, like))!);
  }
  const keys = [externalProviders.name, externalProviders.id];
  const order = pageOrder('ASC', forward);
  if (cursor) where.push(keysetAfter(keys, cursor, order));
  return db
    .select()
    .from(externalProviders)
    .where(and(...where))
    .orderBy(...keysetOrder(keys, order))
    .limit(limit + 1);
}
