import type { AuditTrail } from '../audit/audit-trail.js';
import type { DenialRow } from './remittance-list.repo.js';
import type { ProviderAdjustmentRow, RemittanceAdjustmentRow, RemittanceClaimRow, RemittanceLineRow, RemittanceRow } from './remittance.repo.js';
import { type Denial, type ProviderAdjustment, type Remittance, type RemittanceAdjustment, type RemittanceClaim, RemittanceClaimOutcome, type RemittanceLine } from './remittance.type.js';

export const toRemittance = (r: RemittanceRow): Remittance => ({
  id: r.id, status: r.status, traceNumber: r.traceNumber, tracePayerId: r.tracePayerId, payerName: r.payerName, payerIdentifier: r.payerIdentifier, payeeNpi: r.payeeNpi,
  total: r.totalCents, handlingCode: r.handlingCode, paymentMethod: r.paymentMethod, paymentDate: r.paymentDate, productionDate: r.productionDate,
  interchangeControlNumber: r.interchangeControlNumber, transactionControlNumber: r.transactionControlNumber, issues: r.problems, postedBy: r.postedBy, postedAt: r.postedAt,
});

export const toAdjustment = (a: RemittanceAdjustmentRow): RemittanceAdjustment => ({ group: a.groupCode, reasonCode: a.reasonCode, reasonDescription: a.reasonDescription, amount: a.amountCents, quantity: a.quantity });

export const toLine = (l: RemittanceLineRow, adjustments: readonly RemittanceAdjustmentRow[]): RemittanceLine => ({
  id: l.id, lineNumber: l.lineNumber, claimLinePosition: l.claimLinePosition, procedureCode: l.procedureCode, modifiers: l.modifiers, charge: l.chargeCents, paid: l.paidCents,
  allowed: l.allowedCents, units: l.units, serviceDate: l.serviceDate, lineItemControlNumber: l.lineItemControlNumber, remarkCodes: l.remarkCodes,
  adjustments: adjustments.filter((a) => a.remittanceLineId === l.id).map(toAdjustment),
});

/** A CLP as the API shows it; the read is audited against its patient when it matched a claim. */
export function presentRemittanceClaim(audit: AuditTrail, c: RemittanceClaimRow): RemittanceClaim {
  audit.read('RemittanceClaim', c.id, c.patientId);
  return {
    id: c.id, remittanceId: c.remittanceId, claimIndex: c.claimIndex, claimId: c.claimId, candidateClaimId: c.candidateClaimId, outcome: c.outcome as RemittanceClaimOutcome,
    unmatchedReason: c.unmatchedReason, reversed: c.reversedById !== null, patientAccountNumber: c.patientAccountNumber, payerClaimNumber: c.payerClaimNumber, statusCode: c.statusCode,
    charge: c.chargeCents, paid: c.paidCents, patientResponsibility: c.patientResponsibilityCents, claimFilingIndicator: c.claimFilingIndicator, remarkCodes: c.remarkCodes,
    receivedAt: c.createdAt, patientId: c.patientId,
  };
}

export const toProviderAdjustment = (p: ProviderAdjustmentRow): ProviderAdjustment => ({
  providerIdentifier: p.providerId, fiscalPeriodDate: p.fiscalPeriodDate, reasonCode: p.reasonCode, reference: p.reference, amount: p.amountCents,
});

/** A denied line as the API shows it (audited read of the patient's claim). */
export function presentDenial(audit: AuditTrail, d: DenialRow, adjustments: readonly RemittanceAdjustmentRow[]): Denial {
  audit.read('Denial', d.line.id, d.claim.patientId);
  const own = adjustments.filter((a) => a.remittanceLineId === d.line.id);
  return {
    claimId: d.claim.claimId!, remittanceId: d.claim.remittanceId, remittanceClaimId: d.claim.id, claimLinePosition: d.line.claimLinePosition, procedureCode: d.line.procedureCode,
    charge: d.line.chargeCents, deniedAmount: own.filter((a) => a.groupCode !== 'PR').reduce((s, a) => s + a.amountCents, 0), adjustments: own.map(toAdjustment),
    remarkCodes: [...d.line.remarkCodes, ...d.claim.remarkCodes], payerClaimNumber: d.claim.payerClaimNumber, remittanceDate: d.remittanceDate, appealDeadline: d.appealDeadline,
    patientId: d.claim.patientId,
  };
}
