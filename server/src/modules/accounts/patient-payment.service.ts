import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, type FieldProblem, notFound } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { EntryDraft } from '../ledger/ledger-draft.js';
import { LedgerBucket, LedgerEntryKind } from '../ledger/ledger-kind.js';
import { keyReused, post, practiceToday } from '../ledger/ledger-post.service.js';
import { lockPatients, patientExists } from '../ledger/ledger.repo.js';
import { amountProblems } from '../ledger/ledger.rules.js';
import { type CardCharge, type CardProcessor, simulatedCardProcessor } from './card-processor.js';
import { allocatePayment } from './payment-allocation.rules.js';
import { checkPlanForPayment, completePlanIfPaid } from './payment-plan.service.js';
import { PaymentMethod, type RecordPatientPaymentInput } from './patient-payment.inputs.js';
import * as repo from './patient-payment.repo.js';

/** A payment as recorded, or the earlier one its idempotency key names (replayed). */
export interface RecordedPayment {
  payment: repo.PaymentRow;
  replayed: boolean;
}

/** A digest of what the request asks (the card token included, hashed: it is single-use and never stored). */
export const digestOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function requestDigest(input: RecordPatientPaymentInput): string {
  const allocations = input.allocations?.map((a) => [a.superbillId, a.amount]) ?? null;
  const parts: unknown[] = [input.patientId, input.amount, input.method, input.cardToken ?? null, input.checkNumber ?? null, allocations];
  // Appended only when given, so the digests of payments recorded before plans existed stay the same.
  return digestOf(input.paymentPlanId ? [...parts, input.paymentPlanId] : parts);
}

function inputProblems(input: RecordPatientPaymentInput): FieldProblem[] {
  const problems = amountProblems(input.amount, 'POSITIVE', 'input.amount');
  if (input.method === PaymentMethod.CARD && !input.cardToken) problems.push({ path: 'input.cardToken', message: 'is required for a CARD payment' });
  if (input.method !== PaymentMethod.CARD && input.cardToken != null) problems.push({ path: 'input.cardToken', message: 'is only for a CARD payment' });
  if (input.method !== PaymentMethod.CHECK && input.checkNumber != null) problems.push({ path: 'input.checkNumber', message: 'is only for a CHECK payment' });
  for (const [i, a] of (input.allocations ?? []).entries()) if (!isUuid(a.superbillId)) problems.push({ path: `input.allocations.${i}.superbillId`, message: 'is not an open balance of this patient' });
  if (input.paymentPlanId != null && !isUuid(input.paymentPlanId)) problems.push({ path: 'input.paymentPlanId', message: 'is not an active payment plan of this patient' });
  return problems;
}

function replay(earlier: repo.PaymentRow, digest: string, key: string): RecordedPayment {
  if (earlier.requestDigest !== digest) throw keyReused(key);
  return { payment: earlier, replayed: true };
}

/**
 * Records a patient payment: charges the card first (CARD), then, under the patient's lock, splits it over
 * the open balances (oldest date of service first, or as allocated) and posts one PATIENT_PAYMENT entry
 * per part, what is left as a credit. Retry-safe: the same key and input return the first payment and
 * charge nothing again; two requests with one key record one payment. If recording fails after the charge,
 * the charge is refunded.
 * @param receivedOn - the day the money came in (practice calendar; default today): only the demo seed's payments between past statement cycles pass it
 * @returns the payment (replayed when the key was recorded before)
 * @throws BAD_USER_INPUT (amount, method fields, allocations: unknown, another patient's, over-allocated;
 *   a declined card: `reason: CARD_DECLINED`; a payment plan that is not this patient's ACTIVE plan), NOT_FOUND (patient, also of another practice),
 *   IDEMPOTENCY_KEY_REUSED
 */
