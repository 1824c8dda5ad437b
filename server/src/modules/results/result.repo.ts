import { and, asc, desc, eq, getTableColumns, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { pageOrder } from '../../db/keyset.js';
import { patients } from '../../db/schema/patients.js';
import { providers } from '../../db/schema/providers.js';
import { labMessages, labObservations, labResults, type LabObservationRow, type LabResultRow } from '../../db/schema/results.js';

export type NewLabResult = Omit<typeof labResults.$inferInsert, 'id' | 'practiceId'>;
export type NewLabObservation = Omit<typeof labObservations.$inferInsert, 'seq' | 'practiceId'>;

/** The message already stored under this sender and control id, with its results' ids. */
export async function findMessage(db: Db, practiceId: string, sendingFacility: string, controlId: string): Promise<{ id: string; resultIds: string[] } | null> {
  const rows = await db
    .select({ id: labMessages.id, resultId: labResults.id })
    .from(labMessages)
    .leftJoin(labResults, eq(labResults.messageId, labMessages.id))
    .where(and(eq(labMessages.practiceId, practiceId), eq(labMessages.sendingFacility, sendingFacility), eq(labMessages.controlId, controlId)))
    .orderBy(asc(labResults.createdAt), asc(labResults.id));
  if (rows.length === 0) return null;
  return { id: rows[0]!.id, resultIds: rows.flatMap((r) => (r.resultId ? [r.resultId] : [])) };
}

/** Stores a message once per (practice, sender, control id). @returns its id, or null when a concurrent request stored it first */
export async function insertMessage(tx: Db, practiceId: string, values: { format: string; sendingFacility: string; controlId: string; raw: string; receivedBy: string }): Promise<string | null> {
  const [row] = await tx.insert(labMessages).values({ ...values, practiceId }).onConflictDoNothing().returning({ id: labMessages.id });
  return row?.id ?? null;
}

/** Patients (not merged) by MRN. */
export function findPatientsByMrns(db: Db, practiceId: string, mrns: readonly string[]): Promise<{ id: string; mrn: string }[]> {
  if (mrns.length === 0) return Promise.resolve([]);
  return db
    .select({ id: patients.id, mrn: patients.mrn })
    .from(patients)
    .where(and(eq(patients.practiceId, practiceId), inArray(patients.mrn, [...mrns]), sql`${patients.status} <> 'MERGED'`));
}

/** Providers by NPI. */
export function findProvidersByNpis(db: Db, practiceId: string, npis: readonly string[]): Promise<{ id: string; npi: string }[]> {
  if (npis.length === 0) return Promise.resolve([]);
  return db.select({ id: providers.id, npi: providers.npi }).from(providers).where(and(eq(providers.practiceId, practiceId), inArray(providers.npi, [...npis])));
}

/** The current versions of these reports, locked until the transaction ends (a correction supersedes them). */
export function lockCurrentByReportKeys(tx: Db, practiceId: string, keys: readonly string[]): Promise<LabResultRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(labResults)
    .where(and(eq(labResults.practiceId, practiceId), inArray(labResults.reportKey, [...keys]), eq(labResults.current, true)))
    .for('update');
}

