import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import { parse277CA } from '../../x12/x12-277ca.js';
import { parse999 } from '../../x12/x12-999.js';
import { parseX12, X12FormatError } from '../../x12/x12-document.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { sqlState } from '../insurance/insurance.errors.js';
import { applyBatchAnswer, sha256Of } from './claim-acknowledgment.service.js';
import { placeByAccount } from './claim-acknowledgment-accounts.js';
import { type AcknowledgmentRow, type BatchAddress, type BatchClaimRow, type BatchRow, findBatchAddressed, findBatchesByIds, findClaimsOfBatches, findReceivedAcknowledgment, findSiblingAcknowledgments, lockBatchAddressed, lockBatches } from './claim-batch.repo.js';
import { findClaimsByIds } from './claim.repo.js';

/** An acknowledgment taken in, the batches it answered (as they are now), and whether it had been received before. */
export interface ReceivedAcknowledgment {
  /** The first (or only) stored answer: the one under the client's key. */
  acknowledgment: AcknowledgmentRow;
  batch: BatchRow;
  /** One per batch answered: a 277CA placed by account numbers can answer several. */
  acknowledgments: AcknowledgmentRow[];
  batches: BatchRow[];
  replayed: boolean;
}

const keyReused = (key: string) => new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for a different acknowledgment`);
const refuse = (message: string) => badInput([{ path: 'input.x12', message }]);

/** Where an answer points: a 999 by control numbers; a 277CA by its trace (when it has one) and its claims' account numbers. */
type Address = { kind: '999'; to: BatchAddress } | { kind: '277CA'; to: BatchAddress | null; accounts: string[] };

/**
 * Which of our batches an answer is for: a 999 by AK1 (functional group HC, our GS06) and AK2 (our
 * ST02); a 277CA by the trace of its information-receiver level (our BHT03, the batch reference id)
 * and, claim by claim, by the patient account numbers (TRN02 of each 2200D = our CLM01).
 * @throws BAD_USER_INPUT when the text is not a readable 999 or 277CA naming a batch or a claim
 */
function addressOf(x12: string): Address {
  let set: string | undefined;
  try {
    set = parseX12(x12).st[0];
    if (set === '999') {
      const ack = parse999(x12);
      const group = Number(ack.group?.controlNumber);
      const transaction = Number(ack.transactionSets[0]?.controlNumber);
      if (ack.group?.functionalId !== 'HC') throw refuse('the 999 does not acknowledge a claims (HC) functional group');
      if (!Number.isSafeInteger(group) || !Number.isSafeInteger(transaction)) throw refuse('the 999 names no group (AK1) or transaction set (AK2) control number');
      return { kind: '999', to: { groupControlNumber: group, transactionControlNumber: transaction } };
    }
    if (set === '277') {
      const ack = parse277CA(x12);
      const trace = ack.levels.find((l) => l.level === '21')?.traceNumber;
      const accounts = ack.claims.flatMap((c) => (c.patientAccountNumber ? [c.patientAccountNumber] : []));
      if (!trace && accounts.length === 0) throw refuse('the 277CA names neither our batch (information-receiver TRN) nor a claim (patient TRN)');
      return { kind: '277CA', to: trace ? { referenceId: trace } : null, accounts };
    }
  } catch (err) {
    if (err instanceof X12FormatError) throw refuse(`not a readable X12 interchange (${err.message.slice(0, 80)})`);
    throw err;
  }
  throw refuse(`transaction set ${set ?? '(none)'} is not a 999 or 277CA`);
}

const describeAddress = (a: Address) => {
  const to = a.to ? ('referenceId' in a.to ? `trace ${a.to.referenceId}` : `GS06 ${a.to.groupControlNumber} ST02 ${a.to.transactionControlNumber}`) : 'no trace';
  return a.kind === '277CA' ? `${to}, accounts ${a.accounts.join(',').slice(0, 200) || '(none)'}` : to;
};

/** The earlier receipt under this key (with the answers stored beside it), or IDEMPOTENCY_KEY_REUSED when it was another text. */
async function replayOf(db: Db, practiceId: string, earlier: AcknowledgmentRow, sha256: string, key: string): Promise<ReceivedAcknowledgment> {
  if (earlier.idempotencyKey === key && earlier.sha256 !== sha256) throw keyReused(key);
  const acknowledgments = await findSiblingAcknowledgments(db, practiceId, earlier);
  const found = await findBatchesByIds(db, practiceId, acknowledgments.map((a) => a.batchId));
  const batches = acknowledgments.map((a) => found.find((b) => b.id === a.batchId)!);
  return { acknowledgment: earlier, batch: batches[0]!, acknowledgments, batches, replayed: true };
}

/** Audits the batches and the claims they carry, and reads back what was stored. */
async function settled(tx: Db, principal: Principal, audit: AuditTrail, key: string, batchIds: string[], carried: BatchClaimRow[]): Promise<ReceivedAcknowledgment> {
  const { practiceId } = principal;
  for (const id of batchIds) await audit.write(tx, 'UPDATE', 'ClaimBatch', id);
  for (const c of await findClaimsByIds(tx, practiceId, carried.map((k) => k.claimId))) await audit.write(tx, 'UPDATE', 'Claim', c.id, c.patientId);
  const stored = await findReceivedAcknowledgment(tx, practiceId, { idempotencyKey: key });
  const acknowledgments = await findSiblingAcknowledgments(tx, practiceId, stored!);
  const now = await findBatchesByIds(tx, practiceId, batchIds);
  const batches = acknowledgments.map((a) => now.find((b) => b.id === a.batchId)!);
  return { acknowledgment: stored!, batch: batches[0]!, acknowledgments, batches, replayed: false };
}

/**
 * Applies a 277CA claim by claim where its claims were sent (placeByAccount): one stored answer per
 * batch, the client's key and the unknown accounts on the first; NOT_FOUND when no account is ours.
 * Runs when the trace names none of our batches or the claims are not all in the traced batch.
 */
async function receiveByAccount(tx: Db, principal: Principal, audit: AuditTrail, x12: string, key: string, sha256: string, address: Address & { kind: '277CA' }): Promise<ReceivedAcknowledgment> {
  const { practiceId } = principal;
  const placed = await placeByAccount(tx, practiceId, address.accounts);
  if (placed.byBatch.size === 0) throw notFound('ClaimBatch', describeAddress(address));
  const batches = await lockBatches(tx, practiceId, [...placed.byBatch.keys()]);
  // The same text seen for any sending of these claims (also one since resubmitted) is not applied again.
  const again = (await findReceivedAcknowledgment(tx, practiceId, { idempotencyKey: key })) ?? (await findReceivedAcknowledgment(tx, practiceId, { batchIds: placed.everSentIn, sha256 }));
  if (again) return replayOf(tx, practiceId, again, sha256, key);
  const problems = placed.unknown.map((a) => `claim ${a} is not a sent claim of this practice; not applied`);
  const carried = await findClaimsOfBatches(tx, practiceId, batches.map((b) => b.id));
  const at = new Date();
  for (const [i, batch] of batches.entries()) {
    const scope = { accounts: placed.byBatch.get(batch.id)!, problems: i === 0 ? problems : [] };
    await applyBatchAnswer(tx, practiceId, batch, carried.filter((c) => c.batchId === batch.id), x12, at, i === 0 ? key : null, scope);
  }
  return settled(tx, principal, audit, key, batches.map((b) => b.id), carried);
}

/**
 * Takes in a 999 or 277CA that arrived after the submission (a clearinghouse mailbox, a partner's
 * poller): finds the batch it answers by control numbers (see addressOf), stores it raw and read, and
 * applies it as if it had come with the submission (applyBatchAnswer) — the batch's status from a 999,
 * each claim's ACCEPTED/REJECTED from a 277CA. A 277CA whose trace names none of our batches, or whose
 * claims are not all in the traced batch, is placed claim by claim by patient account number within
 * the practice (receiveByAccount): one stored answer per batch its claims were sent in, unknown
 * accounts kept as problems. Once per answer: the same key, or the same text for the same batch (for
 * the same claims), returns the first receipt (answers to one batch are applied one at a time under its lock).
 * @returns the stored acknowledgments, the batches and whether it was received before
 * @throws BAD_USER_INPUT (not a readable 999/277CA naming a batch or claim), NOT_FOUND (no batch or
 *   sent claim of your practice matches; nothing is stored), IDEMPOTENCY_KEY_REUSED
 */
export async function receiveClaimAcknowledgment(db: Db, principal: Principal, audit: AuditTrail, input: { x12: string; idempotencyKey: string }): Promise<ReceivedAcknowledgment> {
  const { practiceId } = principal;
  const key = input.idempotencyKey;
  const sha256 = sha256Of(input.x12);
  const early = await findReceivedAcknowledgment(db, practiceId, { idempotencyKey: key });
  if (early) return replayOf(db, practiceId, early, sha256, key);
  const address = addressOf(input.x12);
  try {
    return await db.transaction(async (tx) => {
      if (address.kind === '277CA') {
        // Decide before locking: batch claims never change, and the account path locks its batches in id order.
        const traced = address.to ? await findBatchAddressed(tx, practiceId, address.to) : null;
        const inTraced = traced ? await findClaimsOfBatches(tx, practiceId, [traced.id]) : [];
        if (!traced || address.accounts.some((a) => !inTraced.some((c) => c.patientAccountNumber === a))) return receiveByAccount(tx, principal, audit, input.x12, key, sha256, address);
      }
      const batch = address.to ? await lockBatchAddressed(tx, practiceId, address.to) : null;
      if (!batch) throw notFound('ClaimBatch', describeAddress(address));
      const again = (await findReceivedAcknowledgment(tx, practiceId, { idempotencyKey: key })) ?? (await findReceivedAcknowledgment(tx, practiceId, { batchIds: [batch.id], sha256 }));
      if (again) return replayOf(tx, practiceId, again, sha256, key);
      const carried = await findClaimsOfBatches(tx, practiceId, [batch.id]);
      await applyBatchAnswer(tx, practiceId, batch, carried, input.x12, new Date(), key);
      return settled(tx, principal, audit, key, [batch.id], carried);
    });
  } catch (err) {
    // The same key committed first by a concurrent request for another batch.
    if (sqlState(err) !== '23505') throw err;
    const winner = await findReceivedAcknowledgment(db, practiceId, { idempotencyKey: key });
    if (!winner) throw err;
    return replayOf(db, practiceId, winner, sha256, key);
  }
}
