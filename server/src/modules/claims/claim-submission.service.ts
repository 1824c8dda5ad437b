import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, type FieldProblem, notFound } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import { ClearinghouseError } from '../../x12/clearinghouse.js';
import { build837P, type ClaimBatchEnvelope, X12BuildError } from '../../x12/x12-837p.js';
import { checkX12 } from '../../x12/x12-conformance.js';
import { SPEC_837P } from '../../x12/x12-specs.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findPayersByIds } from '../insurance/payer.repo.js';
import type { EligibilityRuntime } from '../insurance/eligibility.runtime.js';
import { sqlState } from '../insurance/insurance.errors.js';
import { applyBatchAnswer } from './claim-acknowledgment.service.js';
import * as batches from './claim-batch.repo.js';
import type { BatchRow } from './claim-batch.repo.js';
import { ClaimStatus } from './claim-status.js';
import { markSubmitted } from './claim-transition.service.js';
import { type ClaimRow, lockClaims } from './claim.repo.js';

export const MAX_CLAIMS_PER_SUBMISSION = 500;

/** The result of submitClaims: the batches sent (or recorded as maybe sent) and what stayed READY. */
export interface Submission {
  batches: BatchRow[];
  /** True when the idempotency key had already been used for the same claims (nothing new was sent). */
  replayed: boolean;
  /** Claims whose batch was not taken in (circuit open, refused) while other batches of the request left. */
  notSentClaimIds: string[];
}

/** One interchange to send: a payer claims route's claims, built and checked. */
interface Planned {
  route: string;
  ediPayerId: string;
  claims: ClaimRow[];
  envelope: ClaimBatchEnvelope;
  x12: string;
}