/** Marks versions superseded (no longer current). */
export async function markSuperseded(tx: Db, practiceId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(labResults)
    .set({ current: false, version: sql`${labResults.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(labResults.practiceId, practiceId), inArray(labResults.id, [...ids])));
}

/** Inserts report rows. */
export function insertResults(tx: Db, practiceId: string, rows: readonly NewLabResult[]): Promise<LabResultRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return tx
    .insert(labResults)
    .values(rows.map((r) => ({ ...r, practiceId })))
    .returning();
}

/** Inserts observation rows. */
export async function insertObservations(tx: Db, practiceId: string, rows: readonly NewLabObservation[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(labObservations).values(rows.map((r) => ({ ...r, practiceId })));
}

/** Results of one practice by id. */
export function findResultsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<LabResultRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(labResults).where(and(eq(labResults.practiceId, practiceId), inArray(labResults.id, [...ids])));
}

/** The observations of these results, in the lab's order. */
export function findObservationsByResultIds(db: Db, practiceId: string, ids: readonly string[]): Promise<LabObservationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(labObservations)
    .where(and(eq(labObservations.practiceId, practiceId), inArray(labObservations.resultId, [...ids])))
    .orderBy(asc(labObservations.resultId), asc(labObservations.position));
}

/**
 * The exact instant a result was received, as text with PostgreSQL's microseconds: cursors carry it instead
 * of a JS Date, which would drop them and make keyset paging skip results of the same millisecond.
 */
const receivedKey = sql<string>`to_char(${labResults.receivedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A result row with its exact received instant (the cursor's first key). */
export type KeyedResultRow = LabResultRow & { receivedKey: string };

/** `(received_at, …keys) > / < (cursor)`: one row comparison, the instant compared as timestamptz. */
function after(keys: SQL[], cursor: readonly unknown[], casts: readonly string[], order: 'ASC' | 'DESC'): SQL {
  const left = sql.join([sql`${labResults.receivedAt}`, ...keys], sql`, `);
  const right = sql.join([sql`${cursor[0]}::timestamptz`, ...cursor.slice(1).map((v, i) => sql`${v}::${sql.raw(casts[i]!)}`)], sql`, `);
  return order === 'ASC' ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
}

const patientWhere = (practiceId: string, patientId: string, includeHistory: boolean): SQL[] => {
  const where: SQL[] = [eq(labResults.practiceId, practiceId), eq(labResults.patientId, patientId)];
  if (!includeHistory) where.push(eq(labResults.current, true));
  return where;
};

/**
 * A page of a patient's results, newest first (keyset on received_at, revision, id, all descending); only
 * current versions unless `includeHistory`. One statement.
 * @param cursor - [received instant text, revision, id] of the row to continue from, or null
 * @returns up to limit+1 rows in page order (reversed for backward pages)
 */
export function findPatientResultPage(db: Db, practiceId: string, patientId: string, includeHistory: boolean, limit: number, cursor: readonly unknown[] | null, forward: boolean): Promise<KeyedResultRow[]> {
  const where = patientWhere(practiceId, patientId, includeHistory);
  const order = pageOrder('DESC', forward);
  if (cursor) where.push(after([sql`${labResults.revision}`, sql`${labResults.id}`], cursor, ['int', 'uuid'], order));
  const by = order === 'DESC' ? desc : asc;
  return db
    .select({ ...getTableColumns(labResults), receivedKey })
    .from(labResults)
    .where(and(...where))
    .orderBy(by(labResults.receivedAt), by(labResults.revision), by(labResults.id))
    .limit(limit + 1);
}

/** How many results the patient list has (same filter as the page). */
export async function countPatientResults(db: Db, practiceId: string, patientId: string, includeHistory: boolean): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(labResults).where(and(...patientWhere(practiceId, patientId, includeHistory)));
  return Number(row?.n ?? 0);
}

/**
 * A page of the results waiting for a patient match, oldest first (keyset on received_at, id). One statement.
 * @param cursor - [received instant text, id] of the row to continue from, or null
 * @returns up to limit+1 rows in page order (reversed for backward pages)
 */
export function findUnmatchedPage(db: Db, practiceId: string, limit: number, cursor: readonly unknown[] | null, forward: boolean): Promise<KeyedResultRow[]> {
  const where: SQL[] = [eq(labResults.practiceId, practiceId), isNull(labResults.patientId)];
  const order = pageOrder('ASC', forward);
  if (cursor) where.push(after([sql`${labResults.id}`], cursor, ['uuid'], order));
  const by = order === 'DESC' ? desc : asc;
  return db
    .select({ ...getTableColumns(labResults), receivedKey })
    .from(labResults)
    .where(and(...where))
    .orderBy(by(labResults.receivedAt), by(labResults.id))
    .limit(limit + 1);
}

/** How many results wait for a patient match. */
export async function countUnmatched(db: Db, practiceId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(labResults).where(and(eq(labResults.practiceId, practiceId), isNull(labResults.patientId)));
  return Number(row?.n ?? 0);
}

/** Changes a result still at `expectedVersion` (and matching `extra`). @returns the row, or null when it changed meanwhile */
export async function updateResultIf(tx: Db, practiceId: string, id: string, expectedVersion: number, set: PgUpdateSetSource<typeof labResults>, extra: SQL[] = []): Promise<LabResultRow | null> {
  const [row] = await tx
    .update(labResults)
    .set({ ...set, version: sql`${labResults.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(labResults.practiceId, practiceId), eq(labResults.id, id), eq(labResults.version, expectedVersion), ...extra))
    .returning();
  return row ?? null;
}
