import type { Db } from '../../db/client.js';
import { compiledNode } from '../../db/compile/node-sql.js';
import type { TreeRow } from '../../db/compile/tree-page.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import { SQL_TYPES } from '../../graphql/compiled-types.js';
import { badInput } from '../../graphql/errors.js';
import { type ConnectionShape, pageRequest, toConnection } from '../../graphql/pagination.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { countRemittances, countUnmatched, type DenialRow, findAdjustmentsOf, type InstantKey, listDenials, listRemittances, listRemittanceTrees, listUnmatched } from './remittance-list.repo.js';
import type { DenialFilter, DenialsArgs } from './remittance.inputs.js';
import { presentDenial, presentRemittanceClaim, toRemittance } from './remittance.mapper.js';
import type { Denial, Remittance, RemittanceClaim } from './remittance.type.js';

type PageArgs = { first?: number | null; after?: string | null; last?: number | null; before?: string | null };

function instantKey(raw: unknown[] | null, path: string): InstantKey | null {
  if (raw === null) return null;
  const [at, id] = raw;
  const date = typeof at === 'string' ? new Date(at) : null;
  if (raw.length === 2 && date && !Number.isNaN(date.getTime()) && typeof id === 'string' && isUuid(id)) return [date, id];
  throw badInput([{ path, message: 'is not a cursor issued by this connection' }]);
}
const keyOf = (at: Date, id: string) => [at.toISOString(), id];

/** A remittance the compiler read as a tree: each CLP it holds is audited as presentRemittanceClaim audits a mapped one. */
function presentTreeRemittance(audit: AuditTrail, node: TreeRow[1]): Remittance {
  const claims = node.claims as { id: string; patientId: string | null }[] | undefined;
  for (const c of claims ?? []) audit.read('RemittanceClaim', c.id, c.patientId);
  return node as unknown as Remittance;
}

/**
 * One page of the practice's remittances, newest first; every CLP read is audited.
 * @param node - what was selected on each remittance: when the compiler serves it, the page, its claims,
 *   lines and adjustments and the count are one statement; otherwise rows are mapped and nested fields use loaders
 * @throws BAD_USER_INPUT for paging arguments or a forged cursor
 */
export async function remittancePage(db: Db, practiceId: string, audit: AuditTrail, args: PageArgs, wantCount: boolean, node: TreeSelection | null = null): Promise<ConnectionShape<Remittance>> {
  const page = pageRequest(args);
  const cursor = instantKey(page.cursor, page.forward ? 'after' : 'before');
  const sel = node ?? { type: 'Remittance', fields: [] };
  const compiled = compiledNode(SQL_TYPES, sel);
  if (compiled) {
    const read = await listRemittanceTrees(db, practiceId, page.limit, cursor, page.forward, wantCount, compiled, sel);
    // posted_at comes as PostgreSQL's JSON text: the cursor keeps the same form as the mapped path's.
    return toConnection(read.rows, page, ([[at, id]]) => keyOf(new Date(at as string), id as string), ([, r]) => presentTreeRemittance(audit, r), read.total);
  }
  const [rows, total] = await Promise.all([listRemittances(db, practiceId, page.limit, cursor, page.forward), wantCount ? countRemittances(db, practiceId) : Promise.resolve(null)]);
  return toConnection(rows, page, (r) => keyOf(r.postedAt, r.id), toRemittance, total);
}

/**
 * One page of the unmatched queue, newest first (audited reads).
 * @throws BAD_USER_INPUT for paging arguments or a forged cursor
 */
export async function unmatchedPage(db: Db, practiceId: string, audit: AuditTrail, args: PageArgs, wantCount: boolean): Promise<ConnectionShape<RemittanceClaim>> {
  const page = pageRequest(args);
  const cursor = instantKey(page.cursor, page.forward ? 'after' : 'before');
  const [rows, total] = await Promise.all([listUnmatched(db, practiceId, page.limit, cursor, page.forward), wantCount ? countUnmatched(db, practiceId) : Promise.resolve(null)]);
  return toConnection(rows, page, (r) => keyOf(r.createdAt, r.id), (r) => presentRemittanceClaim(audit, r), total);
}

function filterProblems(f: DenialFilter) {
  const bad = (['claimId', 'payerId'] as const).filter((k) => f[k] != null && !isUuid(f[k]));
  const problems = bad.map((k) => ({ path: `filter.${k}`, message: 'is not an id issued by this API' }));
  if (f.reasonCode != null && !/^[A-Z0-9]{1,3}$/.test(f.reasonCode)) problems.push({ path: 'filter.reasonCode', message: 'must be a CARC (1–3 letters or digits)' });
  if (f.from && f.to && f.from > f.to) problems.push({ path: 'filter.to', message: 'must not be before filter.from' });
  return problems;
}

/**
 * One page of denied lines, newest first, with their adjustments (two statements; audited reads).
 * @throws BAD_USER_INPUT for paging arguments, a forged cursor, malformed ids or a reversed date range
 */
export async function denialPage(db: Db, practiceId: string, audit: AuditTrail, args: DenialsArgs): Promise<ConnectionShape<Denial>> {
  const page = pageRequest(args);
  const cursor = instantKey(page.cursor, page.forward ? 'after' : 'before');
  const f = args.filter ?? {};
  const problems = filterProblems(f);
  if (problems.length) throw badInput(problems);
  const rows: DenialRow[] = await listDenials(db, practiceId, f, page.limit, cursor, page.forward);
  const adjustments = rows.length ? await findAdjustmentsOf(db, practiceId, [...new Set(rows.map((r) => r.claim.id))]) : [];
  return toConnection(rows, page, (r) => keyOf(r.line.createdAt, r.line.id), (r) => presentDenial(audit, r, adjustments), null);
}
