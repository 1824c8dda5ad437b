import type { LedgerSums } from './ledger-balance.repo.js';

/**
 * A balance as people read it. `insuranceCents` is what payers still owe (negative when a payer paid
 * more than it owed); `patientCents` what the patient owes, never below zero; `creditCents` the
 * patient's money held beyond what is owed; `totalCents` = insurance + patient − credit, the net of every
 * entry. patientCents and creditCents are never both above zero.
 */
export interface Balance {
  insuranceCents: number;
  patientCents: number;
  creditCents: number;
  totalCents: number;
}

/** The balance of a group of entries from its sums; no sums (no entries) is a zero balance. */
export function toBalance(sums: Pick<LedgerSums, 'insuranceCents' | 'patientCents'> | null | undefined): Balance {
  const insurance = sums?.insuranceCents ?? 0;
  const patient = sums?.patientCents ?? 0;
  return { insuranceCents: insurance, patientCents: Math.max(patient, 0), creditCents: Math.max(-patient, 0), totalCents: insurance + patient };
}
