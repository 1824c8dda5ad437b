import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import { ClearinghouseError } from '../../x12/clearinghouse.js';
import { build276 } from '../../x12/x12-276.js';
import { parse277, type ClaimStatusResult } from '../../x12/x12-277.js';
import { X12FormatError } from '../../x12/x12-document.js';
import { ACCEPTED_CATEGORIES, REJECTED_CATEGORIES, STATUS_CATEGORIES } from '../../x12/x12-stc.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { EligibilityRuntime } from '../insurance/eligibility.runtime.js';
import { ClaimStatus } from './claim-status.js';
import * as repo from './claim-status-inquiry.repo.js';
import type { InquiryRow, NewInquiryRow } from './claim-status-inquiry.repo.js';
import { transitionClaims } from './claim-transition.service.js';
import { type ClaimRow, findClaimsByIds, lockClaims } from './claim.repo.js';

const MAX_RAW = 200_000;
/** Statuses a claim has once it was sent: only those can be asked about. */
const ASKABLE: readonly string[] = [ClaimStatus.SUBMITTED, ClaimStatus.ACCEPTED, ClaimStatus.REJECTED, ClaimStatus.PAID, ClaimStatus.PARTIALLY_PAID, ClaimStatus.DENIED, ClaimStatus.CLOSED];
/** A 277 category meaning the payer has the claim (received, pending, finalized, asking for information). */
const HELD = (category: string) => ACCEPTED_CATEGORIES.has(category) || /^(P|F|R)\d/.test(category);

/** What a 277 said, normalized; null fields when it said nothing usable. */
function answerOf(raw277: string, trace: string): Pick<NewInquiryRow, 'outcome' | 'reason' | 'category' | 'code' | 'entity' | 'payerClaimNumber' | 'chargeCents' | 'paidCents' | 'adjudicationDate' | 'checkDate' | 'checkNumber' | 'statuses' | 'problems'> {
  const empty = { category: null, code: null, entity: null, payerClaimNumber: null, chargeCents: null, paidCents: null, adjudicationDate: null, checkDate: null, checkNumber: null, statuses: [] };
  let claim: ClaimStatusResult | undefined;
  let problems: string[];
  try {
    const parsed = parse277(raw277);
    problems = parsed.problems;
    claim = parsed.claims.find((c) => c.traceNumber === trace);
    // A reader never stores data from an answer that is not ours.
    if (!claim) return { ...empty, outcome: 'UNREADABLE', reason: 'NOT_OUR_TRACE: the 277 does not answer this 276', problems: [...problems, `no claim status traces ${trace}`] };
  } catch (err) {
    if (!(err instanceof X12FormatError)) throw err;
    return { ...empty, outcome: 'UNREADABLE', reason: `MALFORMED_RESPONSE: ${err.message}`, problems: [err.message] };
  }
  const s = claim.statuses[0];
  if (!s) return { ...empty, outcome: 'UNREADABLE', reason: 'NO_STATUS: the 277 gives no status for the claim', problems };
  return {
    outcome: 'ANSWERED', reason: null, category: s.category, code: s.code, entity: s.entity, payerClaimNumber: claim.payerClaimNumber,
    chargeCents: s.chargeCents, paidCents: s.paidCents, adjudicationDate: s.adjudicationDate, checkDate: s.checkDate, checkNumber: s.checkNumber,
    statuses: claim.statuses, problems,
  };
}

/**
 * What the answer means for a claim still SUBMITTED (no acknowledgment, e.g. a batch SENT_UNKNOWN): the
 * payer has it → ACCEPTED (with its claim number); not found or returned → REJECTED, to be corrected
 * and sent again as the next revision. Adjudication itself comes with the remittance, not from here.
 */
async function applyAnswer(tx: Db, practiceId: string, claim: ClaimRow, row: InquiryRow, by: string): Promise<void> {
  if (claim.status !== ClaimStatus.SUBMITTED || row.outcome !== 'ANSWERED' || !row.category) return;
  const reason = `277 ${row.category}:${row.code}${row.entity ? `:${row.entity}` : ''} (${STATUS_CATEGORIES[row.category] ?? 'unknown category'})`;
  if (REJECTED_CATEGORIES.has(row.category)) {
    await transitionClaims(tx, practiceId, [claim.id], { to: ClaimStatus.REJECTED, source: 'STATUS_INQUIRY', by, reason, reference: row.id, patch: { acknowledgedAt: row.respondedAt, nextFollowUpOn: row.requestedAt.toISOString().slice(0, 10) } });
  } else if (HELD(row.category)) {
    await transitionClaims(tx, practiceId, [claim.id], { to: ClaimStatus.ACCEPTED, source: 'STATUS_INQUIRY', by, reason, reference: row.id, patch: { acknowledgedAt: row.respondedAt, ...(row.payerClaimNumber ? { payerClaimNumber: row.payerClaimNumber } : {}) } });
  }
}

