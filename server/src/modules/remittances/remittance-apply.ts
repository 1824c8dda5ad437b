import type { Db } from '../../db/client.js';
import type { Remittance, RemittanceClaim } from '../../x12/x12-835-types.js';
import { ClaimStatus } from '../claims/claim-status.js';
import { type ClaimMove, claimFollowUpTasks } from '../claims/claim-tasks.js';
import { type ClaimPath, moveLockedClaimsThrough, type StatusStep } from '../claims/claim-transition.service.js';
import type { EntryDraft, LedgerActor, LedgerDraft, ReversalDraft } from '../ledger/ledger-draft.js';
import { LedgerBucket, LedgerEntryKind } from '../ledger/ledger-kind.js';
import { post } from '../ledger/ledger-post.service.js';
import { coordinationDrafts, isCoordinated } from './remittance-cob.js';
import { adjudicatedStatus, claimDrafts } from './remittance-drafts.js';
import { type ClaimCandidate, matchClaim } from './remittance-match.js';
import { findLiveCharges, findLiveRemittanceEntries, lockClaimsByAccounts, markReversed } from './remittance.repo.js';
import type { ClaimOutcome } from './remittance-rows.js';

// The entries go in as one jsonb parameter; the posting's lookups by idempotency key bind one
// parameter a draft, so 20,000 drafts a posting stay under PostgreSQL's 65,535 parameters.
const LEDGER_BATCH = 20_000;

type LiveEntry = Awaited<ReturnType<typeof findLiveRemittanceEntries>>[number];

/**
 * CHARGE entries for the lines of claims about to be adjudicated that have none yet. A charge the
 * superbill posted before the claim existed (no claim id) is moved to the claim — reversed and posted
 * again on the claim line — so a service is never charged twice.
 */
async function chargeDrafts(tx: Db, practiceId: string, claims: readonly ClaimCandidate[], remittanceId: string): Promise<LedgerDraft[]> {
  const live = await findLiveCharges(tx, practiceId, claims.map((c) => c.id), [...new Set(claims.map((c) => c.superbillId))]);
  const out: LedgerDraft[] = [];
  // A secondary (tertiary) claim bills lines already charged on the primary claim.
  for (const c of claims.filter((x) => !isCoordinated(x))) {
    for (const l of c.snapshot.lines) {
      if (live.some((e) => e.claimId === c.id && e.claimLinePosition === l.position)) continue;
      const earlier = live.find((e) => e.claimId === null && e.superbillId === c.superbillId && e.superbillLinePosition === l.position);
      if (earlier) out.push({ kind: LedgerEntryKind.REVERSAL, reversesId: earlier.id, reason: `charge moved to claim ${c.id}`, effectiveDate: l.dateOfService, remittanceId } satisfies ReversalDraft);
      out.push({
        kind: LedgerEntryKind.CHARGE, patientId: c.patientId, bucket: LedgerBucket.INSURANCE, amountCents: l.chargeCents, effectiveDate: l.dateOfService, payerId: c.payerId,
        claimId: c.id, claimLinePosition: l.position, superbillId: c.superbillId, superbillLinePosition: l.position, idempotencyKey: `claim-charge:${c.id}:${l.position}`,
      } satisfies EntryDraft);
    }
  }
  return out;
}

/** Reversal drafts for a CLP02 22, or why it cannot be applied: it must undo exactly what was paid before. */
function reversalDrafts(c: RemittanceClaim, live: readonly LiveEntry[], traceNumber: string, effectiveDate: string, remittanceId: string): ReversalDraft[] | 'NOTHING_TO_REVERSE' | 'REVERSAL_MISMATCH' {
  if (live.length === 0) return 'NOTHING_TO_REVERSE';
  const paid = live.filter((e) => e.kind === LedgerEntryKind.INSURANCE_PAYMENT).reduce((a, e) => a + e.amountCents, 0);
  if (paid !== c.paidCents) return 'REVERSAL_MISMATCH';
  return live.map((e) => ({ kind: LedgerEntryKind.REVERSAL, reversesId: e.id, reason: `payer reversal (CLP02 22) in remittance ${traceNumber}`, effectiveDate, remittanceId }));
}

/**
 * Applies a balanced 835 to the practice's claims and ledger, on the caller's transaction: matches each
 * CLP (file order), reverses earlier postings for reversals, posts charges where the claim has none,
 * then the payments, adjustments and transfers; moves claims to PAID / PARTIALLY_PAID / DENIED with the
 * payer claim number (history source REMITTANCE). Whatever cannot be posted automatically is returned
 * as UNMATCHED with its reason.
 * @returns one outcome per CLP, in file order
 */
