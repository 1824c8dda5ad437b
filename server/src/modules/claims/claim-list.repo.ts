import { and, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { CompiledNode } from '../../db/compile/node-sql.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import { readSplicedPage, readTreePage, tableRows, type TreeRow } from '../../db/compile/tree-page.js';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { claims } from '../../db/schema/claims.js';
import type { ClaimRow } from './claim.repo.js';

export interface ClaimQuery {
  status?: string[] | null;
  payerId?: string | null;
  providerId?: string | null;
  patientId?: string | null;
  /** Date-of-service range, inclusive. */
  from?: string | null;
  to?: string | null;
  /** Submission instants, [submittedFrom, submittedTo). */
  submittedFrom?: Date | null;
  submittedTo?: Date | null;
}

/** The keyset of the list: date of service, number, id — newest first. */
export type ClaimKey = [string, number, string];

export const claimKeyOf = (r: ClaimRow): ClaimKey => [r.dateOfService, r.number, r.id];

const KEYS = [claims.dateOfService, claims.number, claims.id];

function filters(practiceId: string, q: ClaimQuery): SQL[] {
  const where: SQL[] = [eq(claims.practiceId, practiceId)];
  if (q.status?.length) where.push(inArray(claims.status, q.status));
  if (q.payerId) where.push(eq(claims.payerId, q.payerId));
  if (q.providerId) where.push(eq(claims.renderingProviderId, q.providerId));
  if (q.patientId) where.push(eq(claims.patientId, q.patientId));
  if (q.from) where.push(gte(claims.dateOfService, q.from));
  if (q.to) where.push(lte(claims.dateOfService, q.to));
  if (q.submittedFrom) where.push(gte(claims.submittedAt, q.submittedFrom));
  if (q.submittedTo) where.push(lt(claims.submittedAt, q.submittedTo));
  return where;
}

/**
 * One page of claims, newest date of service first, keyset-paged by the row comparison
 * (date_of_service, number, id) on the index claims_page (practice_id, date_of_service, number, id).
 * @returns up to limit+1 rows in read order (reversed when going backward)
 */
export function listClaims(db: Db, practiceId: string, q: ClaimQuery, limit: number, cursor: ClaimKey | null, forward: boolean): Promise<ClaimRow[]> {
  const page = pageParts(practiceId, q, cursor, forward);
  return db
    .select()
    .from(claims)
    .where(page.where)
    .orderBy(...page.order)
    .limit(limit + 1);
}

function pageParts(practiceId: string, q: ClaimQuery, cursor: ClaimKey | null, forward: boolean) {
  const order = pageOrder('DESC', forward);
  const where = filters(practiceId, q);
  if (cursor) where.push(keysetAfter(KEYS, cursor, order));
  return { where: and(...where), order: keysetOrder(KEYS, order), descending: order === 'DESC' };
}

/**
 * The same page as `listClaims`, read as trees shaped like the GraphQL selection (lines, payer,
 * patient, history… as the compiled node says), with the count when asked, in ONE statement.
 * @returns up to limit+1 rows in read order, each with its key (date of service, number, id)
 */
export function listClaimTrees(db: Db, practiceId: string, q: ClaimQuery, limit: number, cursor: ClaimKey | null, forward: boolean, wantCount: boolean, node: CompiledNode, sel: TreeSelection): Promise<{ rows: TreeRow[]; total: number | null }> {
  const page = pageParts(practiceId, q, cursor, forward);
  const keys = ['date_of_service', 'number', 'id'].map((column) => ({ column, descending: page.descending }));
  const count = wantCount ? sql`select count(*)::int from ${claims} where ${and(...filters(practiceId, q))}` : null;
  return readTreePage(db, { rows: tableRows(claims, page.where, page.order, limit + 1), keys, count }, node, sel);
}

/**
 * The same page with its edges written by PostgreSQL as the response holds them (readSplicedPage): the
 * edges' JSON, and per row its key and the values `carries` names, with the count when asked.
 */
export function listClaimEdges(db: Db, practiceId: string, q: ClaimQuery, limit: number, cursor: ClaimKey | null, forward: boolean, wantCount: boolean, edge: string, carries: readonly string[]) {
  const page = pageParts(practiceId, q, cursor, forward);
  const keys = ['date_of_service', 'number', 'id'].map((column) => ({ column, descending: page.descending }));
  const count = wantCount ? sql`select count(*)::int from ${claims} where ${and(...filters(practiceId, q))}` : null;
  return readSplicedPage(db, { rows: tableRows(claims, page.where, page.order, limit + 1), keys, count }, edge, carries, limit, forward);
}

/** How many claims match the filter (for totalCount). */
export async function countClaims(db: Db, practiceId: string, q: ClaimQuery): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(claims).where(and(...filters(practiceId, q)));
  return Number(row?.n ?? 0);
}
