import { randomUUID } from 'node:crypto';
import type { Remittance, RemittanceClaim } from '../../x12/x12-835-types.js';
import type { ClaimCandidate, UnmatchedReason } from './remittance-match.js';
import type { NewProviderAdjustmentRow, NewRemittanceAdjustmentRow, NewRemittanceClaimRow, NewRemittanceLineRow, NewRemittanceRow } from './remittance.repo.js';

/** What became of one CLP. */
export type ClaimOutcome =
  | { kind: 'POSTED' | 'REVERSAL'; claim: ClaimCandidate; positions: readonly number[] }
  | { kind: 'UNMATCHED'; reason: UnmatchedReason; candidate: ClaimCandidate | null };

/** The header columns of a remittance read from its file. */
export function headerOf(r: Remittance): Omit<NewRemittanceRow, 'idempotencyKey' | 'fileSha256' | 'rawX12' | 'postedBy' | 'status'> {
  return {
    traceNumber: r.trace.number,
    tracePayerId: r.trace.payerId,
    interchangeControlNumber: r.envelope.interchangeControlNumber,
    groupControlNumber: r.envelope.groupControlNumber,
    transactionControlNumber: r.envelope.transactionControlNumber,
    payerName: r.payer.name,
    payerIdentifier: r.payer.references.find((x) => x.qualifier === '2U')?.value ?? r.payer.id,
    payeeNpi: r.payee.npi,
    totalCents: r.payment.creditDebit === 'D' ? -r.payment.totalCents : r.payment.totalCents,
    handlingCode: r.payment.handlingCode,
    paymentMethod: r.payment.method,
    paymentDate: r.payment.paymentDate,
    productionDate: r.productionDate,
  };
}

/** The CAS triples of one claim (lineId null) or one line, each with its 0-based position there in the file. */
function casRows(remittanceClaimId: string, remittanceLineId: string | null, cas: RemittanceClaim['adjustments']): NewRemittanceAdjustmentRow[] {
  return cas.map((a, position) => ({ remittanceClaimId, remittanceLineId, position, groupCode: a.group, reasonCode: a.reason, amountCents: a.amountCents, quantity: a.quantity === null ? null : Math.round(a.quantity) }));
}

/**
 * Every row the file becomes besides its header: each CLP (with the claim it posted to, or its
 * unmatched reason), each SVC (with the claim line it matched), each CAS triple (claim- or line-level)
 * and each PLB — so nothing in the file is dropped.
 */
export function detailRows(remittanceId: string, r: Remittance, outcomes: readonly ClaimOutcome[]) {
  const claims: NewRemittanceClaimRow[] = [];
  const lines: NewRemittanceLineRow[] = [];
  const adjustments: NewRemittanceAdjustmentRow[] = [];
  // Millisecond instants (as JavaScript keeps them) so keyset cursors compare exactly.
  const createdAt = new Date();
  r.claims.forEach((c: RemittanceClaim, i) => {
    const o = outcomes[i]!;
    const matched = o.kind === 'UNMATCHED' ? null : o.claim;
    const id = randomUUID();
    claims.push({
      id, createdAt, remittanceId, claimIndex: c.index, claimId: matched?.id ?? null, patientId: matched?.patientId ?? null, payerId: matched?.payerId ?? null,
      candidateClaimId: o.kind === 'UNMATCHED' ? (o.candidate?.id ?? null) : null, outcome: o.kind, unmatchedReason: o.kind === 'UNMATCHED' ? o.reason : null,
      patientAccountNumber: c.patientAccountNumber, payerClaimNumber: c.payerClaimControlNumber, statusCode: c.statusCode, chargeCents: c.chargeCents, paidCents: c.paidCents,
      patientResponsibilityCents: c.patientResponsibilityCents, claimFilingIndicator: c.claimFilingIndicator, frequencyCode: c.frequencyCode, remarkCodes: c.remarkCodes,
    });
    adjustments.push(...casRows(id, null, c.adjustments));
    c.lines.forEach((l, j) => {
      const lineId = randomUUID();
      lines.push({
        id: lineId, createdAt, remittanceClaimId: id, lineNumber: l.lineNumber, claimLinePosition: o.kind === 'UNMATCHED' ? null : (o.positions[j] ?? null),
        procedureQualifier: l.procedure.qualifier, procedureCode: l.procedure.code, modifiers: l.procedure.modifiers, chargeCents: l.chargeCents, paidCents: l.paidCents,
        allowedCents: l.allowedCents, units: Math.round(l.units), serviceDate: l.serviceDateFrom, lineItemControlNumber: l.lineItemControlNumber, remarkCodes: l.remarks.map((x) => x.code),
      });
      adjustments.push(...casRows(id, lineId, l.adjustments));
    });
  });
  const providerAdjustments: NewProviderAdjustmentRow[] = r.providerAdjustments.map((p, position) => ({
    remittanceId, position, providerId: p.providerId, fiscalPeriodDate: p.fiscalPeriodDate, reasonCode: p.reason, reference: p.reference, amountCents: p.amountCents,
  }));
  return { claims, lines, adjustments, providerAdjustments };
}
