import type { Db } from '../../db/client.js';
import { findEntriesByIds } from '../ledger/ledger.repo.js';
import type { PaymentMethod } from './patient-payment.inputs.js';
import * as repo from './patient-payment.repo.js';
import type { PatientPayment, PatientPaymentRefund } from './patient-payment.type.js';

/** A payment for the API: its allocations from its ledger entries and what was refunded (two statements). */
export async function presentPayment(db: Db, practiceId: string, p: repo.PaymentRow): Promise<PatientPayment> {
  const [entries, refunds] = await Promise.all([findEntriesByIds(db, practiceId, p.ledgerEntryIds), repo.findRefunds(db, practiceId, p.id)]);
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    id: p.id, patientId: p.patientId, method: p.method as PaymentMethod, amount: p.amountCents,
    refunded: refunds.reduce((s, r) => s + r.amountCents, 0),
    checkNumber: p.checkNumber, processorReference: p.processorReference, cardBrand: p.cardBrand, cardLast4: p.cardLast4,
    effectiveDate: p.effectiveDate, receivedAt: p.createdAt,
    allocations: p.ledgerEntryIds.map((id) => ({ ledgerEntryId: id, superbillId: byId.get(id)!.superbillId, amount: -byId.get(id)!.amountCents })),
  };
}

export const presentRefund = (r: repo.RefundRow): PatientPaymentRefund => ({
  id: r.id, paymentId: r.paymentId, amount: r.amountCents, reason: r.reason, processorReference: r.processorReference, ledgerEntryIds: r.ledgerEntryIds, refundedAt: r.createdAt,
});
