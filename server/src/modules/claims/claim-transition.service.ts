import type { Db } from '../../db/client.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { canMove, ClaimStatus } from './claim-status.js';
import * as repo from './claim.repo.js';
import { type ClaimMove, claimFollowUpTasks } from './claim-tasks.js';
import type { ClaimPatch, ClaimRow } from './claim.repo.js';

/** Who or what moved a claim: a person, the scrubber, the submission, an acknowledgment, a status answer, a remittance. */
export type ClaimChangeSource = 'USER' | 'SCRUB' | 'SUBMISSION' | 'ACKNOWLEDGMENT' | 'STATUS_INQUIRY' | 'REMITTANCE' | 'SYSTEM';

/** One status change to apply. */
export interface StatusChange {
  to: ClaimStatus;
  source: ClaimChangeSource;
  /** User id (or a system name such as `clearinghouse`). */
  by: string;
  reason?: string | null;
  /** The batch, acknowledgment or remittance behind the change. */
  reference?: string | null;
  /** Other columns to change with the status (submittedAt, payerClaimNumber, revision…). */
  patch?: ClaimPatch;
}

/**
 * Moves claims already locked by the caller (FOR UPDATE, in this transaction) to a new status, checking
 * the status machine for every one first and writing one history row each, and opens or closes the
 * claims' follow-up tasks (claim-tasks.ts). All or nothing.
 * @param path - input path the problems are reported on (`input.id`, `claimIds`)
 * @returns the updated rows
 * @throws BAD_USER_INPUT when a move is not allowed (nothing changes)
 */
export async function moveLockedClaims(tx: Db, practiceId: string, rows: ClaimRow[], change: StatusChange, path = 'input.id'): Promise<ClaimRow[]> {
  const illegal = rows.filter((r) => !canMove(r.status as ClaimStatus, change.to));
  if (illegal.length) throw badInput(illegal.map((r) => ({ path, message: `claim ${r.id} is ${r.status} and cannot move to ${change.to}` })));
  const updated = await repo.updateClaims(tx, practiceId, rows.map((r) => r.id), { ...change.patch, status: change.to, statusChangedAt: new Date() });
  const byId = new Map(updated.map((r) => [r.id, r]));
  await repo.insertHistory(
    tx,
    practiceId,
    rows.map((r) => ({ claimId: r.id, fromStatus: r.status, toStatus: change.to, revision: byId.get(r.id)!.revision, source: change.source, reason: change.reason ?? null, reference: change.reference ?? null, changedBy: change.by })),
  );
  await claimFollowUpTasks(
    tx,
    practiceId,
    rows.map((r) => ({ id: r.id, patientId: r.patientId, revision: r.revision, from: r.status, to: change.to, reason: change.reason ?? null, reference: change.reference ?? null })),
    change.by,
  );
  return rows.map((r) => byId.get(r.id)!);
}

/** One step of a `moveLockedClaimsThrough` path. */
export interface StatusStep {
  to: ClaimStatus;
  reason: string;
}

/** A claim already locked by the caller, the statuses it moves through in order (maybe none), and the payer claim number to store. */
export interface ClaimPath {
  claim: { id: string; status: string; revision: number; payerClaimNumber: string | null; patientId?: string | null };
  steps: readonly StatusStep[];
  payerClaimNumber?: string | null;
}

/**
 * Moves many locked claims, each along its own path of statuses (SUBMITTED → ACCEPTED → PAID), checking
 * every step against the status machine first: one claims update and one history insert for all of
 * them (one history row per step, in path order), and the claims' follow-up tasks (claim-tasks.ts). All or nothing.
 * @throws BAD_USER_INPUT when a step is not allowed (nothing changes)
 */
export async function moveLockedClaimsThrough(tx: Db, practiceId: string, paths: readonly ClaimPath[], base: Omit<StatusChange, 'to' | 'reason' | 'patch'>, path = 'claimIds'): Promise<void> {
  const problems: { path: string; message: string }[] = [];
  const history: repo.NewHistoryRow[] = [];
  const moves: ClaimMove[] = [];
  const sets: repo.StatusSet[] = [];
  for (const { claim, steps, payerClaimNumber } of paths) {
    let from = claim.status as ClaimStatus;
    for (const step of steps) {
      if (!canMove(from, step.to)) problems.push({ path, message: `claim ${claim.id} is ${from} and cannot move to ${step.to}` });
      history.push({ claimId: claim.id, fromStatus: from, toStatus: step.to, revision: claim.revision, source: base.source, reason: step.reason, reference: base.reference ?? null, changedBy: base.by });
      moves.push({ id: claim.id, patientId: claim.patientId ?? null, revision: claim.revision, from, to: step.to, reason: step.reason, reference: base.reference ?? null });
      from = step.to;
    }
    const pcn = payerClaimNumber && payerClaimNumber !== claim.payerClaimNumber ? payerClaimNumber : null;
    if (steps.length > 0 || pcn) sets.push({ id: claim.id, status: from, moved: steps.length > 0, payerClaimNumber: pcn });
  }
  if (problems.length) throw badInput(problems);
  await repo.setStatuses(tx, practiceId, sets);
  await repo.insertHistory(tx, practiceId, history);
  await claimFollowUpTasks(tx, practiceId, moves, base.by);
}

