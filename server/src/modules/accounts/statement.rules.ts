import { formatUsd } from '../../lib/money.js';

/** How a ledger entry reads on a statement. */
export enum StatementCategory {
  NEW_CHARGE = 'NEW_CHARGE',
  INSURANCE_PAYMENT = 'INSURANCE_PAYMENT',
  ADJUSTMENT = 'ADJUSTMENT',
  PATIENT_PAYMENT = 'PATIENT_PAYMENT',
  /** Insurance said the patient owes this part (deductible, coinsurance, copay): the account total is unchanged. */
  PATIENT_RESPONSIBILITY = 'PATIENT_RESPONSIBILITY',
}

const BY_KIND: Record<string, StatementCategory> = {
  CHARGE: StatementCategory.NEW_CHARGE,
  INSURANCE_PAYMENT: StatementCategory.INSURANCE_PAYMENT,
  CONTRACTUAL_ADJUSTMENT: StatementCategory.ADJUSTMENT,
  OTHER_ADJUSTMENT: StatementCategory.ADJUSTMENT,
  WRITE_OFF: StatementCategory.ADJUSTMENT,
  PATIENT_RESPONSIBILITY: StatementCategory.PATIENT_RESPONSIBILITY,
  PATIENT_PAYMENT: StatementCategory.PATIENT_PAYMENT,
  REFUND: StatementCategory.PATIENT_PAYMENT,
};

const LABEL: Record<string, string> = {
  CHARGE: 'Charge',
  INSURANCE_PAYMENT: 'Insurance payment',
  CONTRACTUAL_ADJUSTMENT: 'Insurance adjustment',
  OTHER_ADJUSTMENT: 'Adjustment',
  WRITE_OFF: 'Adjustment',
  PATIENT_RESPONSIBILITY: 'Patient responsibility',
  PATIENT_PAYMENT: 'Patient payment',
  REFUND: 'Refund',
};

/** A ledger entry as the statement run reads it. */
export interface StatementEntry {
  id: string;
  patientId: string;
  kind: string;
  /** The kind of the entry a REVERSAL undoes (null otherwise). */
  reversedKind: string | null;
  number: number;
  effectiveDate: string;
  dateOfService: string | null;
  insuranceCents: number;
  patientCents: number;
  /** Already printed on an earlier statement. */
  stated: boolean;
}

export interface StatementLineDraft {
  position: number;
  ledgerEntryId: string;
  category: StatementCategory;
  description: string;
  effectiveDate: string;
  dateOfService: string | null;
  amountCents: number;
  patientCents: number;
}

export interface AgingBuckets {
  aging0To30Cents: number;
  aging31To60Cents: number;
  aging61To90Cents: number;
  aging91To120Cents: number;
  agingOver120Cents: number;
}

export interface StatementDraft extends AgingBuckets {
  patientId: string;
  previousBalanceCents: number;
  newChargesCents: number;
  insurancePaymentsCents: number;
  adjustmentsCents: number;
  patientPaymentsCents: number;
  insurancePendingCents: number;
  balanceDueCents: number;
  lines: StatementLineDraft[];
}

/** The category of an entry; a reversal reads as what it undoes (a reversed payment is a negative payment). */
export const categoryOf = (kind: string, reversedKind: string | null): StatementCategory => BY_KIND[kind === 'REVERSAL' ? (reversedKind ?? '') : kind] ?? StatementCategory.ADJUSTMENT;

function describe(e: StatementEntry): string {
  const base = LABEL[e.kind === 'REVERSAL' ? (e.reversedKind ?? '') : e.kind] ?? 'Adjustment';
  const text = e.kind === 'REVERSAL' ? `${base} reversed` : base;
  return e.kind === 'PATIENT_RESPONSIBILITY' ? `${text} (${formatUsd(e.patientCents)} moved from insurance)` : text;
}

/** Whole days from `from` to `to` (calendar dates). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The date `days` after a calendar date. */
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The patient part in aging buckets by the age of each visit (date of service, else the entry's date) on `asOf`. */
export function agePatientPart(entries: readonly StatementEntry[], asOf: string): AgingBuckets {
  const b: AgingBuckets = { aging0To30Cents: 0, aging31To60Cents: 0, aging61To90Cents: 0, aging91To120Cents: 0, agingOver120Cents: 0 };
  for (const e of entries) {
    if (e.patientCents === 0) continue;
    const age = daysBetween(e.dateOfService ?? e.effectiveDate, asOf);
    if (age <= 30) b.aging0To30Cents += e.patientCents;
    else if (age <= 60) b.aging31To60Cents += e.patientCents;
    else if (age <= 90) b.aging61To90Cents += e.patientCents;
    else if (age <= 120) b.aging91To120Cents += e.patientCents;
    else b.agingOver120Cents += e.patientCents;
  }
  return b;
}

/**
 * One patient's statement from every entry of the account that is on a statement already (`stated`) or
 * counts by `asOf`: the new ones become its lines (oldest first) and are summed by category; the
 * previous balance is the account balance of the stated ones. So previous + new = the account balance and
 * balance due (the patient part) = Σ aging buckets, by construction.
 * @returns the draft, or null when the patient part is below `minimumCents`
 */
export function draftStatement(patientId: string, entries: readonly StatementEntry[], asOf: string, minimumCents: number): StatementDraft | null {
  const fresh = entries.filter((e) => !e.stated).sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.number - b.number);
  let previous = 0;
  let insurancePending = 0;
  let balanceDue = 0;
  for (const e of entries) {
    if (e.stated) previous += e.insuranceCents + e.patientCents;
    insurancePending += e.insuranceCents;
    balanceDue += e.patientCents;
  }
  if (balanceDue < minimumCents) return null;
  const sums = { NEW_CHARGE: 0, INSURANCE_PAYMENT: 0, ADJUSTMENT: 0, PATIENT_PAYMENT: 0, PATIENT_RESPONSIBILITY: 0 };
  const lines = fresh.map((e, i): StatementLineDraft => {
    const category = categoryOf(e.kind, e.reversedKind);
    const amountCents = e.insuranceCents + e.patientCents;
    sums[category] += amountCents;
    return { position: i + 1, ledgerEntryId: e.id, category, description: describe(e), effectiveDate: e.effectiveDate, dateOfService: e.dateOfService, amountCents, patientCents: e.patientCents };
  });
  return {
    patientId,
    previousBalanceCents: previous,
    newChargesCents: sums.NEW_CHARGE,
    insurancePaymentsCents: sums.INSURANCE_PAYMENT,
    // A transfer moves money between parts and sums to 0; kept in adjustments so the sum rule stays exact.
    adjustmentsCents: sums.ADJUSTMENT + sums.PATIENT_RESPONSIBILITY,
    patientPaymentsCents: sums.PATIENT_PAYMENT,
    insurancePendingCents: insurancePending,
    balanceDueCents: balanceDue,
    ...agePatientPart(entries, asOf),
    lines,
  };
}
