import { and, asc, eq, getTableColumns, gte, inArray, isNull, lte, notExists, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { CompiledNode } from '../../db/compile/node-sql.js';
import { readTreePage, tableRows, type TreeRow } from '../../db/compile/tree-page.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { payers } from '../../db/schema/insurance.js';
import { carcCodes, remittanceAdjustments, remittanceClaims, remittanceLines, remittanceProviderAdjustments, remittances } from '../../db/schema/remittances.js';
import { isUuid } from '../../lib/uuid.js';
import type { ProviderAdjustmentRow, RemittanceAdjustmentRow, RemittanceClaimRow, RemittanceLineRow, RemittanceRow } from './remittance.repo.js';

/** Keyset of remittances (posted_at, id) and of the unmatched queue (created_at, id): newest first. */
export type InstantKey = [Date, string];

const r = remittances;
const rc = remittanceClaims;
const rl = remittanceLines;

function remittancePageParts(practiceId: string, cursor: InstantKey | null, forward: boolean) {
  const keys = [r.postedAt, r.id];
  const order = pageOrder('DESC', forward);
  const where: SQL[] = [eq(r.practiceId, practiceId)];
  if (cursor) where.push(keysetAfter(keys, cursor, order));
  return { where: and(...where), order: keysetOrder(keys, order), descending: order === 'DESC' };
}

/** One page of the practice's remittances (POSTED and REFUSED), newest first; up to limit+1 rows in page order. */
export function listRemittances(db: Db, practiceId: string, limit: number, cursor: InstantKey | null, forward: boolean): Promise<RemittanceRow[]> {
  const page = remittancePageParts(practiceId, cursor, forward);
  return db.select().from(r).where(page.where).orderBy(...page.order).limit(limit + 1);
}

/**
 * The same page as `listRemittances`, read as trees shaped like the GraphQL selection (claims, lines,
 * adjustments… as the compiled node says), with the count when asked, in ONE statement.
 * @returns up to limit+1 rows in read order, each with its key (posted_at as JSON text, id)
 */
export function listRemittanceTrees(db: Db, practiceId: string, limit: number, cursor: InstantKey | null, forward: boolean, wantCount: boolean, node: CompiledNode, sel: TreeSelection): Promise<{ rows: TreeRow[]; total: number | null }> {
  const page = remittancePageParts(practiceId, cursor, forward);
  const keys = ['posted_at', 'id'].map((column) => ({ column, descending: page.descending }));
  const count = wantCount ? sql`select count(*)::int from ${r} where ${eq(r.practiceId, practiceId)}` : null;
  return readTreePage(db, { rows: tableRows(r, page.where, page.order, limit + 1), keys, count }, node, sel);
}

/** How many remittances the practice has. */
export async function countRemittances(db: Db, practiceId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(r).where(eq(r.practiceId, practiceId));
  return Number(row?.n ?? 0);
}

/** One page of the unmatched queue (CLPs that matched no claim), newest first. */
export function listUnmatched(db: Db, practiceId: string, limit: number, cursor: InstantKey | null, forward: boolean): Promise<RemittanceClaimRow[]> {
  const keys = [rc.createdAt, rc.id];
  const order = pageOrder('DESC', forward);
  const where: SQL[] = [eq(rc.practiceId, practiceId), eq(rc.outcome, 'UNMATCHED')];
  if (cursor) where.push(keysetAfter(keys, cursor, order));
  return db.select().from(rc).where(and(...where)).orderBy(...keysetOrder(keys, order)).limit(limit + 1);
}

/** How many CLPs wait in the unmatched queue. */
export async function countUnmatched(db: Db, practiceId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(rc).where(and(eq(rc.practiceId, practiceId), eq(rc.outcome, 'UNMATCHED')));
  return Number(row?.n ?? 0);
}

/** Remittances of the practice by id (malformed ids and other practices' match nothing). */
export function findRemittancesByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<RemittanceRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(r).where(and(eq(r.practiceId, practiceId), inArray(r.id, valid)));
}

/** The CLPs of these remittances, in file order. */
export function findClaimsOfRemittances(db: Db, practiceId: string, ids: readonly string[]): Promise<RemittanceClaimRow[]> {
  return db.select().from(rc).where(and(eq(rc.practiceId, practiceId), inArray(rc.remittanceId, [...ids]))).orderBy(asc(rc.claimIndex));
}

