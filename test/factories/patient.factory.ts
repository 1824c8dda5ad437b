import { createHash } from 'node:crypto';
import type { Db } from '../../server/src/db/client.js';
import { patients } from '../../server/src/db/schema/patients.js';

let n = 0;

/**
 * A synthetic name word unlike the others (letters from a hash), so that factory patients sharing a
 * DOB are not flagged as likely duplicates of each other by the trigram check.
 */
export function syntheticWord(seed: string): string {
  const letters = [...createHash('sha256').update(seed).digest()].slice(0, 9).map((b) => String.fromCharCode(97 + (b % 26)));
  return letters[0]!.toUpperCase() + letters.slice(1).join('');
}

/** GraphQL input for registerPatient with obviously synthetic values. */
export function patientInput(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    legalName: { given: syntheticWord(`given-${process.pid}-${n}`), family: syntheticWord(`family-${process.pid}-${n}`) },
    dateOfBirth: '1980-04-12',
    sexAtBirth: 'FEMALE',
    phones: [{ kind: 'MOBILE', number: '+12125550100', primary: true }],
    email: `patient${n}@example.test`,
    consents: { sms: true, email: true, voicemail: false, portal: false },
    ...overrides,
  };
}

/** Inserts a patient row directly (fast, for read tests). */
export async function insertPatient(db: Db, practiceId: string, overrides: Partial<typeof patients.$inferInsert> = {}) {
  n += 1;
  const [row] = await db
    .insert(patients)
    .values({ practiceId, mrn: `T${String(n).padStart(7, '0')}`, givenName: `Given${n}`, familyName: `Family${n}`, dateOfBirth: '1975-01-01', sexAtBirth: 'MALE', consents: { sms: false, email: false, voicemail: false, portal: false }, ...overrides })
    .returning();
  return row!;
}
