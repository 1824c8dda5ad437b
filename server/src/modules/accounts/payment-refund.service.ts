import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { EntryDraft } from '../ledger/ledger-draft.js';
import { LedgerBucket, LedgerEntryKind } from '../ledger/ledger-kind.js';
import { keyReused, post, practiceToday } from '../ledger/ledger-post.service.js';
import { findEntriesByIds, lockPatients } from '../ledger/ledger.repo.js';
import { amountProblems } from '../ledger/ledger.rules.js';
import { type CardProcessor, simulatedCardProcessor } from './card-processor.js';
import { type Allocation, allocateRefund } from './payment-allocation.rules.js';
import type { RefundPatientPaymentInput } from './patient-payment.inputs.js';
import { digestOf } from './patient-payment.service.js';
import * as repo from './patient-payment.repo.js';

/**
 * What of each part of a payment is not refunded yet, in the payment's order: its PATIENT_PAYMENT entries
 * net of the REFUND entries of its refunds, per superbill (null: the credit part).
 */
export async function unrefundedParts(db: Db, practiceId: string, payment: repo.PaymentRow, refunds: readonly repo.RefundRow[]): Promise<Allocation[]> {
  const entries = await findEntriesByIds(db, practiceId, payment.ledgerEntryIds);
  const net = new Map((await repo.netBySuperbill(db, practiceId, [...payment.ledgerEntryIds, ...refunds.flatMap((r) => r.ledgerEntryIds)])).map((n) => [n.superbillId, -n.cents]));
  const order = payment.ledgerEntryIds.map((id) => entries.find((e) => e.id === id)!.superbillId);
  return [...new Set(order)].map((superbillId) => ({ superbillId, amountCents: net.get(superbillId) ?? 0 }));
}

/**
 * Gives back part or all of a patient payment: at most what is not refunded yet, taken from the credit it
 * left first, then from its allocations newest first (REFUND entries, so those balances are owed again).
 * A card payment is refunded to the card through the processor. Retry-safe on the key.
 * @returns the refund and the payment (replayed when the key was recorded before)
 * @throws NOT_FOUND (payment, also of another practice), BAD_USER_INPUT (amount not positive or above what
 *   is left to refund), IDEMPOTENCY_KEY_REUSED
 */
export async function refundPatientPayment(db: Db, principal: Principal, audit: AuditTrail, input: RefundPatientPaymentInput, processor: CardProcessor = simulatedCardProcessor) {
  const { practiceId, userId } = principal;
  const problems = amountProblems(input.amount, 'POSITIVE', 'input.amount');
  if (problems.length) throw badInput(problems);
  const digest = digestOf([input.paymentId, input.amount, input.reason]);
  const found = await repo.findPayment(db, practiceId, input.paymentId);
  if (!found) throw notFound('PatientPayment', input.paymentId);
  return db.transaction(async (tx) => {
    await lockPatients(tx, practiceId, [found.patientId]);
    const earlier = await repo.findRefundByKey(tx, practiceId, input.idempotencyKey);
    if (earlier) {
      if (earlier.requestDigest !== digest) throw keyReused(input.idempotencyKey);
      return { refund: earlier, payment: found, replayed: true };
    }
    const payment = (await repo.findPayment(tx, practiceId, input.paymentId))!;
    const parts = await unrefundedParts(tx, practiceId, payment, await repo.findRefunds(tx, practiceId, payment.id));
    const left = parts.reduce((s, p) => s + p.amountCents, 0);
    if (input.amount > left) throw badInput([{ path: 'input.amount', message: `exceeds what is left to refund of the payment (${left} cents)` }]);
    const id = randomUUID();
    const effectiveDate = await practiceToday(tx, practiceId);
    const drafts: EntryDraft[] = allocateRefund(input.amount, parts).map((a, i) => ({
      kind: LedgerEntryKind.REFUND, patientId: payment.patientId, bucket: LedgerBucket.PATIENT, amountCents: a.amountCents, superbillId: a.superbillId,
      effectiveDate, reason: input.reason, idempotencyKey: `patient-refund:${id}:${i}`,
    }));
    const posted = await post(tx, { practiceId, userId }, drafts);
    // Under the patient lock no other refund of this payment runs; the processor call is idempotent on the key.
    const card = payment.processorReference ? await processor.refund({ chargeReference: payment.processorReference, amountCents: input.amount, idempotencyKey: `${practiceId}:${input.idempotencyKey}:${digest.slice(0, 16)}` }) : null;
    const refund = await repo.insertRefund(tx, practiceId, {
      id, paymentId: payment.id, amountCents: input.amount, reason: input.reason, processorReference: card?.reference ?? null,
      ledgerEntryIds: posted.map((p) => p.entry.id), requestDigest: digest, idempotencyKey: input.idempotencyKey, createdBy: userId,
    });
    // Only a refund of another payment can hold the key (this payment's patient is locked): a different request.
    if (!refund) throw keyReused(input.idempotencyKey);
    await audit.write(tx, 'CREATE', 'PatientPaymentRefund', id, payment.patientId);
    for (const p of posted) await audit.write(tx, 'CREATE', 'LedgerEntry', p.entry.id, payment.patientId);
    return { refund, payment, replayed: false };
  });
}
