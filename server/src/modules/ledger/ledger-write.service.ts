import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, type FieldProblem, notFound } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { sumByClaimLines, sumByClaims, sumByPatients } from './ledger-balance.repo.js';
import type { EntryDraft, LedgerActor } from './ledger-draft.js';
import { LedgerBucket, LedgerEntryKind } from './ledger-kind.js';
import { type Posted, post, practiceToday, reverse } from './ledger-post.service.js';
import { findClaimPatient, findEntriesByKeys, lockPatients } from './ledger.repo.js';
import { amountProblems, dateProblems } from './ledger.rules.js';
import type { ReverseLedgerEntryInput, WriteOffInput } from './ledger.inputs.js';

const actorOf = (p: Principal): LedgerActor => ({ practiceId: p.practiceId, userId: p.userId });
const inputPath = (_: number, f: string) => `input.${f === 'amountCents' ? 'amount' : f}`;

/** The open amount of one part (insurance or patient) of a claim line, a claim, or a patient's whole account. */
async function openAmount(tx: Db, practiceId: string, input: WriteOffInput, patientId: string): Promise<number> {
  const pick = (s: { insuranceCents: number; patientCents: number } | undefined) => Math.max(0, (input.bucket === LedgerBucket.INSURANCE ? s?.insuranceCents : s?.patientCents) ?? 0);
  if (input.claimId && input.claimLinePosition != null) return pick((await sumByClaimLines(tx, practiceId, [input.claimId])).find((r) => r.position === input.claimLinePosition));
  if (input.claimId) return pick((await sumByClaims(tx, practiceId, [input.claimId]))[0]);
  return pick((await sumByPatients(tx, practiceId, [patientId]))[0]);
}

/**
 * Writes off part of an open balance (a WRITE_OFF entry of −amount) with a reason; retry-safe on the key.
 * @returns the entry (replayed when the key was recorded before for the same write-off)
 * @throws BAD_USER_INPUT (amount not positive or above the open balance of the part; neither patientId nor
 *   claimId; a line without a claim; the patient is not the claim's), NOT_FOUND (patient; a claim with no
 *   entries in the practice), IDEMPOTENCY_KEY_REUSED
 */
export async function writeOff(db: Db, principal: Principal, audit: AuditTrail, input: WriteOffInput): Promise<Posted> {
  const practiceId = principal.practiceId;
  const problems: FieldProblem[] = [...amountProblems(input.amount, 'POSITIVE', 'input.amount'), ...(input.effectiveDate ? dateProblems(input.effectiveDate, 'input.effectiveDate') : [])];
  if (!input.patientId && !input.claimId) problems.push({ path: 'input.patientId', message: 'or input.claimId is required' });
  if (input.claimLinePosition != null && !input.claimId) problems.push({ path: 'input.claimLinePosition', message: 'needs claimId' });
  for (const f of ['patientId', 'claimId'] as const) if (input[f] != null && !isUuid(input[f])) problems.push({ path: `input.${f}`, message: 'is not an id issued by this API' });
  if (problems.length) throw badInput(problems);
  return db.transaction(async (tx) => {
    let patientId = input.patientId ?? null;
    if (input.claimId) {
      const owner = await findClaimPatient(tx, practiceId, input.claimId);
      if (!owner) throw notFound('Claim', input.claimId);
      if (patientId && patientId !== owner) throw badInput([{ path: 'input.patientId', message: `is not the patient of claim ${input.claimId}` }]);
      patientId = owner;
    }
    if ((await lockPatients(tx, practiceId, [patientId!])).length === 0) throw notFound('Patient', patientId!);
    const [earlier] = await findEntriesByKeys(tx, practiceId, [input.idempotencyKey]);
    const draft: EntryDraft = {
      kind: LedgerEntryKind.WRITE_OFF, patientId: patientId!, bucket: input.bucket, amountCents: -input.amount, reason: input.reason,
      effectiveDate: input.effectiveDate ?? earlier?.effectiveDate ?? (await practiceToday(tx, practiceId)),
      claimId: input.claimId ?? null, claimLinePosition: input.claimLinePosition ?? null, idempotencyKey: input.idempotencyKey,
    };
    if (!earlier) {
      const open = await openAmount(tx, practiceId, input, patientId!);
      if (input.amount > open) throw badInput([{ path: 'input.amount', message: `exceeds the open ${input.bucket} balance (${open} cents)` }]);
    }
    const [posted] = await post(tx, actorOf(principal), [draft], inputPath);
    if (!posted!.replayed) await audit.write(tx, 'CREATE', 'LedgerEntry', posted!.entry.id, posted!.entry.patientId);
    return posted!;
  });
}

/**
 * Reverses one entry of the practice with a reason (exactly once).
 * @returns the reversal (replayed for a retried idempotency key)
 * @throws NOT_FOUND (also another practice's entry), BAD_USER_INPUT (already reversed; a reversal),
 *   IDEMPOTENCY_KEY_REUSED
 */
export async function reverseEntry(db: Db, principal: Principal, audit: AuditTrail, input: ReverseLedgerEntryInput): Promise<Posted> {
  if (!isUuid(input.id)) throw notFound('LedgerEntry', input.id);
  return db.transaction(async (tx) => {
    const posted = await reverse(tx, actorOf(principal), input.id, input.reason, { idempotencyKey: input.idempotencyKey ?? null, ...(input.effectiveDate ? { effectiveDate: input.effectiveDate } : {}) });
    if (!posted.replayed) await audit.write(tx, 'CREATE', 'LedgerEntry', posted.entry.id, posted.entry.patientId);
    return posted;
  });
}
