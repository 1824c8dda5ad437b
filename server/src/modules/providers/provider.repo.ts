import { and, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import type { Db } from '../../db/client.js';
import { providerLocations, providers } from '../../db/schema/providers.js';
import { isUuid } from '../../lib/uuid.js';
import type { ProviderRow } from './provider.mapper.js';

export type NewProviderRow = Omit<typeof providers.$inferInsert, 'id' | 'practiceId' | 'createdAt' | 'updatedAt' | 'version'>;
export type ProviderPatch = Partial<NewProviderRow>;

/**
 * Providers of one practice by id, in any order (loaders reorder). Ids that are not UUIDs match nothing.
 * @returns the rows found
 */
export function findProvidersByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<ProviderRow[]> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return Promise.resolve([]);
  return db.select().from(providers).where(and(eq(providers.practiceId, practiceId), inArray(providers.id, wanted)));
}

/**
 * Inserts a provider.
 * @returns the stored row
 * @throws the driver's unique violation for an NPI already used in the practice (see isDuplicateNpi)
 */
export async function insertProvider(tx: Db, practiceId: string, values: NewProviderRow): Promise<ProviderRow> {
  const [row] = await tx.insert(providers).values({ ...values, practiceId }).returning();
  return row!;
}

/**
 * Applies a patch when the stored version equals `expectedVersion`, bumping the version.
 * @returns the updated row, or null when the provider is missing or at another version
 * @throws the driver's unique violation when the patch changes the NPI to one already used
 */
export async function updateProviderIfVersion(tx: Db, practiceId: string, id: string, expectedVersion: number, patch: ProviderPatch): Promise<ProviderRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .update(providers)
    .set({ ...patch, version: sql`${providers.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(providers.practiceId, practiceId), eq(providers.id, id), eq(providers.version, expectedVersion)))
    .returning();
  return row ?? null;
}

/** True when a database error is the unique violation of the (practice, NPI) index. */
export function isDuplicateNpi(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; constraint_name?: string; cause?: unknown } | null;
  const c = (e?.cause ?? e) as { code?: string; constraint?: string; constraint_name?: string } | null;
  if (c?.code !== '23505') return false;
  const name = c.constraint_name ?? c.constraint;
  return name === undefined || name === 'providers_practice_id_npi_index';
}

export interface ProviderQuery {
  locationId?: string | null;
  activeOnly: boolean;
  /** Matched against "given family", family and specialty (case-insensitive substring) and NPI prefix. */
  search?: string | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filters(practiceId: string, q: ProviderQuery, db: Db): SQL[] {
  const where: SQL[] = [eq(providers.practiceId, practiceId)];
  if (q.activeOnly) where.push(eq(providers.active, true));
  if (q.locationId) {
    const at = db
      .select({ id: providerLocations.providerId })
      .from(providerLocations)
      .where(and(eq(providerLocations.practiceId, practiceId), eq(providerLocations.locationId, q.locationId)));
    where.push(inArray(providers.id, at));
  }
  if (q.search) {
    const pattern = `%${escapeLike(q.search)}%`;
    where.push(
      or(
        ilike(sql`${providers.givenName} || ' ' || ${providers.familyName}`, pattern),
        ilike(providers.specialty, pattern),
        like(providers.npi, `${escapeLike(q.search)}%`),
      )!,
    );
  }
  return where;
}

/**
 * One page of a practice's providers ordered by family name, given name, id (keyset-paged on those).
 * @param cursor - [family, given, id] of the last row seen, or null
 * @param forward - false pages backwards (rows come back in reverse order)
 * @returns up to limit+1 rows (the extra one tells whether more exist)
 */
export function listProviders(db: Db, practiceId: string, q: ProviderQuery, limit: number, cursor: [string, string, string] | null, forward: boolean): Promise<ProviderRow[]> {
  const where = filters(practiceId, q, db);
  const keys = [providers.familyName, providers.givenName, providers.id];
  const order = pageOrder('ASC', forward);
  if (cursor) where.push(keysetAfter(keys, cursor, order));
  return db
    .select()
    .from(providers)
    .where(and(...where))
    .orderBy(...keysetOrder(keys, order))
    .limit(limit + 1);
}

/**
 * How many providers match (for totalCount).
 * @returns the count
 */
export async function countProviders(db: Db, practiceId: string, q: ProviderQuery): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(providers).where(and(...filters(practiceId, q, db)));
  return Number(row?.n ?? 0);
}

/** The NPIs among `npis` already used by providers of the practice. */
export async function findUsedNpis(db: Db, practiceId: string, npis: readonly string[]): Promise<Set<string>> {
  if (npis.length === 0) return new Set();
  const rows = await db.select({ npi: providers.npi }).from(providers).where(and(eq(providers.practiceId, practiceId), inArray(providers.npi, [...npis])));
  return new Set(rows.map((r) => r.npi));
}

/**
 * Inserts many providers in one statement.
 * @returns their ids, in input order
 */
export async function insertProviders(tx: Db, practiceId: string, rows: readonly NewProviderRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(providers)
    .values(rows.map((r) => ({ ...r, practiceId })))
    .returning({ id: providers.id, npi: providers.npi });
  const byNpi = new Map(inserted.map((r) => [r.npi, r.id]));
  return rows.map((r) => byNpi.get(r.npi)!);
}
