import { registerEnumType } from 'type-graphql';

/** What an entry records. The database checks the sign and bucket of each kind (ledger_entries_sign). */
export enum LedgerEntryKind {
  CHARGE = 'CHARGE',
  INSURANCE_PAYMENT = 'INSURANCE_PAYMENT',
  CONTRACTUAL_ADJUSTMENT = 'CONTRACTUAL_ADJUSTMENT',
  PATIENT_RESPONSIBILITY = 'PATIENT_RESPONSIBILITY',
  COORDINATION_TRANSFER = 'COORDINATION_TRANSFER',
  OTHER_ADJUSTMENT = 'OTHER_ADJUSTMENT',
  PATIENT_PAYMENT = 'PATIENT_PAYMENT',
  REFUND = 'REFUND',
  WRITE_OFF = 'WRITE_OFF',
  REVERSAL = 'REVERSAL',
}

/** Whose part of a balance an entry changes. */
export enum LedgerBucket {
  INSURANCE = 'INSURANCE',
  PATIENT = 'PATIENT',
}

registerEnumType(LedgerEntryKind, {
  name: 'LedgerEntryKind',
  description:
    'CHARGE (a billed service line, +), INSURANCE_PAYMENT (−, insurance part), CONTRACTUAL_ADJUSTMENT (CO, −, insurance part), PATIENT_RESPONSIBILITY (PR deductible/coinsurance/copay: moves the amount from the insurance part to the patient part), COORDINATION_TRANSFER (a secondary payer takes over what the primary left to the patient: moves the amount from the patient part to the insurance part, on the secondary claim), OTHER_ADJUSTMENT (OA/PI/CR, either sign), PATIENT_PAYMENT (−, patient part), REFUND (money paid back, +), WRITE_OFF (−, with a reason), REVERSAL (the exact negation of one earlier entry).',
});
registerEnumType(LedgerBucket, { name: 'LedgerBucket', description: 'INSURANCE (what payers still owe) or PATIENT (what the patient owes).' });

/** The sign an amount of each kind must have (REVERSAL: the opposite of the entry it reverses). */
export const SIGN: Record<Exclude<LedgerEntryKind, LedgerEntryKind.REVERSAL>, 'POSITIVE' | 'NEGATIVE' | 'EITHER'> = {
  CHARGE: 'POSITIVE',
  INSURANCE_PAYMENT: 'NEGATIVE',
  CONTRACTUAL_ADJUSTMENT: 'NEGATIVE',
  PATIENT_RESPONSIBILITY: 'POSITIVE',
  COORDINATION_TRANSFER: 'POSITIVE',
  OTHER_ADJUSTMENT: 'EITHER',
  PATIENT_PAYMENT: 'NEGATIVE',
  REFUND: 'POSITIVE',
  WRITE_OFF: 'NEGATIVE',
};

/**
 * Kinds a payer may post with the opposite sign (on remittance entries only): a negative CO amount
 * gives back part of a contractual adjustment, a negative PR moves an amount from the patient part back
 * to the insurance part.
 */
export const PAYER_SIGNED: ReadonlySet<LedgerEntryKind> = new Set([LedgerEntryKind.CONTRACTUAL_ADJUSTMENT, LedgerEntryKind.PATIENT_RESPONSIBILITY]);

/** The bucket a kind is tied to, when it is tied to one. */
export const FIXED_BUCKET: Partial<Record<LedgerEntryKind, LedgerBucket>> = {
  INSURANCE_PAYMENT: LedgerBucket.INSURANCE,
  CONTRACTUAL_ADJUSTMENT: LedgerBucket.INSURANCE,
  PATIENT_RESPONSIBILITY: LedgerBucket.PATIENT,
  COORDINATION_TRANSFER: LedgerBucket.INSURANCE,
  PATIENT_PAYMENT: LedgerBucket.PATIENT,
};

/** The adjustment group (835 CAS01) a kind requires; OTHER_ADJUSTMENT takes OA, PI or CR (a payer's correction). */
export const GROUP_CODES: Partial<Record<LedgerEntryKind, readonly string[]>> = {
  CONTRACTUAL_ADJUSTMENT: ['CO'],
  PATIENT_RESPONSIBILITY: ['PR'],
  OTHER_ADJUSTMENT: ['OA', 'PI', 'CR'],
};
