import type { Db } from '../../db/client.js';
import { compiledNode } from '../../db/compile/node-sql.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import type { TreeRow } from '../../db/compile/tree-page.js';
import { type EdgesSplice, splicedConnection } from '../../graphql/compile/splice.js';
import { SQL_TYPES } from '../../graphql/compiled-types.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, pageRequest, toConnection } from '../../graphql/pagination.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { FOLLOW_UP_REASONS, followUpKeyOf, type FollowUpKey, listFollowUps, listFollowUpTrees } from './claim-followup.repo.js';
import { claimKeyOf, countClaims, listClaimEdges, listClaims, listClaimTrees, type ClaimKey } from './claim-list.repo.js';
import { presentClaim } from './claim-present.js';
import type { ClaimFollowUp, ClaimFollowUpArgs, ClaimsArgs, FollowUpReason } from './claim-query.js';
import type { ClaimRow } from './claim.repo.js';
import type { Claim } from './claim.type.js';

/** A claim of the caller's practice, audited. @throws NOT_FOUND (also for another practice's) */
export function presentFoundClaim(audit: AuditTrail, id: string, row: ClaimRow | null): Claim {
  if (!row) throw notFound('Claim', id);
  return presentClaim(audit, row);
}

const forged = (path: string) => badInput([{ path, message: 'is not a cursor issued by this connection' }]);

function claimCursor(raw: unknown[] | null, path: string): ClaimKey | null {
  if (raw === null) return null;
  const [dos, n, id] = raw;
  if (raw.length === 3 && typeof dos === 'string' && isValidLocalDate(dos) && Number.isSafeInteger(n) && isUuid(id)) return [dos, n as number, id];
  throw forged(path);
}

function ids(filter: object, keys: string[]) {
  const f = filter as Record<string, unknown>;
  const bad = keys.filter((k) => f[k] != null && !isUuid(f[k]));
  if (bad.length) throw badInput(bad.map((k) => ({ path: `filter.${k}`, message: 'is not an id issued by this API' })));
}

/** A claim the compiler read as a tree: audited like a mapped row (the tree carries id and patientId). */
function presentTreeClaim(audit: AuditTrail, node: TreeRow[1]): Claim {
  audit.read('Claim', node.id as string, node.patientId as string);
  return node as unknown as Claim;
}

/** The compiled statement of what was selected on each claim, or null when the compiler cannot serve it. */
const compiledClaim = (node: TreeSelection | null) => {
  const sel = node ?? { type: 'Claim', fields: [] };
  const compiled = compiledNode(SQL_TYPES, sel);
  return compiled ? { compiled, sel } : null;
};

/**
 * One page of the practice's claims, newest date of service first; every row read is audited.
 * @param node - what was selected on each claim: when the compiler serves it, the page, its nested
 *   reads and the count are one statement; otherwise the rows are mapped and nested fields use loaders
 * @param splice - when given, PostgreSQL writes the edges into the response (unless a required relation is missing)
 * @throws BAD_USER_INPUT for paging arguments, a forged cursor, a malformed id or an inverted range
 */
