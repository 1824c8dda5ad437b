import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { parse277CA, type Parsed277CA } from '../../x12/x12-277ca.js';
import { parse999, type Parsed999 } from '../../x12/x12-999.js';
import { parseX12, X12FormatError } from '../../x12/x12-document.js';
import { STATUS_CATEGORIES } from '../../x12/x12-stc.js';
import { type BatchClaimRow, type BatchRow, insertAcknowledgment, insertAckResults, type NewAckResultRow, setBatchStatus } from './claim-batch.repo.js';
import { canMove, ClaimStatus } from './claim-status.js';
import { recordAcknowledgment } from './claim-transition.service.js';
import { findClaimsByIds } from './claim.repo.js';

const MAX_RAW = 2_000_000;

/** The hash an answer is known by (the same text delivered twice is applied once). */
export const sha256Of = (raw: string) => createHash('sha256').update(raw).digest('hex');

/** What one answer did to its batch. */
export interface AnswerOutcome {
  acknowledgmentId: string;
  kind: '999' | '277CA' | 'UNREADABLE';
  /** The batch's new status, when a 999 decided it. */
  batchStatus: string | null;
}

/** The IK3/IK4 errors of a rejected 999, as one reason (segment ids, positions and codes; no values). */
export function reasonOf999(ack: Parsed999): string {
  const sets = ack.transactionSets.filter((s) => !s.accepted);
  const parts = sets.flatMap((s) => [
    ...s.segmentErrors.map((e) => [
      `IK3 ${e.segmentId}${e.position !== null ? ` at ${e.position}` : ''}${e.loopId ? ` loop ${e.loopId}` : ''}: ${e.code ?? '?'} ${e.description ?? ''}`.trim(),
      ...e.elements.map((el) => `IK4 element ${el.position ?? '?'}${el.referenceNumber ? ` (ref ${el.referenceNumber})` : ''}: ${el.code} ${el.description ?? ''}`.trim()),
    ].join('; ')),
    ...(s.errorCodes.length ? [`IK5 ${s.status} ${s.errorCodes.join(',')}`] : []),
  ]);
  return `999 rejected the file${parts.length ? `: ${parts.join(' | ')}` : ''}`.slice(0, 2000);
}

const describe = (category: string, code: string, entity: string | null) => `${category}:${code}${entity ? `:${entity}` : ''} (${STATUS_CATEGORIES[category] ?? 'unknown category'})`;

/** Checks a 999 answers this batch: AK1 our GS06, AK2 our ST02. */
function foreign999(ack: Parsed999, batch: BatchRow): string | null {
  if (!ack.group || Number(ack.group.controlNumber) !== batch.groupControlNumber) return `999 acknowledges group ${ack.group?.controlNumber ?? '(none)'}, not this batch's ${batch.groupControlNumber}`;
  if (ack.transactionSets.some((s) => Number(s.controlNumber) !== batch.transactionControlNumber)) return `999 acknowledges a transaction set other than this batch's ${batch.transactionControlNumber}`;
  return null;
}

/**
 * A 277CA placed by patient account numbers rather than by its trace (the trace names none of our
 * batches, or the claims span several): the accounts of this batch it answers, and problems about
 * the whole answer (unknown accounts) to store with it.
 */
export interface AccountScope {
  accounts: ReadonlySet<string>;
  problems: readonly string[];
}

/** How an answer arrived: its text's hash, and the client's key when it came in on its own. */
interface Receipt {
  sha256: string;
  idempotencyKey: string | null;
}

async function apply999(tx: Db, practiceId: string, batch: BatchRow, carried: BatchClaimRow[], raw: string, ack: Parsed999, at: Date, receipt: Receipt): Promise<AnswerOutcome> {
  const problems = [...ack.problems];
  const foreign = foreign999(ack, batch);
  if (foreign) problems.push(`${foreign}; not applied`);
  const reason = reasonOf999(ack);
  const rejecting = !foreign && !ack.accepted;
  const rows = rejecting ? await findClaimsByIds(tx, practiceId, carried.map((c) => c.claimId)) : [];
  const moving = carried.filter((c) => {
    const row = rows.find((r) => r.id === c.claimId);
    const ok = !!row && row.revision === c.revision && canMove(row.status as ClaimStatus, ClaimStatus.REJECTED);
    if (rejecting && !ok) problems.push(`claim ${c.claimId} is no longer SUBMITTED at revision ${c.revision}; the rejection was not applied to it`);
    return ok;
  });
  const stored = await insertAcknowledgment(tx, practiceId, { batchId: batch.id, kind: '999', controlNumber: ack.controlNumber, accepted: ack.accepted, raw: raw.slice(0, MAX_RAW), parsed: ack, problems, receivedAt: at, ...receipt });
  if (foreign) return { acknowledgmentId: stored.id, kind: '999', batchStatus: null };
  const status = ack.accepted ? (ack.groupStatus?.status === 'P' ? 'PARTIALLY_ACCEPTED' : 'ACCEPTED') : 'REJECTED';
  await setBatchStatus(tx, practiceId, batch.id, status, batch.transportError);
  if (rejecting) {
    await insertAckResults(tx, practiceId, stored.id, carried.map((c) => ({ claimId: c.claimId, revision: c.revision, outcome: 'REJECTED', payerClaimNumber: null, statuses: [], reason, receivedAt: at })));
    for (const c of moving) await recordAcknowledgment(tx, practiceId, c.claimId, { accepted: false, reason, reference: stored.id, at });
  }
  return { acknowledgmentId: stored.id, kind: '999', batchStatus: status };
}