export async function recordPatientPayment(db: Db, principal: Principal, audit: AuditTrail, input: RecordPatientPaymentInput, processor: CardProcessor = simulatedCardProcessor, receivedOn?: string): Promise<RecordedPayment> {
  const { practiceId, userId } = principal;
  const problems = inputProblems(input);
  if (problems.length) throw badInput(problems);
  if (!isUuid(input.patientId) || !(await patientExists(db, practiceId, input.patientId))) throw notFound('Patient', input.patientId);
  const digest = requestDigest(input);
  const earlier = await repo.findPaymentByKey(db, practiceId, input.idempotencyKey);
  if (earlier) return replay(earlier, digest, input.idempotencyKey);
  const explicit = input.allocations?.map((a) => ({ superbillId: a.superbillId, amountCents: a.amount })) ?? null;
  if (input.paymentPlanId) await checkPlanForPayment(db, practiceId, input.patientId, input.paymentPlanId);
  // Refuse bad allocations before any money moves (checked again under the lock).
  const pre = allocatePayment(input.amount, await repo.findOpenItems(db, practiceId, input.patientId), explicit);
  if ('problems' in pre) throw badInput(pre.problems);

  // The digest in the processor's key: another request reusing our key never gets (or voids) the first one's charge.
  const processorKey = `${practiceId}:${input.idempotencyKey}:${digest.slice(0, 16)}`;
  const card: CardCharge | null = input.method === PaymentMethod.CARD ? await processor.charge({ token: input.cardToken!, amountCents: input.amount, idempotencyKey: processorKey }) : null;
  try {
    return await db.transaction(async (tx) => {
      await lockPatients(tx, practiceId, [input.patientId]);
      if (input.paymentPlanId) await checkPlanForPayment(tx, practiceId, input.patientId, input.paymentPlanId);
      const id = randomUUID();
      const inserted = await repo.insertPayment(tx, practiceId, {
        id, patientId: input.patientId, method: input.method, amountCents: input.amount, checkNumber: input.checkNumber ?? null,
        processorReference: card?.reference ?? null, cardBrand: card?.brand ?? null, cardLast4: card?.last4 ?? null,
        effectiveDate: receivedOn ?? (await practiceToday(tx, practiceId)), ledgerEntryIds: [], paymentPlanId: input.paymentPlanId ?? null, requestDigest: digest, idempotencyKey: input.idempotencyKey, createdBy: userId,
      });
      // The key was taken meanwhile (the insert waited for the other transaction): answer with its payment.
      if (!inserted) return replay((await repo.findPaymentByKey(tx, practiceId, input.idempotencyKey))!, digest, input.idempotencyKey);
      const split = allocatePayment(input.amount, await repo.findOpenItems(tx, practiceId, input.patientId), explicit);
      if ('problems' in split) throw badInput(split.problems);
      const drafts: EntryDraft[] = split.allocations.map((a, i) => ({
        kind: LedgerEntryKind.PATIENT_PAYMENT, patientId: input.patientId, bucket: LedgerBucket.PATIENT, amountCents: -a.amountCents, superbillId: a.superbillId,
        effectiveDate: inserted.effectiveDate, reason: `Patient payment (${input.method})`, idempotencyKey: `patient-payment:${id}:${i}`,
      }));
      const posted = await post(tx, { practiceId, userId }, drafts, (i, f) => `input.allocations.${i}.${f}`);
      const payment = await repo.setPaymentEntries(tx, practiceId, id, posted.map((p) => p.entry.id));
      if (input.paymentPlanId) await completePlanIfPaid(tx, practiceId, input.paymentPlanId);
      await audit.write(tx, 'CREATE', 'PatientPayment', id, input.patientId);
      for (const p of posted) await audit.write(tx, 'CREATE', 'LedgerEntry', p.entry.id, input.patientId);
      return { payment, replayed: false };
    });
  } catch (err) {
    // Nothing was recorded: give the money back (idempotent on the key, so a retry does not refund twice).
    if (card) await processor.refund({ chargeReference: card.reference, amountCents: input.amount, idempotencyKey: `${processorKey}:void` });
    throw err;
  }
}
