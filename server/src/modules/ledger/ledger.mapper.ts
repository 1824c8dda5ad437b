import type { AuditTrail } from '../audit/audit-trail.js';
import type { Balance } from './ledger-balance.js';
import type { LedgerBucket, LedgerEntryKind } from './ledger-kind.js';
import type { LedgerEntryRow } from './ledger.repo.js';
import type { LedgerBalance, LedgerEntry } from './ledger.type.js';

/** A row as the GraphQL type. */
export function toLedgerEntry(r: LedgerEntryRow): LedgerEntry {
  return {
    id: r.id, number: String(r.number), kind: r.kind as LedgerEntryKind, patientId: r.patientId, claimId: r.claimId, claimLinePosition: r.claimLinePosition,
    superbillId: r.superbillId, superbillLinePosition: r.superbillLinePosition, remittanceId: r.remittanceId, payerId: r.payerId, bucket: r.bucket as LedgerBucket,
    counterBucket: r.counterBucket as LedgerBucket | null, amount: r.amountCents, insuranceAmount: r.insuranceCents, patientAmount: r.patientCents, groupCode: r.groupCode,
    reasonCode: r.reasonCode, remarkCodes: r.remarkCodes, reason: r.reason, reversesId: r.reversesId, postedAt: r.postedAt, effectiveDate: r.effectiveDate, createdBy: r.createdBy,
  };
}

/** Records the read (a ledger entry is the patient's financial data) and maps the row. */
export function presentEntry(audit: AuditTrail, r: LedgerEntryRow): LedgerEntry {
  audit.read('LedgerEntry', r.id, r.patientId);
  return toLedgerEntry(r);
}

export const toLedgerBalance = (b: Balance): LedgerBalance => ({ insurance: b.insuranceCents, patient: b.patientCents, credit: b.creditCents, total: b.totalCents });
