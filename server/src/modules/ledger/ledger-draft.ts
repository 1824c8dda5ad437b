import type { LedgerBucket, LedgerEntryKind } from './ledger-kind.js';

/**
 * One entry a posting step asks the ledger to record. `amountCents` is signed as stored (see
 * db/schema/ledger.ts): charges and refunds positive, payments, contractual adjustments and write-offs
 * negative; a PATIENT_RESPONSIBILITY amount is positive and moves from the insurance part to the patient
 * part (bucket PATIENT).
 */
export interface EntryDraft {
  kind: Exclude<LedgerEntryKind, LedgerEntryKind.REVERSAL>;
  patientId: string;
  bucket: LedgerBucket;
  amountCents: number;
  /** The calendar date the entry counts on (date of service, check date, remittance date…), YYYY-MM-DD. */
  effectiveDate: string;
  claimId?: string | null;
  claimLinePosition?: number | null;
  superbillId?: string | null;
  superbillLinePosition?: number | null;
  remittanceId?: string | null;
  payerId?: string | null;
  /** CO, PR, OA or PI: required by the adjustment kinds, refused by the others. */
  groupCode?: string | null;
  /** The CARC of an adjustment or transfer (1–3 letters or digits). */
  reasonCode?: string | null;
  remarkCodes?: readonly string[] | null;
  /** Why; required for WRITE_OFF. */
  reason?: string | null;
  /** Unique per practice: a second posting with the same key records nothing and returns the first entry. */
  idempotencyKey?: string | null;
}

/** Undo one earlier entry: the ledger copies it, negated. */
export interface ReversalDraft {
  kind: LedgerEntryKind.REVERSAL;
  reversesId: string;
  reason: string;
  effectiveDate: string;
  remittanceId?: string | null;
  idempotencyKey?: string | null;
}

export type LedgerDraft = EntryDraft | ReversalDraft;

/** Who posts: the practice (tenant) and the user or process recorded as created_by. */
export interface LedgerActor {
  practiceId: string;
  userId: string;
}