export async function listClaimPage(db: Db, practiceId: string, audit: AuditTrail, args: ClaimsArgs, wantCount: boolean, node: TreeSelection | null = null, splice: EdgesSplice | null = null): Promise<ConnectionShape<Claim>> {
  const page = pageRequest(args);
  const cursor = claimCursor(page.cursor, page.forward ? 'after' : 'before');
  const f = args.filter ?? {};
  ids(f, ['payerId', 'providerId', 'patientId']);
  if (f.dateOfServiceFrom && f.dateOfServiceTo && f.dateOfServiceFrom > f.dateOfServiceTo) throw badInput([{ path: 'filter.dateOfServiceTo', message: 'must not be before filter.dateOfServiceFrom' }]);
  if (f.submittedFrom && f.submittedTo && f.submittedFrom > f.submittedTo) throw badInput([{ path: 'filter.submittedTo', message: 'must not be before filter.submittedFrom' }]);
  const q = { status: f.status, payerId: f.payerId, providerId: f.providerId, patientId: f.patientId, from: f.dateOfServiceFrom, to: f.dateOfServiceTo, submittedFrom: f.submittedFrom, submittedTo: f.submittedTo };
  if (splice) {
    const read = await listClaimEdges(db, practiceId, q, page.limit, cursor, page.forward, wantCount, splice.edge, splice.carries);
    const spliced = splicedConnection<Claim>(read, page, splice, audit, 'Claim');
    if (spliced) return spliced;
  }
  const tree = compiledClaim(node);
  if (tree) {
    const read = await listClaimTrees(db, practiceId, q, page.limit, cursor, page.forward, wantCount, tree.compiled, tree.sel);
    return toConnection(read.rows, page, (r) => r[0], ([, c]) => presentTreeClaim(audit, c), read.total);
  }
  const [rows, total] = await Promise.all([listClaims(db, practiceId, q, page.limit, cursor, page.forward), wantCount ? countClaims(db, practiceId, q) : Promise.resolve(null)]);
  return toConnection(rows, page, claimKeyOf, (r) => presentClaim(audit, r), total);
}

function followUpCursor(raw: unknown[] | null, path: string): FollowUpKey | null {
  if (raw === null) return null;
  const [rank, deadline, n, id] = raw;
  if (raw.length === 4 && Number.isInteger(rank) && typeof deadline === 'string' && isValidLocalDate(deadline) && Number.isSafeInteger(n) && isUuid(id)) return [rank as number, deadline, n as number, id];
  throw forged(path);
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The follow-up queue: claims needing attention, most urgent first (timely filing near or past,
 * rejected, unacknowledged, pending, follow-up date come), each with its most urgent reason.
 * @throws BAD_USER_INPUT for paging arguments, a forged cursor, a malformed id, an empty reason list
 */
export async function followUpPage(db: Db, practiceId: string, audit: AuditTrail, args: ClaimFollowUpArgs, now: Date, node: TreeSelection | null = null): Promise<ConnectionShape<ClaimFollowUp>> {
  const page = pageRequest(args);
  const cursor = followUpCursor(page.cursor, page.forward ? 'after' : 'before');
  const f = args.filter;
  if (f) ids(f, ['payerId']);
  if (f?.reasons && f.reasons.length === 0) throw badInput([{ path: 'filter.reasons', message: 'must name at least one reason (leave it out for all)' }]);
  const today = now.toISOString().slice(0, 10);
  const q = {
    today, now, reasons: f?.reasons?.length ? f.reasons : [...FOLLOW_UP_REASONS], payerId: f?.payerId, assigneeId: f?.assigneeId, unassignedOnly: f?.unassignedOnly ?? false,
    unacknowledgedAfterDays: f?.unacknowledgedAfterDays ?? 7, pendingAfterDays: f?.pendingAfterDays ?? 30, timelyFilingWithinDays: f?.timelyFilingWithinDays ?? 30, includeSnoozed: f?.includeSnoozed ?? false,
  };
  const tree = compiledClaim(node);
  if (tree) {
    const read = await listFollowUpTrees(db, practiceId, q, page.limit, cursor, page.forward, tree.compiled, tree.sel);
    return toConnection(read.rows, page, (r) => r[0], ([key, c]) => {
      const [rank, deadline] = key as [number, string];
      return { claim: presentTreeClaim(audit, c), reason: FOLLOW_UP_REASONS[rank] as FollowUpReason, timelyFilingDeadline: deadline, daysToTimelyFiling: daysBetween(today, deadline) };
    });
  }
  const rows = await listFollowUps(db, practiceId, q, page.limit, cursor, page.forward);
  return toConnection(rows, page, followUpKeyOf, (r) => ({
    claim: presentClaim(audit, r.claim),
    reason: FOLLOW_UP_REASONS[r.rank] as FollowUpReason,
    timelyFilingDeadline: r.deadline,
    daysToTimelyFiling: daysBetween(today, r.deadline),
  }));
}
