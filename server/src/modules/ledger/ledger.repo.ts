import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { insertRecordset } from '../../db/bulk-insert.js';
import type { Db } from '../../db/client.js';
import { payers } from '../../db/schema/insurance.js';
import { ledgerEntries } from '../../db/schema/ledger.js';
import { locations } from '../../db/schema/locations.js';
import { patients } from '../../db/schema/patients.js';
import { superbillLines, superbills } from '../../db/schema/superbills.js';
import { isUuid } from '../../lib/uuid.js';

export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
/** A row as the service inserts it: the id is chosen before the insert, so rows map back to drafts. */
export type NewLedgerEntryRow = Omit<typeof ledgerEntries.$inferInsert, 'practiceId' | 'number' | 'insuranceCents' | 'patientCents' | 'createdAt' | 'updatedAt' | 'version'> & { id: string };

/**
 * Entries of one practice by id, in any order.
 * @returns the rows found; malformed ids and other practices' rows match nothing
 */
export function findEntriesByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<LedgerEntryRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(ledgerEntries).where(and(eq(ledgerEntries.practiceId, practiceId), inArray(ledgerEntries.id, valid)));
}

/** Entries of one practice posted with these idempotency keys (one statement). */
export function findEntriesByKeys(db: Db, practiceId: string, keys: readonly string[]): Promise<LedgerEntryRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db.select().from(ledgerEntries).where(and(eq(ledgerEntries.practiceId, practiceId), inArray(ledgerEntries.idempotencyKey, [...keys])));
}

/** The reversals of these entries, if any (at most one each). */
export function findReversalsOf(db: Db, practiceId: string, ids: readonly string[]): Promise<LedgerEntryRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(ledgerEntries).where(and(eq(ledgerEntries.practiceId, practiceId), inArray(ledgerEntries.reversesId, [...ids])));
}

/**
 * Locks patients of the practice (FOR NO KEY UPDATE, in id order so two postings never deadlock): every
 * posting for a patient runs after the one before it has committed, so a replayed idempotency key and
 * a balance read before a write-off see every earlier entry.
 * @returns the ids found
 */
export async function lockPatients(tx: Db, practiceId: string, ids: readonly string[]): Promise<string[]> {
  const valid = [...new Set(ids.filter(isUuid))].sort();
  if (valid.length === 0) return [];
  const rows = await tx.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, practiceId), inArray(patients.id, valid))).orderBy(asc(patients.id)).for('no key update');
  return rows.map((r) => r.id);
}

/** Whether the practice has this patient. */
export async function patientExists(db: Db, practiceId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return (await db.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, practiceId), eq(patients.id, id)))).length === 1;
}

/** Superbills of the practice with their patient and line positions (one statement). */
export async function findSuperbillRefs(db: Db, practiceId: string, ids: readonly string[]): Promise<{ id: string; patientId: string; positions: number[] }[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db
    .select({ id: superbills.id, patientId: superbills.patientId, positions: sql<number[] | null>`array_agg(${superbillLines.position}) filter (where ${superbillLines.position} is not null)` })
    .from(superbills)
    .leftJoin(superbillLines, eq(superbillLines.superbillId, superbills.id))
    .where(and(eq(superbills.practiceId, practiceId), inArray(superbills.id, valid)))
    .groupBy(superbills.id, superbills.patientId);
  return rows.map((r) => ({ ...r, positions: r.positions ?? [] }));
}

/** Which of these payers exist in the practice. */
export async function findPayerIds(db: Db, practiceId: string, ids: readonly string[]): Promise<string[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return (await db.select({ id: payers.id }).from(payers).where(and(eq(payers.practiceId, practiceId), inArray(payers.id, valid)))).map((r) => r.id);
}

/** The patient a claim's entries name (the ledger knows a claim only by its entries), or null. */
export async function findClaimPatient(db: Db, practiceId: string, claimId: string): Promise<string | null> {
  if (!isUuid(claimId)) return null;
  const [row] = await db.select({ patientId: ledgerEntries.patientId }).from(ledgerEntries).where(and(eq(ledgerEntries.practiceId, practiceId), eq(ledgerEntries.claimId, claimId))).limit(1);
  return row?.patientId ?? null;
}

/** The time zone of the practice's first location (its calendar for "today"), or null without one. */
export async function findPracticeZone(db: Db, practiceId: string): Promise<string | null> {
  const [row] = await db.select({ zone: locations.timeZone }).from(locations).where(eq(locations.practiceId, practiceId)).orderBy(asc(locations.createdAt), asc(locations.id)).limit(1);
  return row?.zone ?? null;
}

/**
 * Inserts entries in one statement with one parameter (a jsonb recordset; every trigger and constraint
 * runs as for any insert). A row whose idempotency key or reversed entry is already taken
 * (a concurrent posting won) is skipped, not an error, so the caller's transaction stays usable.
 * @returns the rows inserted (skipped ones are missing)
 */
export function insertEntries(tx: Db, practiceId: string, rows: readonly NewLedgerEntryRow[]): Promise<LedgerEntryRow[]> {
  return insertRecordset(tx, ledgerEntries, rows.map((r) => ({ ...r, practiceId })), { skipConflicts: true, returning: true });
}
