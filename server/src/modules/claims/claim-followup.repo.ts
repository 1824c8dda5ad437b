import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { CompiledNode } from '../../db/compile/node-sql.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import { readTreePage, type TreeRow } from '../../db/compile/tree-page.js';
import { claims } from '../../db/schema/claims.js';
import { payers } from '../../db/schema/insurance.js';
import type { ClaimRow } from './claim.repo.js';

/** Why a claim needs someone's attention, most urgent first (the rank is the index in this list). */
export const FOLLOW_UP_REASONS = ['TIMELY_FILING', 'REJECTED', 'UNACKNOWLEDGED', 'PENDING', 'FOLLOW_UP_DUE'] as const;
export type FollowUpReasonCode = (typeof FOLLOW_UP_REASONS)[number];

export interface FollowUpQuery {
  /** The queue's date (UTC) and instant. */
  today: string;
  now: Date;
  reasons: FollowUpReasonCode[];
  payerId?: string | null;
  assigneeId?: string | null;
  unassignedOnly: boolean;
  unacknowledgedAfterDays: number;
  pendingAfterDays: number;
  timelyFilingWithinDays: number;
  includeSnoozed: boolean;
}

export interface FollowUpRow {
  claim: ClaimRow;
  rank: number;
  deadline: string;
}

/** rank, timely-filing deadline, number, id — the queue's order, most urgent first. */
export type FollowUpKey = [number, string, number, string];

export const followUpKeyOf = (r: FollowUpRow): FollowUpKey => [r.rank, r.deadline, r.claim.number, r.claim.id];

function rankOf(q: FollowUpQuery): SQL<number | null> {
  const deadline = sql`(${claims.dateOfService} + ${payers.timelyFilingDays})`;
  const before = (days: number) => sql`${q.now.toISOString()}::timestamptz - make_interval(days => ${days}::int)`;
  const arms: Record<FollowUpReasonCode, SQL> = {
    TIMELY_FILING: sql`${claims.status} in ('DRAFT', 'READY', 'REJECTED') and ${deadline} <= ${q.today}::date + ${q.timelyFilingWithinDays}::int`,
    REJECTED: sql`${claims.status} = 'REJECTED'`,
    UNACKNOWLEDGED: sql`${claims.status} = 'SUBMITTED' and ${claims.submittedAt} < ${before(q.unacknowledgedAfterDays)}`,
    PENDING: sql`${claims.status} = 'ACCEPTED' and coalesce(${claims.acknowledgedAt}, ${claims.statusChangedAt}) < ${before(q.pendingAfterDays)}`,
    FOLLOW_UP_DUE: sql`${claims.status} not in ('CLOSED', 'VOIDED') and ${claims.nextFollowUpOn} <= ${q.today}::date`,
  };
  const whens = FOLLOW_UP_REASONS.map((r, i) => (q.reasons.includes(r) ? sql` when ${arms[r]} then ${sql.raw(String(i))}` : sql``));
  return sql<number | null>`(case${sql.join(whens, sql``)} end)`;
}

/**
 * One page of the follow-up queue: claims needing attention with the most urgent reason each, ordered
 * by reason rank, timely-filing deadline, then number and id (keyset on that row comparison). Snoozed
 * claims (next follow-up date after today) are left out unless asked for.
 * @returns up to limit+1 rows in read order (reversed when going backward)
 */
export async function listFollowUps(db: Db, practiceId: string, q: FollowUpQuery, limit: number, cursor: FollowUpKey | null, forward: boolean): Promise<FollowUpRow[]> {
  const p = queueParts(practiceId, q, cursor, forward);
  const rows = await db
    .select({ claim: claims, rank: p.rank, deadline: sql<string>`to_char(${p.deadline}, 'YYYY-MM-DD')` })
    .from(claims)
    .innerJoin(payers, eq(payers.id, claims.payerId))
    .where(p.where)
    .orderBy(...p.order)
    .limit(limit + 1);
  return rows.map((r) => ({ claim: r.claim, rank: Number(r.rank), deadline: r.deadline }));
}

function queueParts(practiceId: string, q: FollowUpQuery, cursor: FollowUpKey | null, forward: boolean) {
  const rank = rankOf(q);
  const deadline = sql<string>`(${claims.dateOfService} + ${payers.timelyFilingDays})`;
  const where: SQL[] = [eq(claims.practiceId, practiceId), sql`${rank} is not null`];
  if (q.payerId) where.push(eq(claims.payerId, q.payerId));
  if (q.assigneeId) where.push(eq(claims.assigneeId, q.assigneeId));
  if (q.unassignedOnly) where.push(isNull(claims.assigneeId));
  if (!q.includeSnoozed) where.push(sql`(${claims.nextFollowUpOn} is null or ${claims.nextFollowUpOn} <= ${q.today}::date)`);
  if (cursor) {
    const [r, d, n, id] = cursor;
    const row = sql`(${rank}, ${deadline}, ${claims.number}, ${claims.id})`;
    const key = sql`(${r}::int, ${d}::date, ${n}::bigint, ${id}::uuid)`;
    where.push(forward ? sql`${row} > ${key}` : sql`${row} < ${key}`);
  }
  where.push(inArray(claims.status, ['DRAFT', 'READY', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'PAID', 'PARTIALLY_PAID', 'DENIED']));
  const dir = forward ? asc : desc;
  return { rank, deadline, where: and(...where), order: [dir(rank), dir(deadline), dir(claims.number), dir(claims.id)] };
}

/**
 * The same page as `listFollowUps`, each claim read as a tree shaped like the GraphQL selection, in ONE
 * statement: the page's rows are the claims with their rank and deadline, which are also the keys.
 * @returns up to limit+1 rows in read order, each with its key (rank, deadline, number, id)
 */
export function listFollowUpTrees(db: Db, practiceId: string, q: FollowUpQuery, limit: number, cursor: FollowUpKey | null, forward: boolean, node: CompiledNode, sel: TreeSelection): Promise<{ rows: TreeRow[]; total: number | null }> {
  const p = queueParts(practiceId, q, cursor, forward);
  const rows = sql`select ${claims}.*, ${p.rank} as follow_up_rank, ${p.deadline} as follow_up_deadline from ${claims} inner join ${payers} on ${payers.id} = ${claims.payerId}
    where ${p.where} order by ${sql.join(p.order, sql`, `)} limit ${limit + 1}`;
  const keys = ['follow_up_rank', 'follow_up_deadline', 'number', 'id'].map((column) => ({ column, descending: !forward }));
  return readTreePage(db, { rows, keys, count: null }, node, sel);
}
