import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { ledgerEntries } from '../../db/schema/ledger.js';
import { isUuid } from '../../lib/uuid.js';

/**
 * Raw sums of a group of entries: the insurance part, the patient part (negative = credit) and how many
 * entries made them. A group without entries has no row: no balance exists but from entries.
 */
export interface LedgerSums {
  insuranceCents: number;
  patientCents: number;
  entries: number;
}

const e = ledgerEntries;
// sum() of integers is a bigint (a string or BigInt from the drivers); each entry is at most $1,000,000,
// so any realistic sum is a safe integer.
const sums = {
  insuranceCents: sql<number>`sum(${e.insuranceCents})::bigint`.mapWith(Number),
  patientCents: sql<number>`sum(${e.patientCents})::bigint`.mapWith(Number),
  entries: sql<number>`count(*)::int`.mapWith(Number),
};

/** Sums per patient, one row per patient that has entries (one statement). */
export function sumByPatients(db: Db, practiceId: string, patientIds: readonly string[]): Promise<(LedgerSums & { patientId: string })[]> {
  const valid = patientIds.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db
    .select({ patientId: e.patientId, ...sums })
    .from(e)
    .where(and(eq(e.practiceId, practiceId), inArray(e.patientId, valid)))
    .groupBy(e.patientId);
}

/** Sums per claim, one row per claim that has entries (one statement). */
export async function sumByClaims(db: Db, practiceId: string, claimIds: readonly string[]): Promise<(LedgerSums & { claimId: string })[]> {
  const valid = claimIds.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db
    .select({ claimId: e.claimId, ...sums })
    .from(e)
    .where(and(eq(e.practiceId, practiceId), inArray(e.claimId, valid)))
    .groupBy(e.claimId);
  return rows.map((r) => ({ ...r, claimId: r.claimId! }));
}

/** Sums per claim line (position null: entries of the claim on no line), in claim then line order (one statement). */
export async function sumByClaimLines(db: Db, practiceId: string, claimIds: readonly string[]): Promise<(LedgerSums & { claimId: string; position: number | null })[]> {
  const valid = claimIds.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db
    .select({ claimId: e.claimId, position: e.claimLinePosition, ...sums })
    .from(e)
    .where(and(eq(e.practiceId, practiceId), inArray(e.claimId, valid)))
    .groupBy(e.claimId, e.claimLinePosition)
    .orderBy(asc(e.claimId), asc(e.claimLinePosition));
  return rows.map((r) => ({ ...r, claimId: r.claimId! }));
}

/** Sums of one patient per claim (claim null: entries on the patient's account, on no claim), one statement. */
export function sumByPatientClaims(db: Db, practiceId: string, patientId: string): Promise<(LedgerSums & { claimId: string | null })[]> {
  if (!isUuid(patientId)) return Promise.resolve([]);
  return db
    .select({ claimId: e.claimId, ...sums })
    .from(e)
    .where(and(eq(e.practiceId, practiceId), eq(e.patientId, patientId)))
    .groupBy(e.claimId)
    .orderBy(asc(e.claimId));
}
