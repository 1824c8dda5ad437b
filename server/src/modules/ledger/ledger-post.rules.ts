import type { EntryDraft, LedgerDraft } from './ledger-draft.js';
import { LedgerBucket, LedgerEntryKind } from './ledger-kind.js';
import type { LedgerEntryRow, NewLedgerEntryRow } from './ledger.repo.js';

/** The part a transfer takes its amount from. */
const COUNTER: Partial<Record<LedgerEntryKind, LedgerBucket>> = { PATIENT_RESPONSIBILITY: LedgerBucket.INSURANCE, COORDINATION_TRANSFER: LedgerBucket.PATIENT };

const n = <T>(v: T | null | undefined): T | null => v ?? null;

/** Whether a recorded entry is what this draft asks for (a replay), so its idempotency key may be reused. */
export function sameRequest(d: LedgerDraft, row: LedgerEntryRow): boolean {
  if (d.kind === LedgerEntryKind.REVERSAL) return row.kind === d.kind && row.reversesId === d.reversesId;
  return (
    row.kind === d.kind &&
    row.patientId === d.patientId &&
    row.bucket === d.bucket &&
    row.amountCents === d.amountCents &&
    row.effectiveDate === d.effectiveDate &&
    row.claimId === n(d.claimId) &&
    row.claimLinePosition === n(d.claimLinePosition) &&
    row.superbillId === n(d.superbillId) &&
    row.superbillLinePosition === n(d.superbillLinePosition) &&
    row.payerId === n(d.payerId) &&
    row.remittanceId === n(d.remittanceId) &&
    row.groupCode === n(d.groupCode) &&
    row.reasonCode === n(d.reasonCode)
  );
}

/**
 * The row a draft becomes. A PATIENT_RESPONSIBILITY entry takes its amount from the insurance part
 * (counter bucket), a COORDINATION_TRANSFER from the patient part; a REVERSAL copies the reversed entry with the amount negated.
 */
export function toRow(d: LedgerDraft, original: LedgerEntryRow | null, createdBy: string): Omit<NewLedgerEntryRow, 'id'> {
  const common = { effectiveDate: d.effectiveDate, createdBy, idempotencyKey: d.idempotencyKey?.trim() ? d.idempotencyKey : null, remittanceId: n(d.remittanceId) };
  if (d.kind === LedgerEntryKind.REVERSAL) {
    const o = original!;
    return {
      ...common, kind: d.kind, reversesId: o.id, reason: d.reason.trim(), patientId: o.patientId, bucket: o.bucket, counterBucket: o.counterBucket, amountCents: -o.amountCents,
      claimId: o.claimId, claimLinePosition: o.claimLinePosition, superbillId: o.superbillId, superbillLinePosition: o.superbillLinePosition, payerId: o.payerId,
      groupCode: o.groupCode, reasonCode: o.reasonCode, remarkCodes: [],
    };
  }
  const e: EntryDraft = d;
  return {
    ...common, kind: e.kind, reversesId: null, reason: e.reason?.trim() || null, patientId: e.patientId, bucket: e.bucket,
    counterBucket: COUNTER[e.kind] ?? null, amountCents: e.amountCents,
    claimId: n(e.claimId), claimLinePosition: n(e.claimLinePosition), superbillId: n(e.superbillId), superbillLinePosition: n(e.superbillLinePosition), payerId: n(e.payerId),
    groupCode: n(e.groupCode), reasonCode: n(e.reasonCode), remarkCodes: [...(e.remarkCodes ?? [])],
  };
}
