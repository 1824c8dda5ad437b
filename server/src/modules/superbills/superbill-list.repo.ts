import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { CompiledNode } from '../../db/compile/node-sql.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import { readSplicedPage, readTreePage, tableRows, type TreeRow } from '../../db/compile/tree-page.js';
import { superbills } from '../../db/schema/superbills.js';
import type { SuperbillRow } from './superbill.repo.js';

export interface SuperbillQuery {
  status?: string[] | null;
  from?: string | null;
  to?: string | null;
  renderingProviderId?: string | null;
  patientId?: string | null;
  locationId?: string | null;
}

/** The keyset of the list: date of service, number, id — newest first. */
export type SuperbillKey = [string, number, string];

export const keyOf = (r: SuperbillRow): SuperbillKey => [r.dateOfService, r.number, r.id];

function filters(practiceId: string, q: SuperbillQuery): SQL[] {
  const where: SQL[] = [eq(superbills.practiceId, practiceId)];
  if (q.status?.length) where.push(sql`${superbills.status} in (${sql.join(q.status.map((s) => sql`${s}`), sql`, `)})`);
  if (q.from) where.push(gte(superbills.dateOfService, q.from));
  if (q.to) where.push(lte(superbills.dateOfService, q.to));
  if (q.renderingProviderId) where.push(eq(superbills.renderingProviderId, q.renderingProviderId));
  if (q.patientId) where.push(eq(superbills.patientId, q.patientId));
  if (q.locationId) where.push(eq(superbills.locationId, q.locationId));
  return where;
}

/**
 * One page of superbills, newest date of service first, keyset-paged by the row comparison
 * (date_of_service, number, id) < cursor (forward) or > cursor (backward), which the index
 * superbills_page (practice_id, date_of_service, number, id) serves in either direction.
 * @returns up to limit+1 rows in page order (reversed when going backward)
 */
export function listSuperbills(db: Db, practiceId: string, q: SuperbillQuery, limit: number, cursor: SuperbillKey | null, forward: boolean): Promise<SuperbillRow[]> {
  const page = pageParts(practiceId, q, cursor, forward);
  return db
    .select()
    .from(superbills)
    .where(page.where)
    .orderBy(...page.order)
    .limit(limit + 1);
}

function pageParts(practiceId: string, q: SuperbillQuery, cursor: SuperbillKey | null, forward: boolean) {
  const where = filters(practiceId, q);
  if (cursor) {
    const [dos, number, id] = cursor;
    const row = sql`(${superbills.dateOfService}, ${superbills.number}, ${superbills.id})`;
    const key = sql`(${dos}::date, ${number}::bigint, ${id}::uuid)`;
    where.push(forward ? sql`${row} < ${key}` : sql`${row} > ${key}`);
  }
  const dir = forward ? desc : asc;
  return { where: and(...where), order: [dir(superbills.dateOfService), dir(superbills.number), dir(superbills.id)] };
}

/**
 * The same page as `listSuperbills`, read as trees shaped like the GraphQL selection (lines, diagnoses,
 * patient, provider… as the compiled node says), with the count when asked, in ONE statement.
 * @returns up to limit+1 rows in page order, each with its key (date of service, number, id)
 */
export function listSuperbillTrees(db: Db, practiceId: string, q: SuperbillQuery, limit: number, cursor: SuperbillKey | null, forward: boolean, wantCount: boolean, node: CompiledNode, sel: TreeSelection): Promise<{ rows: TreeRow[]; total: number | null }> {
  const keys = ['date_of_service', 'number', 'id'].map((column) => ({ column, descending: forward }));
  const count = wantCount ? sql`select count(*)::int from ${superbills} where ${and(...filters(practiceId, q))}` : null;
  const page = pageParts(practiceId, q, cursor, forward);
  return readTreePage(db, { rows: tableRows(superbills, page.where, page.order, limit + 1), keys, count }, node, sel);
}

/**
 * The same page with its edges written by PostgreSQL as the response holds them (readSplicedPage): the
 * edges' JSON, and per row its key and the values `carries` names, with the count when asked.
 */
export function listSuperbillEdges(db: Db, practiceId: string, q: SuperbillQuery, limit: number, cursor: SuperbillKey | null, forward: boolean, wantCount: boolean, edge: string, carries: readonly string[]) {
  const keys = ['date_of_service', 'number', 'id'].map((column) => ({ column, descending: forward }));
  const count = wantCount ? sql`select count(*)::int from ${superbills} where ${and(...filters(practiceId, q))}` : null;
  const page = pageParts(practiceId, q, cursor, forward);
  return readSplicedPage(db, { rows: tableRows(superbills, page.where, page.order, limit + 1), keys, count }, edge, carries, limit, forward);
}

/** How many superbills match the filter (for totalCount). */
export async function countSuperbills(db: Db, practiceId: string, q: SuperbillQuery): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(superbills).where(and(...filters(practiceId, q)));
  return Number(row?.n ?? 0);
}

/**
 * The newest `limit` superbills of each patient (any status), newest first, in one statement.
 */
export async function findSuperbillsOfPatients(db: Db, practiceId: string, patientIds: readonly string[], limit: number): Promise<SuperbillRow[]> {
  if (patientIds.length === 0) return [];
  const ranked = db
    .select({ id: superbills.id, rank: sql<number>`row_number() over (partition by ${superbills.patientId} order by ${superbills.dateOfService} desc, ${superbills.number} desc)`.as('rank') })
    .from(superbills)
    .where(and(eq(superbills.practiceId, practiceId), sql`${superbills.patientId} in (${sql.join(patientIds.map((p) => sql`${p}::uuid`), sql`, `)})`))
    .as('ranked');
  const rows = await db
    .select({ s: superbills })
    .from(superbills)
    .innerJoin(ranked, eq(ranked.id, superbills.id))
    .where(sql`${ranked.rank} <= ${limit}`)
    .orderBy(desc(superbills.dateOfService), desc(superbills.number));
  return rows.map((r) => r.s);
}
