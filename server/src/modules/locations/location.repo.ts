import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import type { Db } from '../../db/client.js';
import { locations } from '../../db/schema/locations.js';
import { isUuid } from '../../lib/uuid.js';
import type { LocationRow } from './location.mapper.js';

export type NewLocationRow = Omit<typeof locations.$inferInsert, 'id' | 'practiceId' | 'createdAt' | 'updatedAt' | 'version'>;
export type LocationPatch = Partial<NewLocationRow>;

/**
 * Locations of one practice by id, in any order (loaders reorder). Ids that are not UUIDs match nothing.
 * @param practiceId - the tenant; other practices' rows are never returned
 * @returns the rows found
 */
export function findLocationsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<LocationRow[]> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return Promise.resolve([]);
  return db.select().from(locations).where(and(eq(locations.practiceId, practiceId), inArray(locations.id, wanted)));
}

/**
 * Inserts a location.
 * @returns the stored row
 */
export async function insertLocation(tx: Db, practiceId: string, values: NewLocationRow): Promise<LocationRow> {
  const [row] = await tx.insert(locations).values({ ...values, practiceId }).returning();
  return row!;
}

/**
 * Applies a patch when the stored version equals `expectedVersion`, bumping the version.
 * @returns the updated row, or null when the location is missing or at another version
 */
export async function updateLocationIfVersion(tx: Db, practiceId: string, id: string, expectedVersion: number, patch: LocationPatch): Promise<LocationRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .update(locations)
    .set({ ...patch, version: sql`${locations.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(locations.practiceId, practiceId), eq(locations.id, id), eq(locations.version, expectedVersion)))
    .returning();
  return row ?? null;
}

export interface LocationQuery {
  activeOnly: boolean;
}

function filters(practiceId: string, q: LocationQuery): SQL[] {
  const where: SQL[] = [eq(locations.practiceId, practiceId)];
  if (q.activeOnly) where.push(eq(locations.active, true));
  return where;
}

/**
 * One page of a practice's locations ordered by name then id, keyset-paged on those keys.
 * @param cursor - [name, id] of the last row seen, or null
 * @param forward - false pages backwards (rows come back in reverse order)
 * @returns up to limit+1 rows (the extra one tells whether more exist)
 */
export function listLocations(db: Db, practiceId: string, q: LocationQuery, limit: number, cursor: [string, string] | null, forward: boolean): Promise<LocationRow[]> {
  const where = filters(practiceId, q);
  const keys = [locations.name, locations.id];
  const order = pageOrder('ASC', forward);
  if (cursor) where.push(keysetAfter(keys, cursor, order));
  return db
    .select()
    .from(locations)
    .where(and(...where))
    .orderBy(...keysetOrder(keys, order))
    .limit(limit + 1);
}

/**
 * How many locations match (for totalCount).
 * @returns the count
 */
export async function countLocations(db: Db, practiceId: string, q: LocationQuery): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(locations).where(and(...filters(practiceId, q)));
  return Number(row?.n ?? 0);
}