/** The CLPs posted to (or reversing) these claims of ours, oldest first. */
export function findRemittanceClaimsOfClaims(db: Db, practiceId: string, claimIds: readonly string[]): Promise<RemittanceClaimRow[]> {
  return db.select().from(rc).where(and(eq(rc.practiceId, practiceId), inArray(rc.claimId, [...claimIds]))).orderBy(asc(rc.createdAt), asc(rc.claimIndex));
}

/** The SVC lines of these CLPs, in order. */
export function findLinesOf(db: Db, practiceId: string, ids: readonly string[]): Promise<RemittanceLineRow[]> {
  return db.select().from(rl).where(and(eq(rl.practiceId, practiceId), inArray(rl.remittanceClaimId, [...ids]))).orderBy(asc(rl.lineNumber));
}

/** Every CAS adjustment (claim- and line-level) of these CLPs, in file order. */
export function findAdjustmentsOf(db: Db, practiceId: string, ids: readonly string[]): Promise<RemittanceAdjustmentRow[]> {
  const a = remittanceAdjustments;
  return db
    .select({ ...getTableColumns(a), reasonDescription: carcCodes.description })
    .from(a)
    .leftJoin(carcCodes, eq(carcCodes.code, a.reasonCode))
    .where(and(eq(a.practiceId, practiceId), inArray(a.remittanceClaimId, [...ids])))
    // File order within each parent (claim-level ones, then each line's), as the selection compiler reads them.
    .orderBy(asc(a.remittanceClaimId), sql`${a.remittanceLineId} nulls first`, asc(a.position));
}

/** The PLB adjustments of these remittances, in file order. */
export function findProviderAdjustmentsOf(db: Db, practiceId: string, ids: readonly string[]): Promise<ProviderAdjustmentRow[]> {
  const p = remittanceProviderAdjustments;
  return db.select().from(p).where(and(eq(p.practiceId, practiceId), inArray(p.remittanceId, [...ids]))).orderBy(asc(p.position));
}

export interface DenialQuery {
  claimId?: string | null;
  payerId?: string | null;
  reasonCode?: string | null;
  /** Appeal deadline on or before. */
  appealBy?: string | null;
  from?: string | null;
  to?: string | null;
}

/** A denied line with its CLP, remittance date and appeal deadline (payer's appeal days after the remittance date). */
export interface DenialRow {
  line: RemittanceLineRow;
  claim: RemittanceClaimRow;
  remittanceDate: string;
  appealDeadline: string;
}

const remittanceDate = sql<string>`coalesce(${r.paymentDate}, ${r.productionDate}, (${r.postedAt} at time zone 'UTC')::date)::text`;
const appealDeadline = sql<string>`(coalesce(${r.paymentDate}, ${r.productionDate}, (${r.postedAt} at time zone 'UTC')::date) + ${payers.appealDays})::text`;

/**
 * One page of denied lines, newest first: lines of posted, unreversed CLPs that paid nothing on a
 * positive charge and moved nothing to the patient. Keyset (created_at, id) of the line.
 */
export function listDenials(db: Db, practiceId: string, q: DenialQuery, limit: number, cursor: InstantKey | null, forward: boolean): Promise<DenialRow[]> {
  const keys = [rl.createdAt, rl.id];
  const order = pageOrder('DESC', forward);
  const where: SQL[] = [
    eq(rl.practiceId, practiceId), eq(rc.outcome, 'POSTED'), isNull(rc.reversedById), eq(rl.paidCents, 0), sql`${rl.chargeCents} > 0`,
    notExists(sql`(select 1 from remittance_adjustments pr where pr.remittance_line_id = ${rl.id} and pr.group_code = 'PR' and pr.amount_cents > 0)`),
  ];
  if (q.claimId) where.push(eq(rc.claimId, q.claimId));
  if (q.payerId) where.push(eq(rc.payerId, q.payerId));
  if (q.reasonCode) where.push(sql`exists (select 1 from remittance_adjustments a where a.remittance_line_id = ${rl.id} and a.reason_code = ${q.reasonCode})`);
  if (q.appealBy) where.push(sql`${appealDeadline} <= ${q.appealBy}`);
  if (q.from) where.push(gte(remittanceDate, q.from));
  if (q.to) where.push(lte(remittanceDate, q.to));
  if (cursor) where.push(keysetAfter(keys, cursor, order));
  return db
    .select({ line: rl, claim: rc, remittanceDate, appealDeadline })
    .from(rl)
    .innerJoin(rc, eq(rc.id, rl.remittanceClaimId))
    .innerJoin(r, eq(r.id, rc.remittanceId))
    .innerJoin(payers, eq(payers.id, rc.payerId))
    .where(and(...where))
    .orderBy(...keysetOrder(keys, order))
    .limit(limit + 1);
}