/** Why this request cannot reuse the key. */
const keyReused = (key: string) => new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for a different set of claims`);

/** Sorted, de-duplicated claim ids: what a retry under the same key must ask for again. */
const requestHashOf = (ids: readonly string[]) => [...new Set(ids)].sort().join(',');

function checkInput(claimIds: readonly string[]): string[] {
  const unique = [...new Set(claimIds)];
  const problems: FieldProblem[] = [];
  if (unique.length === 0) problems.push({ path: 'input.claimIds', message: 'must name at least one claim' });
  if (unique.length > MAX_CLAIMS_PER_SUBMISSION) problems.push({ path: 'input.claimIds', message: `holds at most ${MAX_CLAIMS_PER_SUBMISSION} claims` });
  claimIds.forEach((id, i) => {
    if (!isUuid(id)) problems.push({ path: `input.claimIds.${i}`, message: 'is not an id issued by this API' });
  });
  if (problems.length) throw badInput(problems);
  return unique;
}

/** The claims not READY (with the batch that carried their revision, when there is one). */
async function refuseNotReady(tx: Db, practiceId: string, claimIds: readonly string[], rows: ClaimRow[]): Promise<void> {
  const notReady = rows.filter((r) => r.status !== ClaimStatus.READY || !r.lastScrub?.clean || r.lastScrub.revision !== r.revision);
  if (notReady.length === 0) return;
  const sent = await batches.findBatchClaimsOfRevisions(tx, practiceId, notReady.map((r) => ({ claimId: r.id, revision: r.revision })));
  throw badInput(
    notReady.map((r) => {
      const b = sent.find((s) => s.claimId === r.id);
      return { path: `input.claimIds.${claimIds.indexOf(r.id)}`, message: `claim ${r.id} is ${r.status}${b ? ` (revision ${r.revision} was sent in batch ${b.batchId})` : ''}; only READY claims (scrubbed clean) are submitted` };
    }),
  );
}

/** Groups the claims by the payer's claims route (and EDI payer id, one per 837P), builds and checks each file. */
async function plan(tx: Db, runtime: EligibilityRuntime, practiceId: string, rows: ClaimRow[], at: Date): Promise<Planned[]> {
  const payers = new Map((await findPayersByIds(tx, practiceId, [...new Set(rows.map((r) => r.payerId))])).map((p) => [p.id, p]));
  const groups = new Map<string, ClaimRow[]>();
  for (const r of [...rows].sort((a, b) => a.number - b.number)) {
    const key = JSON.stringify([payers.get(r.payerId)?.claimsRoute ?? 'DEFAULT', r.snapshot.payer.ediPayerId]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: Planned[] = [];
  for (const [key, claims] of groups) {
    const [route, ediPayerId] = JSON.parse(key) as [string, string];
    const billing = claims[0]!.snapshot.billingProvider;
    if (!billing.phone) throw badInput([{ path: 'input.claimIds', message: 'the billing profile has no phone number, which the 837P submitter contact (PER) needs' }]);
    const n = await batches.nextBatchControlNumbers(tx);
    const envelope: ClaimBatchEnvelope = {
      parties: runtime.parties,
      submitter: { name: billing.name, id: runtime.parties.senderId, contactName: 'BILLING OFFICE', phone: billing.phone },
      receiver: { name: route === 'DEFAULT' ? 'CLEARINGHOUSE' : route, id: runtime.parties.receiverId },
      interchangeControlNumber: n.interchange,
      groupControlNumber: n.group,
      transactionControlNumber: n.transaction,
      referenceId: `CB${String(n.interchange).padStart(9, '0')}`,
      at,
    };
    let x12: string;
    try {
      x12 = build837P(claims.map((c) => c.snapshot), envelope);
    } catch (err) {
      if (err instanceof X12BuildError) throw badInput([{ path: 'input.claimIds', message: `the claims of payer route ${route} cannot form an 837P: ${err.message}` }]);
      throw err;
    }
    const problems = checkX12(x12, SPEC_837P);
    // Never send a file the standard refuses. Positions, tags and kinds only: messages may quote values.
    if (problems.length) {
      throw new AppError('BAD_USER_INPUT', `The 837P for payer route ${route} does not conform to 005010X222A1; nothing was sent`, {
        fields: claims.map((c) => ({ path: `input.claimIds.${rows.indexOf(c)}`, message: `claim ${c.id} is in a non-conformant file` })),
        x12Problems: problems.slice(0, 50).map((p) => ({ position: p.position, tag: p.tag, element: p.element ?? null, kind: p.kind ?? null })),
      });
    }
    out.push({ route, ediPayerId, claims, envelope, x12 });
  }
  return out;
}

class NotSent extends Error {}


/** A batch that left, with the answers that came back with it (applied after the submission commits). */
interface Sent {
  batch: BatchRow;
  carried: batches.BatchClaimRow[];
  answers: string[];
}

/** Records one planned batch and sends it (inside a savepoint: a batch that could not leave is undone). */
async function sendBatch(tx: Db, runtime: EligibilityRuntime, principal: Principal, submissionId: string, p: Planned): Promise<Sent> {
  const practiceId = principal.practiceId;
  const { envelope: e } = p;
  const batch = await batches.insertBatch(tx, practiceId, {
    submissionId, claimsRoute: p.route, ediPayerId: p.ediPayerId, status: 'SENT', interchangeControlNumber: e.interchangeControlNumber, groupControlNumber: e.groupControlNumber,
    transactionControlNumber: e.transactionControlNumber, referenceId: e.referenceId, claimCount: p.claims.length, x12: p.x12, submittedBy: principal.userId, sentAt: e.at, createdAt: e.at,
  });
  const carried = await batches.insertBatchClaims(tx, practiceId, batch.id, p.claims.map((c) => ({ claimId: c.id, revision: c.revision, patientAccountNumber: c.patientAccountNumber })));
  await markSubmitted(tx, practiceId, p.claims.map((c) => c.id), batch.id, principal.userId, e.at);
  let answers: string[];
  try {
    const answer = await runtime.clearinghouse.submit837(p.x12, { mailbox: practiceId });
    answers = [answer.ack999, answer.acks277ca].filter((a): a is string => a !== null);
  } catch (err) {
    if (!(err instanceof ClearinghouseError)) throw err;
    // Nothing was taken in (circuit open, connection refused, a 4xx): undo this batch, its claims stay READY.
    if (!err.mayHaveBeenDelivered) throw new NotSent(err.kind);
    // The file may have left: keep the batch and the claims SUBMITTED; never resend on our own.
    await batches.setBatchStatus(tx, practiceId, batch.id, 'SENT_UNKNOWN', `${err.kind}: ${err.message}`.slice(0, 300));
    return { batch: { ...batch, status: 'SENT_UNKNOWN', transportError: `${err.kind}: ${err.message}`.slice(0, 300) }, carried, answers: [] };
  }
  return { batch, carried, answers };
}

/** Stores and applies the answers that came back with a batch, in their own transaction. @returns the batch as it is then */
async function applyAnswers(db: Db, practiceId: string, s: Sent): Promise<BatchRow> {
  if (s.answers.length === 0) return s.batch;
  return db.transaction(async (tx) => {
    let batch = s.batch;
    for (const raw of s.answers) {
      const outcome = await applyBatchAnswer(tx, practiceId, batch, s.carried, raw);
      if (outcome.batchStatus) batch = { ...batch, status: outcome.batchStatus };
    }
    return batch;
  });
}

/** The batches an earlier request under this key made, or a refusal when it asked for other claims. */
async function replay(db: Db, practiceId: string, submission: batches.SubmissionRow, hash: string, key: string): Promise<Submission> {
  if (submission.requestHash !== hash) throw keyReused(key);
  const rows = await batches.findBatchesOfSubmission(db, practiceId, submission.id);
  const carried = new Set((await batches.findClaimsOfBatches(db, practiceId, rows.map((b) => b.id))).map((c) => c.claimId));
  return { batches: rows, replayed: true, notSentClaimIds: submission.requestHash.split(',').filter((id) => !carried.has(id)) };
}

/**
 * Submits READY claims: grouped by payer claims route into batches (one 837P interchange each, control
 * numbers from database sequences), every file checked against 005010X222A1 before anything is sent,
 * stored exactly as sent, sent through the clearinghouse, the claims moved to SUBMITTED (one
 * transaction); then the 999 / 277CA answers that came back are stored and applied (another). Exactly once per claim revision: the claims are locked and the
 * batch-claims table refuses a revision sent before. A transport failure after a file may have left
 * keeps the batch as SENT_UNKNOWN (claims SUBMITTED, never resent automatically).
 * @returns the batches; a retry with the same key and claims returns the same batches (replayed)
 * @throws BAD_USER_INPUT (no or malformed ids; a claim not READY; a file that cannot be built or does
 *   not conform — nothing changes), NOT_FOUND (a claim of another practice), IDEMPOTENCY_KEY_REUSED,
 *   UPSTREAM_UNAVAILABLE (no batch was taken in — circuit open, refused: nothing changed; retry)
 */
export async function submitClaims(db: Db, runtime: EligibilityRuntime, principal: Principal, audit: AuditTrail, input: { claimIds: string[]; idempotencyKey: string }): Promise<Submission> {
  const practiceId = principal.practiceId;
  const ids = checkInput(input.claimIds);
  const key = input.idempotencyKey;
  const hash = requestHashOf(ids);
  const earlier = await batches.findSubmissionByKey(db, practiceId, key);
  if (earlier) return replay(db, practiceId, earlier, hash, key);
  try {
    const done = await db.transaction(async (tx) => {
      const submission = await batches.insertSubmission(tx, practiceId, key, hash, principal.userId);
      // Locked in id order: a concurrent submission of the same claims waits here, then finds them SUBMITTED.
      const rows = await lockClaims(tx, practiceId, ids);
      const missing = ids.find((id) => !rows.some((r) => r.id === id));
      if (missing) throw notFound('Claim', missing);
      await refuseNotReady(tx, practiceId, input.claimIds, rows);
      const planned = await plan(tx, runtime, practiceId, rows, new Date());
      const sent: Sent[] = [];
      const notSent: string[] = [];
      for (const p of planned) {
        try {
          sent.push(await tx.transaction((sp) => sendBatch(sp, runtime, principal, submission.id, p)));
        } catch (err) {
          if (!(err instanceof NotSent)) throw err;
          notSent.push(...p.claims.map((c) => c.id));
        }
      }
      if (sent.length === 0) throw new AppError('UPSTREAM_UNAVAILABLE', 'The clearinghouse did not take the claims (unavailable or refused); nothing was sent. Retry later.', { retryable: true });
      for (const s of sent) await audit.write(tx, 'CREATE', 'ClaimBatch', s.batch.id);
      for (const r of rows) await audit.write(tx, 'UPDATE', 'Claim', r.id, r.patientId);
      return { sent, notSent };
    });
    // The submission is committed (the files left); what came back is applied next, on its own.
    const applied: BatchRow[] = [];
    for (const s of done.sent) applied.push(await applyAnswers(db, practiceId, s));
    return { batches: applied, replayed: false, notSentClaimIds: done.notSent };
  } catch (err) {
    // The same key committed first by a concurrent request: answer with its batches.
    if (sqlState(err) !== '23505') throw err;
    const winner = await batches.findSubmissionByKey(db, practiceId, key);
    if (winner) return replay(db, practiceId, winner, hash, key);
    // The batch-claims key refused a claim revision another request sent at the same moment.
    throw badInput([{ path: 'input.claimIds', message: 'a claim revision was submitted by another request at the same moment; reload the claims' }]);
  }
}