/**
 * The status-change primitive for other modules: locks the claims of the practice, checks every move
 * against the status machine and records the history (from, to, who, when, why). Run it inside the
 * caller's transaction so the change commits with whatever caused it.
 * @returns the updated rows, in the order of `claimIds`
 * @throws NOT_FOUND (a claim not of this practice), BAD_USER_INPUT (an illegal move; nothing changes)
 */
export async function transitionClaims(tx: Db, practiceId: string, claimIds: readonly string[], change: StatusChange): Promise<ClaimRow[]> {
  const unique = [...new Set(claimIds)];
  const rows = await repo.lockClaims(tx, practiceId, unique);
  const found = new Set(rows.map((r) => r.id));
  const missing = unique.find((id) => !found.has(id));
  if (missing) throw notFound('Claim', missing);
  const updated = new Map((await moveLockedClaims(tx, practiceId, rows, change, 'claimIds')).map((r) => [r.id, r]));
  return unique.map((id) => updated.get(id)!);
}

/**
 * Marks READY claims SUBMITTED in a submission batch (sets submittedAt; history reference = batch id).
 * @throws NOT_FOUND, BAD_USER_INPUT (a claim not READY)
 */
export function markSubmitted(tx: Db, practiceId: string, claimIds: readonly string[], batchId: string, by: string, at: Date = new Date()): Promise<ClaimRow[]> {
  return transitionClaims(tx, practiceId, claimIds, { to: ClaimStatus.SUBMITTED, source: 'SUBMISSION', by, reference: batchId, reason: `submitted in batch ${batchId}`, patch: { submittedAt: at, acknowledgedAt: null } });
}

/** What a 999 or 277CA said about one claim. */
export interface ClaimAcknowledgment {
  accepted: boolean;
  /** The payer's claim control number, when the acknowledgment gives one. */
  payerClaimNumber?: string | null;
  /** Status category and code, or the rejection reason (no PHI). */
  reason?: string | null;
  /** The acknowledgment's id or control number. */
  reference?: string | null;
  by?: string;
  at?: Date;
}

/**
 * Records an acknowledgment of a SUBMITTED claim (or a payer's later rejection of an ACCEPTED one):
 * ACCEPTED or REJECTED, with acknowledgedAt and the payer's claim number. A rejected claim is due for
 * follow-up today. Accepting an ACCEPTED claim again only records the new acknowledgedAt and payer claim
 * number (no status change).
 * @throws NOT_FOUND, BAD_USER_INPUT (the move is not allowed from the claim's status)
 */
export async function recordAcknowledgment(tx: Db, practiceId: string, claimId: string, ack: ClaimAcknowledgment): Promise<ClaimRow> {
  const at = ack.at ?? new Date();
  const patch: ClaimPatch = { acknowledgedAt: at };
  if (ack.payerClaimNumber) patch.payerClaimNumber = ack.payerClaimNumber;
  if (!ack.accepted) patch.nextFollowUpOn = at.toISOString().slice(0, 10);
  const [cur] = await repo.lockClaims(tx, practiceId, [claimId]);
  if (!cur) throw notFound('Claim', claimId);
  // A second acceptance (the payer's 277CA after the clearinghouse's) only adds what it says.
  if (ack.accepted && cur.status === ClaimStatus.ACCEPTED) return (await repo.updateClaims(tx, practiceId, [cur.id], patch))[0]!;
  const [row] = await moveLockedClaims(tx, practiceId, [cur], { to: ack.accepted ? ClaimStatus.ACCEPTED : ClaimStatus.REJECTED, source: 'ACKNOWLEDGMENT', by: ack.by ?? 'clearinghouse', reason: ack.reason ?? null, reference: ack.reference ?? null, patch }, 'claimId');
  return row!;
}
