import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import { parse277CA } from '../../x12/x12-277ca.js';
import { parse999 } from '../../x12/x12-999.js';
import { parseX12, X12FormatError } from '../../x12/x12-document.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { sqlState } from '../insurance/insurance.errors.js';
import { applyBatchAnswer, sha256Of } from './claim-acknowledgment.service.js';
import { type AcknowledgmentRow, type BatchAddress, type BatchRow, findBatchesByIds, findClaimsOfBatches, findReceivedAcknowledgment, lockBatchAddressed } from './claim-batch.repo.js';
import { findClaimsByIds } from './claim.repo.js';

/** An acknowledgment taken in, the batch it answered (as it is now), and whether it had been received before. */
export interface ReceivedAcknowledgment {
  acknowledgment: AcknowledgmentRow;
  batch: BatchRow;
  replayed: boolean;
}

const keyReused = (key: string) => new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for a different acknowledgment`);
const refuse = (message: string) => badInput([{ path: 'input.x12', message }]);

/**
 * Which of our batches an answer is for: a 999 by AK1 (functional group HC, our GS06) and AK2 (our
 * ST02); a 277CA by the trace of its information-receiver level (our BHT03, the batch reference id).
 * @throws BAD_USER_INPUT when the text is not a readable 999 or 277CA naming a batch
 */
function addressOf(x12: string): BatchAddress {
  let set: string | undefined;
  try {
    set = parseX12(x12).st[0];
    if (set === '999') {
      const ack = parse999(x12);
      const group = Number(ack.group?.controlNumber);
      const transaction = Number(ack.transactionSets[0]?.controlNumber);
      if (ack.group?.functionalId !== 'HC') throw refuse('the 999 does not acknowledge a claims (HC) functional group');
      if (!Number.isSafeInteger(group) || !Number.isSafeInteger(transaction)) throw refuse('the 999 names no group (AK1) or transaction set (AK2) control number');
      return { groupControlNumber: group, transactionControlNumber: transaction };
    }
    if (set === '277') {
      const trace = parse277CA(x12).levels.find((l) => l.level === '21')?.traceNumber;
      if (!trace) throw refuse('the 277CA has no information-receiver trace (TRN) naming our batch');
      return { referenceId: trace };
    }
  } catch (err) {
    if (err instanceof X12FormatError) throw refuse(`not a readable X12 interchange (${err.message.slice(0, 80)})`);
    throw err;
  }
  throw refuse(`transaction set ${set ?? '(none)'} is not a 999 or 277CA`);
}

const describeAddress = (to: BatchAddress) => ('referenceId' in to ? `trace ${to.referenceId}` : `GS06 ${to.groupControlNumber} ST02 ${to.transactionControlNumber}`);

/** The earlier receipt under this key, or IDEMPOTENCY_KEY_REUSED when it was another text. */
async function replayOf(db: Db, practiceId: string, earlier: AcknowledgmentRow, sha256: string, key: string): Promise<ReceivedAcknowledgment> {
  if (earlier.idempotencyKey === key && earlier.sha256 !== sha256) throw keyReused(key);
  const [batch] = await findBatchesByIds(db, practiceId, [earlier.batchId]);
  return { acknowledgment: earlier, batch: batch!, replayed: true };
}

/**
 * Takes in a 999 or 277CA that arrived after the submission (a clearinghouse mailbox, a partner's
 * poller): finds the batch it answers by control numbers (see addressOf), stores it raw and read, and
 * applies it as if it had come with the submission (applyBatchAnswer) — the batch's status from a 999,
 * each claim's ACCEPTED/REJECTED from a 277CA. Once per answer: the same key, or the same text for the
 * same batch, returns the first receipt (answers to one batch are applied one at a time under its lock).
 * @returns the stored acknowledgment, the batch and whether it was received before
 * @throws BAD_USER_INPUT (not a readable 999/277CA naming a batch), NOT_FOUND (no batch of your
 *   practice has those control numbers; nothing is stored), IDEMPOTENCY_KEY_REUSED
 */
export async function receiveClaimAcknowledgment(db: Db, principal: Principal, audit: AuditTrail, input: { x12: string; idempotencyKey: string }): Promise<ReceivedAcknowledgment> {
  const { practiceId } = principal;
  const key = input.idempotencyKey;
  const sha256 = sha256Of(input.x12);
  const early = await findReceivedAcknowledgment(db, practiceId, { idempotencyKey: key });
  if (early) return replayOf(db, practiceId, early, sha256, key);
  const to = addressOf(input.x12);
  try {
    return await db.transaction(async (tx) => {
      const batch = await lockBatchAddressed(tx, practiceId, to);
      if (!batch) throw notFound('ClaimBatch', describeAddress(to));
      const again = (await findReceivedAcknowledgment(tx, practiceId, { idempotencyKey: key })) ?? (await findReceivedAcknowledgment(tx, practiceId, { batchId: batch.id, sha256 }));
      if (again) return replayOf(tx, practiceId, again, sha256, key);
      const carried = await findClaimsOfBatches(tx, practiceId, [batch.id]);
      await applyBatchAnswer(tx, practiceId, batch, carried, input.x12, new Date(), key);
      await audit.write(tx, 'UPDATE', 'ClaimBatch', batch.id);
      for (const c of await findClaimsByIds(tx, practiceId, carried.map((k) => k.claimId))) await audit.write(tx, 'UPDATE', 'Claim', c.id, c.patientId);
      const stored = await findReceivedAcknowledgment(tx, practiceId, { idempotencyKey: key });
      const [now] = await findBatchesByIds(tx, practiceId, [batch.id]);
      return { acknowledgment: stored!, batch: now!, replayed: false };
    });
  } catch (err) {
    // The same key committed first by a concurrent request for another batch.
    if (sqlState(err) !== '23505') throw err;
    const winner = await findReceivedAcknowledgment(db, practiceId, { idempotencyKey: key });
    if (!winner) throw err;
    return replayOf(db, practiceId, winner, sha256, key);
  }
}
