import type { patients } from '../db/schema/patients.js';

type PatientInsert = typeof patients.$inferInsert;

/** The patients columns a synthetic row fills, in COPY order; the rest take their defaults. */
export const PATIENT_COPY_COLUMNS = ['practice_id', 'mrn', 'given_name', 'family_name', 'date_of_birth', 'sex_at_birth', 'phones', 'phone_digits', 'email', 'address', 'preferred_language', 'consents'] as const;

/** One value in COPY text format: `\N` for null, JSON for objects, with backslash, tab and newlines escaped. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** A synthetic patient as one COPY line for PATIENT_COPY_COLUMNS. */
export function patientCopyLine(p: PatientInsert): string {
  const values = [p.practiceId, p.mrn, p.givenName, p.familyName, p.dateOfBirth, p.sexAtBirth, p.phones ?? [], p.phoneDigits ?? '', p.email, p.address, p.preferredLanguage, p.consents];
  return `${values.map(copyValue).join('\t')}\n`;
}
