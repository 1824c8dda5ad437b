import type { Db } from '../../db/client.js';
import { notFound } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import { type Balance, toBalance } from './ledger-balance.js';
import { sumByClaimLines, sumByPatientClaims } from './ledger-balance.repo.js';
import { patientExists } from './ledger.repo.js';

/** A claim's balance and its lines' (position null: the claim's entries on no line). */
export interface ClaimBalances {
  claimId: string;
  total: Balance;
  lines: { position: number | null; balance: Balance }[];
}

/** A patient's balance and its claims' (claimId null: entries on the patient's account, on no claim). */
export interface PatientBalances {
  patientId: string;
  total: Balance;
  claims: { claimId: string | null; balance: Balance }[];
}

const add = (rows: readonly { insuranceCents: number; patientCents: number }[]) =>
  rows.reduce((s, r) => ({ insuranceCents: s.insuranceCents + r.insuranceCents, patientCents: s.patientCents + r.patientCents }), { insuranceCents: 0, patientCents: 0 });

/**
 * Balances computed from the ledger only, in one statement: a claim's per line, or a patient's per claim,
 * each with its total. A claim or patient without entries has a zero total and no parts.
 * @param key - `{ claimId }` or `{ patientId }`
 * @throws NOT_FOUND for a patient that is not the practice's (a claim is known by its entries alone until
 *   the claims table exists)
 */
export async function balances(db: Db, practiceId: string, key: { claimId: string }): Promise<ClaimBalances>;
export async function balances(db: Db, practiceId: string, key: { patientId: string }): Promise<PatientBalances>;
export async function balances(db: Db, practiceId: string, key: { claimId: string } | { patientId: string }): Promise<ClaimBalances | PatientBalances> {
  if ('claimId' in key) {
    const rows = await sumByClaimLines(db, practiceId, [key.claimId]);
    return { claimId: key.claimId, total: toBalance(add(rows)), lines: rows.map((r) => ({ position: r.position, balance: toBalance(r) })) };
  }
  const rows = await sumByPatientClaims(db, practiceId, key.patientId);
  // Only an empty result needs the existence check (entries name existing patients of the practice).
  if (rows.length === 0 && (!isUuid(key.patientId) || !(await patientExists(db, practiceId, key.patientId)))) throw notFound('Patient', key.patientId);
  return { patientId: key.patientId, total: toBalance(add(rows)), claims: rows.map((r) => ({ claimId: r.claimId, balance: toBalance(r) })) };
}