/**
 * Asks the payer about one claim: builds a 276 (005010X212) from the claim's snapshot, sends it, stores
 * the 277 (status category, code, payer claim number, amounts, dates; raw texts too). A timeout or an
 * unreadable answer is stored as NO_RESPONSE or UNREADABLE with the reason. A SUBMITTED claim the payer
 * reports holding becomes ACCEPTED; one it reports not found or returned becomes REJECTED.
 * @returns the stored inquiry
 * @throws NOT_FOUND (also another practice's claim), BAD_USER_INPUT (a claim never sent),
 *   UPSTREAM_UNAVAILABLE (circuit open: nothing was sent or stored)
 */
export async function checkClaimStatus(db: Db, runtime: EligibilityRuntime, principal: Principal, audit: AuditTrail, claimId: string, now: Date = new Date()): Promise<InquiryRow> {
  const practiceId = principal.practiceId;
  const [claim] = await findClaimsByIds(db, practiceId, [claimId]);
  if (!claim) throw notFound('Claim', claimId);
  if (!ASKABLE.includes(claim.status) || !claim.submittedAt) throw badInput([{ path: 'input.claimId', message: `claim ${claim.id} is ${claim.status} and was never sent; there is nothing to ask the payer` }]);
  const n = await repo.nextInterchangeControlNumber(db);
  const traceNumber = `CS${String(n).padStart(9, '0')}`;
  const s = claim.snapshot;
  const raw276 = build276(s, { parties: runtime.parties, submitter: { name: s.billingProvider.name, id: runtime.parties.senderId }, interchangeControlNumber: n, traceNumber, payerClaimNumber: claim.payerClaimNumber, at: now });
  let raw277: string | null = null;
  let failure: string | null = null;
  try {
    raw277 = await runtime.clearinghouse.send276(raw276);
  } catch (err) {
    if (!(err instanceof ClearinghouseError)) throw err;
    if (err.kind === 'CIRCUIT_OPEN') throw new AppError('UPSTREAM_UNAVAILABLE', 'The clearinghouse is unavailable; nothing was sent. Retry later.', { retryable: true });
    failure = `${err.kind === 'TIMEOUT' ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_ERROR'}: ${err.message}`;
  }
  const answer = raw277 === null ? { outcome: 'NO_RESPONSE', reason: failure, statuses: [], problems: [] } : answerOf(raw277, traceNumber);
  return db.transaction(async (tx) => {
    const [locked] = await lockClaims(tx, practiceId, [claim.id]);
    const row = await repo.insertInquiry(tx, practiceId, {
      claimId: claim.id, revision: locked!.revision, interchangeControlNumber: n, traceNumber, ...answer, raw276, raw277: raw277?.slice(0, MAX_RAW) ?? null,
      requestedBy: principal.userId, requestedAt: now, respondedAt: raw277 === null ? null : new Date(),
    });
    await applyAnswer(tx, practiceId, locked!, row, principal.userId);
    await audit.write(tx, 'CREATE', 'ClaimStatusInquiry', row.id, claim.patientId);
    return row;
  });
}

export const MAX_STALE_PER_CALL = 50;

/**
 * Asks about every claim without a response for `olderThanDays` days (SUBMITTED without acknowledgment,
 * or ACCEPTED and not adjudicated) not asked about since, oldest first, at most MAX_STALE_PER_CALL a call.
 * Stops early, keeping what was done, when the clearinghouse circuit opens.
 * @returns the inquiries made
 * @throws BAD_USER_INPUT (olderThanDays outside 1–365)
 */
export async function checkStaleClaimStatuses(db: Db, runtime: EligibilityRuntime, principal: Principal, audit: AuditTrail, olderThanDays: number, now: Date = new Date()): Promise<InquiryRow[]> {
  if (!Number.isInteger(olderThanDays) || olderThanDays < 1 || olderThanDays > 365) throw badInput([{ path: 'input.olderThanDays', message: 'must be a whole number of days from 1 to 365' }]);
  const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000);
  const stale = await repo.findStaleClaims(db, principal.practiceId, cutoff, MAX_STALE_PER_CALL);
  const done: InquiryRow[] = [];
  for (const c of stale) {
    try {
      done.push(await checkClaimStatus(db, runtime, principal, audit, c.id, now));
    } catch (err) {
      if (err instanceof AppError && err.code === 'UPSTREAM_UNAVAILABLE') break;
      throw err;
    }
  }
  return done;
}