export async function applyRemittance(tx: Db, actor: LedgerActor, remittanceId: string, r: Remittance, effectiveDate: string): Promise<ClaimOutcome[]> {
  const { practiceId } = actor;
  const candidates = await lockClaimsByAccounts(tx, practiceId, r.claims.map((c) => c.patientAccountNumber));
  const byAccount = new Map(candidates.map((c) => [c.snapshot.patientAccountNumber, c]));
  const live = new Map<string, LiveEntry[]>();
  for (const e of await findLiveRemittanceEntries(tx, practiceId, candidates.map((c) => c.id))) live.set(e.claimId!, [...(live.get(e.claimId!) ?? []), e]);
  const postedHere = new Set<string>();
  const reversedRemittances = new Map<string, Set<string>>();
  const reversals: ReversalDraft[] = [];
  const entries: EntryDraft[] = [];
  const adjudicated: { claim: ClaimCandidate; status: ClaimStatus; payerClaimNumber: string | null }[] = [];

  const outcomes = r.claims.map((c): ClaimOutcome => {
    const m = matchClaim(c, byAccount);
    if ('reason' in m) return { kind: 'UNMATCHED', reason: m.reason, candidate: m.candidate };
    const prior = live.get(m.claim.id) ?? [];
    if (c.statusCode === '22') {
      if (postedHere.has(m.claim.id)) return { kind: 'UNMATCHED', reason: 'DUPLICATE_IN_FILE', candidate: m.claim };
      const drafts = reversalDrafts(c, prior, r.trace.number, effectiveDate, remittanceId);
      if (typeof drafts === 'string') return { kind: 'UNMATCHED', reason: drafts, candidate: m.claim };
      reversals.push(...drafts);
      for (const e of prior) reversedRemittances.set(e.remittanceId!, (reversedRemittances.get(e.remittanceId!) ?? new Set()).add(m.claim.id));
      live.set(m.claim.id, []);
      return { kind: 'REVERSAL', claim: m.claim, positions: m.lines };
    }
    if (prior.length > 0 || postedHere.has(m.claim.id)) return { kind: 'UNMATCHED', reason: 'ALREADY_ADJUDICATED', candidate: m.claim };
    const drafts = (isCoordinated(m.claim) ? coordinationDrafts : claimDrafts)(c, m.lines, { claim: m.claim, remittanceId, effectiveDate });
    if (typeof drafts === 'string') return { kind: 'UNMATCHED', reason: drafts, candidate: m.claim };
    entries.push(...drafts);
    postedHere.add(m.claim.id);
    adjudicated.push({ claim: m.claim, status: adjudicatedStatus(c) as ClaimStatus, payerClaimNumber: c.payerClaimControlNumber });
    return { kind: 'POSTED', claim: m.claim, positions: m.lines };
  });

  const charges = await chargeDrafts(tx, practiceId, adjudicated.map((a) => a.claim), remittanceId);
  const all: LedgerDraft[] = [...reversals, ...charges, ...entries];
  for (let i = 0; i < all.length; i += LEDGER_BATCH) await post(tx, actor, all.slice(i, i + LEDGER_BATCH));
  for (const [rid, claimIds] of reversedRemittances) await markReversed(tx, practiceId, [rid], [...claimIds], remittanceId);
  await moveClaims(tx, practiceId, adjudicated, remittanceId, actor.userId);
  return outcomes;
}

/**
 * Claim statuses after adjudication, one claims update and one history insert for the file: a claim
 * the payer adjudicated without an acknowledgment first moves SUBMITTED → ACCEPTED; a claim already in
 * its new status keeps it (a reversal and correction that changes nothing) and only takes the payer
 * claim number. A DENIED claim denied again (its denial reversed in this file or an earlier one) keeps
 * its status and history, but is a new denial to work: the earlier denial's open task is closed and this
 * remittance's task opens (claim-tasks.ts; statements only when the file has such a claim).
 */
async function moveClaims(tx: Db, practiceId: string, list: readonly { claim: ClaimCandidate; status: ClaimStatus; payerClaimNumber: string | null }[], remittanceId: string, by: string): Promise<void> {
  const paths = list.map((a): ClaimPath => {
    const steps: StatusStep[] = [];
    if (a.claim.status === ClaimStatus.SUBMITTED) steps.push({ to: ClaimStatus.ACCEPTED, reason: 'adjudicated in a remittance' });
    if (a.claim.status !== a.status) steps.push({ to: a.status, reason: `adjudicated ${a.status} in remittance ${remittanceId}` });
    return { claim: a.claim, steps, payerClaimNumber: a.payerClaimNumber };
  });
  await moveLockedClaimsThrough(tx, practiceId, paths, { source: 'REMITTANCE', by, reference: remittanceId });
  const deniedAgain = list.filter((a) => a.claim.status === ClaimStatus.DENIED && a.status === ClaimStatus.DENIED);
  if (deniedAgain.length === 0) return;
  const reason = `adjudicated DENIED again in remittance ${remittanceId}`;
  const moves = deniedAgain.map((a): ClaimMove => ({ id: a.claim.id, patientId: a.claim.patientId, revision: a.claim.revision, from: ClaimStatus.DENIED, to: ClaimStatus.DENIED, reason, reference: remittanceId }));
  await claimFollowUpTasks(tx, practiceId, moves, by);
}
