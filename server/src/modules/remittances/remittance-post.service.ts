import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { RemittanceIssueJson } from '../../db/schema/remittances.js';
import { AppError } from '../../graphql/errors.js';
import { checkRemittance, type CheckedRemittance } from '../../x12/era-balance.js';
import type { Remittance } from '../../x12/x12-835-types.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { LedgerActor } from '../ledger/ledger-draft.js';
import { practiceToday } from '../ledger/ledger-post.service.js';
import { type PaidClaim, settleAppealsAfterPosting } from '../appeals/appeal-settle.service.js';
import { createNextPayerClaimsAfterPosting } from '../coordination/secondary-claim.service.js';
import { settleStaleNextPayerClaims } from '../coordination/stale-next-claim.service.js';
import { applyRemittance } from './remittance-apply.js';
import { type ClaimOutcome, detailRows, headerOf } from './remittance-rows.js';
import { findPosted, insertDetail, insertPosted, insertRefused, type RemittanceRow } from './remittance.repo.js';

/** A posted remittance, and whether this call only found it (same key, same file or same payment trace). */
export interface PostedRemittance {
  remittance: RemittanceRow;
  replayed: boolean;
}

const keyReused = (key: string) => new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for a different remittance file`);

/** Every error-level problem (and warning, when asked) and imbalance of a file, as stored and reported (codes, positions, amounts: no PHI). */
export function issuesOf(checked: CheckedRemittance, warnings = false): RemittanceIssueJson[] {
  const problems = checked.problems.filter((p) => warnings || p.severity === 'error').map((p): RemittanceIssueJson => ({ kind: 'PROBLEM', code: p.code, message: `${p.tag} at segment ${p.position}: ${p.message}`, claimIndex: p.claimIndex ?? null, lineNumber: p.lineNumber ?? null }));
  const imbalances = checked.imbalances.map((i): RemittanceIssueJson => ({ kind: 'IMBALANCE', code: i.rule, message: i.message, claimIndex: i.claimIndex, lineNumber: i.lineNumber }));
  const unread: RemittanceIssueJson[] = checked.remittance === null && problems.length === 0 ? [{ kind: 'PROBLEM', code: 'NOT_835', message: 'the file is not an 835 interchange', claimIndex: null, lineNumber: null }] : [];
  return [...unread, ...problems, ...imbalances];
}

/** The earlier posting this request repeats, or IDEMPOTENCY_KEY_REUSED when its key named another file. */
function replayOf(rows: readonly RemittanceRow[], key: string, sha: string): PostedRemittance | null {
  const sameKey = rows.find((r) => r.idempotencyKey === key);
  if (sameKey && sameKey.fileSha256 !== sha) throw keyReused(key);
  const found = sameKey ?? rows.find((r) => r.fileSha256 === sha) ?? rows[0];
  return found ? { remittance: found, replayed: true } : null;
}

/** Per posted CLP with a payment, the claim lines it paid (SVC lines matched to positions; all lines when it has none). */
function paidClaimsOf(r: Remittance, outcomes: readonly ClaimOutcome[]): PaidClaim[] {
  return outcomes.flatMap((o, i): PaidClaim[] => {
    const c = r.claims[i]!;
    if (o.kind !== 'POSTED' || c.paidCents <= 0) return [];
    if (c.lines.length === 0) return [{ claimId: o.claim.id, paidPositions: 'ALL' }];
    return [{ claimId: o.claim.id, paidPositions: o.positions.filter((_, j) => c.lines[j]!.paidCents > 0) }];
  });
}

/**
 * Posts an 835 in one transaction: checks it first (an unreadable or unbalanced file is recorded as
 * REFUSED and refused with every problem and imbalance, posting nothing), then records the file and
 * applies it to claims and the ledger (see applyRemittance). Posting is once per file: the same key, the
 * same file (SHA-256) or the same payment trace (TRN02 + TRN03) returns the first posting — also when
 * two postings run at once (the second waits on the unique keys and then finds the first).
 * @returns the remittance and whether it was posted before
 * @throws BAD_USER_INPUT (refused file: extensions.issues lists every problem and imbalance),
 *   IDEMPOTENCY_KEY_REUSED (the key was used for another file)
 */
export async function postRemittance(db: Db, actor: LedgerActor, audit: AuditTrail, x12: string, idempotencyKey: string): Promise<PostedRemittance> {
  const { practiceId } = actor;
  const fileSha256 = createHash('sha256').update(x12).digest('hex');
  const early = replayOf(await findPosted(db, practiceId, { idempotencyKey, fileSha256, traceNumber: null, tracePayerId: null }), idempotencyKey, fileSha256);
  if (early) return early;
  const checked = checkRemittance(x12);
  const base = { idempotencyKey, fileSha256, rawX12: x12, postedBy: actor.userId };
  if (!checked.postable) {
    const issues = issuesOf(checked);
    const refused = await insertRefused(db, practiceId, { ...base, ...(checked.remittance ? headerOf(checked.remittance) : {}), problems: issues });
    await audit.write(db, 'CREATE', 'Remittance', refused.id);
    throw new AppError('BAD_USER_INPUT', `Remittance refused with ${issues.length} problem(s); nothing was posted`, {
      remittanceId: refused.id,
      fields: issues.map((i) => ({ path: 'input.x12', message: `${i.code}: ${i.message}` })),
      issues,
    });
  }
  const r = checked.remittance!;
  const header = headerOf(r);
  return db.transaction(async (tx) => {
    const row = await insertPosted(tx, practiceId, { ...base, ...header, problems: issuesOf(checked, true) });
    if (!row) {
      const again = replayOf(await findPosted(tx, practiceId, { idempotencyKey, fileSha256, traceNumber: header.traceNumber ?? null, tracePayerId: header.tracePayerId ?? null }), idempotencyKey, fileSha256);
      if (again) return again;
      throw new AppError('INTERNAL_SERVER_ERROR', 'remittance conflict without a posted remittance');
    }
    const today = await practiceToday(tx, practiceId);
    const effectiveDate = r.payment.paymentDate && r.payment.paymentDate <= today ? r.payment.paymentDate : today;
    const outcomes = await applyRemittance(tx, actor, row.id, r, effectiveDate);
    await insertDetail(tx, practiceId, detailRows(row.id, r, outcomes));
    // Coordination of benefits: a claim to the next payer built on an adjudication this file reversed is
    // voided (to be made again just below) or, once sent, flagged to the billers.
    await settleStaleNextPayerClaims(tx, practiceId, actor.userId, audit, outcomes.flatMap((o) => (o.kind === 'REVERSAL' ? [o.claim.id] : [])), row.id);
    // Coordination of benefits: the claim to the secondary payer of what the primary left to the patient.
    await createNextPayerClaimsAfterPosting(tx, practiceId, actor.userId, audit, outcomes.flatMap((o) => (o.kind === 'POSTED' ? [o.claim.id] : [])));
    // A submitted appeal of a claim (or of a line) the payer now paid is won, paid by this remittance.
    await settleAppealsAfterPosting(tx, practiceId, audit, paidClaimsOf(r, outcomes), row.id);
    await audit.write(tx, 'CREATE', 'Remittance', row.id);
    // The claims (and their patients' ledgers) the file changed: one batch row for the whole file.
    const changed = new Map(outcomes.flatMap((o) => (o.kind === 'UNMATCHED' ? [] : [[o.claim.id, o.claim.patientId] as const])));
    await audit.writeAll(tx, 'UPDATE', [...changed].map(([id, patientId]) => ({ entityType: 'Claim', entityId: id, patientId })));
    return { remittance: row, replayed: false };
  });
}