async function apply277CA(tx: Db, practiceId: string, batch: BatchRow, carried: BatchClaimRow[], raw: string, ack: Parsed277CA, at: Date, receipt: Receipt, scope: AccountScope | null): Promise<AnswerOutcome> {
  const problems = [...ack.problems, ...(scope?.problems ?? [])];
  const batchLevel = ack.levels.find((l) => l.level === '21');
  const foreign = !scope && batchLevel?.traceNumber !== batch.referenceId;
  const answered = scope ? ack.claims.filter((a) => a.patientAccountNumber !== null && scope.accounts.has(a.patientAccountNumber)) : ack.claims;
  const results: NewAckResultRow[] = [];
  const moves: { claimId: string; accepted: boolean; payerClaimNumber: string | null; reason: string }[] = [];
  if (foreign) problems.push(`277CA traces ${batchLevel?.traceNumber ?? '(nothing)'}, not this batch's ${batch.referenceId}; not applied`);
  else {
    if (scope) problems.push(`277CA traces ${batchLevel?.traceNumber ?? '(nothing)'}; its claims of this batch (${batch.referenceId}) were matched by patient account number`);
    const rows = await findClaimsByIds(tx, practiceId, carried.map((c) => c.claimId));
    for (const a of answered) {
      const c = carried.find((k) => k.patientAccountNumber === a.patientAccountNumber);
      if (!c) {
        problems.push(`claim ${a.patientAccountNumber ?? '?'} is not in this batch; not applied`);
        continue;
      }
      const row = rows.find((r) => r.id === c.claimId);
      // Matched by account number only: a charge that disagrees means the answer is about another claim (or revision).
      if (scope && row && a.chargeCents !== null && a.chargeCents !== row.totalChargeCents) {
        problems.push(`claim ${c.claimId} (account ${c.patientAccountNumber}) matched by account number, but the 277CA's total charge differs from the claim's; not applied`);
        continue;
      }
      const reason = a.statuses.map((s) => describe(s.category, s.code, s.entity)).join('; ') || null;
      results.push({ claimId: c.claimId, revision: c.revision, outcome: a.outcome, payerClaimNumber: a.payerClaimNumber, statuses: a.statuses.map((s) => ({ category: s.category, code: s.code, entity: s.entity })), reason, receivedAt: at });
      if (a.outcome === 'UNKNOWN' || !row || row.revision !== c.revision) continue;
      if (!canMove(row.status as ClaimStatus, a.outcome === 'ACCEPTED' ? ClaimStatus.ACCEPTED : ClaimStatus.REJECTED)) problems.push(`claim ${c.claimId} is ${row.status}; the 277CA's ${a.outcome} was not applied`);
      else moves.push({ claimId: c.claimId, accepted: a.outcome === 'ACCEPTED', payerClaimNumber: a.payerClaimNumber, reason: `277CA ${reason ?? ''}`.trim() });
    }
  }
  const accepted = foreign ? null : answered.length > 0 && answered.every((c) => c.outcome === 'ACCEPTED');
  const stored = await insertAcknowledgment(tx, practiceId, { batchId: batch.id, kind: '277CA', controlNumber: ack.controlNumber, accepted, raw: raw.slice(0, MAX_RAW), parsed: ack, problems, receivedAt: at, ...receipt });
  await insertAckResults(tx, practiceId, stored.id, results);
  for (const m of moves) await recordAcknowledgment(tx, practiceId, m.claimId, { accepted: m.accepted, payerClaimNumber: m.payerClaimNumber, reason: m.reason, reference: stored.id, at });
  return { acknowledgmentId: stored.id, kind: '277CA', batchStatus: null };
}

/**
 * Stores one answer of the clearinghouse to a batch (raw, parsed, problems) and applies it: a 999
 * sets the batch status and, when it rejects the file, moves every claim of the batch to REJECTED
 * with the IK3/IK4 reasons; a 277CA moves each claim to ACCEPTED (with the payer claim number) or
 * REJECTED (category, code, entity). An answer that is not for this batch, or not readable, is stored
 * with its problems and changes nothing. Run inside the caller's transaction. With `scope`, a 277CA is
 * applied to the claims of this batch it names by account number whatever its trace says (see
 * AccountScope); a claim whose charge disagrees with the answer is left alone with a problem.
 */
export async function applyBatchAnswer(tx: Db, practiceId: string, batch: BatchRow, carried: BatchClaimRow[], raw: string, at: Date = new Date(), idempotencyKey: string | null = null, scope: AccountScope | null = null): Promise<AnswerOutcome> {
  const receipt: Receipt = { sha256: sha256Of(raw), idempotencyKey };
  let set: string | undefined;
  try {
    set = parseX12(raw).st[0];
    if (set === '999') return await apply999(tx, practiceId, batch, carried, raw, parse999(raw), at, receipt);
    if (set === '277') return await apply277CA(tx, practiceId, batch, carried, raw, parse277CA(raw), at, receipt, scope);
  } catch (err) {
    if (!(err instanceof X12FormatError)) throw err;
    const stored = await insertAcknowledgment(tx, practiceId, { batchId: batch.id, kind: 'UNREADABLE', controlNumber: null, accepted: null, raw: raw.slice(0, MAX_RAW), parsed: null, problems: [err.message], receivedAt: at, ...receipt });
    return { acknowledgmentId: stored.id, kind: 'UNREADABLE', batchStatus: null };
  }
  const stored = await insertAcknowledgment(tx, practiceId, { batchId: batch.id, kind: 'UNREADABLE', controlNumber: null, accepted: null, raw: raw.slice(0, MAX_RAW), parsed: null, problems: [`transaction set ${set ?? '(none)'} is not a 999 or 277CA`], receivedAt: at, ...receipt });
  return { acknowledgmentId: stored.id, kind: 'UNREADABLE', batchStatus: null };
}
