import { and, asc, eq, inArray, isNull, or, sql, gte, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { coverageHistory, coverages } from '../../db/schema/insurance.js';
import { patients } from '../../db/schema/patients.js';
import type { CoverageRow } from './coverage.mapper.js';
import { snapshotOf } from './coverage.mapper.js';

export type NewCoverageRow = Omit<typeof coverages.$inferInsert, 'id' | 'practiceId'>;
export type CoveragePatch = Partial<NewCoverageRow>;

const ORDER_RANK = sql`case ${coverages.coverageOrder} when 'PRIMARY' then 1 when 'SECONDARY' then 2 else 3 end`;

/** Coverages of one practice by id, in any order. */
export function findCoveragesByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<CoverageRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(coverages).where(and(eq(coverages.practiceId, practiceId), inArray(coverages.id, [...ids])));
}

/**
 * Coverages of many patients, by COB order. With `asOf`, only ACTIVE ones covering that date.
 * @param asOf - ISO date, or null for every coverage ever recorded
 */
export function findCoveragesOfPatients(db: Db, practiceId: string, patientIds: readonly string[], asOf: string | null): Promise<CoverageRow[]> {
  if (patientIds.length === 0) return Promise.resolve([]);
  const where = [eq(coverages.practiceId, practiceId), inArray(coverages.patientId, [...patientIds])];
  if (asOf) where.push(eq(coverages.status, 'ACTIVE'), lte(coverages.effectiveDate, asOf), or(isNull(coverages.endDate), gte(coverages.endDate, asOf))!);
  return db.select().from(coverages).where(and(...where)).orderBy(asc(coverages.patientId), asc(ORDER_RANK), asc(coverages.effectiveDate), asc(coverages.id));
}

/** Whether the patient belongs to the practice. */
export async function patientExists(db: Db, practiceId: string, patientId: string): Promise<boolean> {
  const rows = await db.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, practiceId), eq(patients.id, patientId)));
  return rows.length > 0;
}

/** Inserts a coverage and its first history row (call inside a transaction). */
export async function insertCoverage(tx: Db, practiceId: string, changedBy: string, values: NewCoverageRow): Promise<CoverageRow> {
  const [row] = await tx.insert(coverages).values({ ...values, practiceId }).returning();
  await insertHistory(tx, [row!], 'CREATE', changedBy);
  return row!;
}

/**
 * Applies a patch when the stored version equals `expectedVersion`, bumps the version and records the
 * new version in coverage_history (call inside a transaction).
 * @returns the updated row, or null when missing or at another version
 */
export async function updateCoverageIfVersion(tx: Db, practiceId: string, id: string, expectedVersion: number, patch: CoveragePatch, action: string, changedBy: string): Promise<CoverageRow | null> {
  const [row] = await tx
    .update(coverages)
    .set({ ...patch, version: sql`${coverages.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(coverages.practiceId, practiceId), eq(coverages.id, id), eq(coverages.version, expectedVersion)))
    .returning();
  if (row) await insertHistory(tx, [row], action, changedBy);
  return row ?? null;
}

/** Locks a patient's coverages for a reorder and returns them. */
export function lockCoveragesOfPatient(tx: Db, practiceId: string, patientId: string): Promise<CoverageRow[]> {
  return tx.select().from(coverages).where(and(eq(coverages.practiceId, practiceId), eq(coverages.patientId, patientId))).for('update');
}

async function insertHistory(tx: Db, rows: CoverageRow[], action: string, changedBy: string): Promise<void> {
  await tx.insert(coverageHistory).values(rows.map((r) => ({ practiceId: r.practiceId, coverageId: r.id, coverageVersion: r.version, action, changedBy, snapshot: snapshotOf(r) })));
}

/** History rows of many coverages, oldest first per coverage (for the history loader). */
export function findHistoryOfCoverages(db: Db, practiceId: string, coverageIds: readonly string[]) {
  if (coverageIds.length === 0) return Promise.resolve([]);
  return db.select().from(coverageHistory).where(and(eq(coverageHistory.practiceId, practiceId), inArray(coverageHistory.coverageId, [...coverageIds]))).orderBy(asc(coverageHistory.coverageId), asc(coverageHistory.coverageVersion));
}

/** Inserts coverages and their first history rows (one statement each; call inside a transaction). */
export async function insertCoverages(tx: Db, practiceId: string, changedBy: string, values: readonly NewCoverageRow[]): Promise<CoverageRow[]> {
  if (values.length === 0) return [];
  const rows = await tx.insert(coverages).values(values.map((v) => ({ ...v, practiceId }))).returning();
  await insertHistory(tx, rows, 'CREATE', changedBy);
  return rows;
}

/** Patient ids of the practice by MRN (any status). */
export async function findPatientIdsByMrns(db: Db, practiceId: string, mrns: readonly string[]): Promise<Map<string, string>> {
  if (mrns.length === 0) return new Map();
  const rows = await db.select({ id: patients.id, mrn: patients.mrn }).from(patients).where(and(eq(patients.practiceId, practiceId), inArray(patients.mrn, [...new Set(mrns)])));
  return new Map(rows.map((r) => [r.mrn, r.id]));
}

/** The ACTIVE coverages of some patients (for the one-active-per-order check of an import). */
export function findActiveCoveragesOfPatients(db: Db, practiceId: string, patientIds: readonly string[]) {
  if (patientIds.length === 0) return Promise.resolve([]);
  return db
    .select({ patientId: coverages.patientId, order: coverages.coverageOrder, effectiveDate: coverages.effectiveDate, endDate: coverages.endDate })
    .from(coverages)
    .where(and(eq(coverages.practiceId, practiceId), inArray(coverages.patientId, [...new Set(patientIds)]), eq(coverages.status, 'ACTIVE')));
}
