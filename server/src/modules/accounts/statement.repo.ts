import { aliasedTable, and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { StatementPlanSnapshot } from './statement-plan.rules.js';
import { insertRecordset } from '../../db/bulk-insert.js';
import type { Db } from '../../db/client.js';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { ledgerEntries } from '../../db/schema/ledger.js';
import { patients } from '../../db/schema/patients.js';
import { patientStatementLines, patientStatements } from '../../db/schema/statements.js';
import { superbills } from '../../db/schema/superbills.js';
import { isUuid } from '../../lib/uuid.js';
import type { StatementDraft, StatementEntry } from './statement.rules.js';

export type StatementRow = typeof patientStatements.$inferSelect;
export type StatementLineRow = typeof patientStatementLines.$inferSelect;

const e = ledgerEntries;
const s = patientStatements;
const l = patientStatementLines;

/**
 * Patients whose patient part of the entries effective by `asOf` is at least `minimumCents` and who have no
 * statement for this cycle or a later one (one statement; the outer table is named in full in the subquery,
 * as drizzle leaves a single-table query's columns unqualified).
 */
export async function findStatementCandidates(db: Db, practiceId: string, asOf: string, cycle: string, minimumCents: number): Promise<string[]> {
  const rows = await db
    .select({ patientId: e.patientId })
    .from(e)
    .where(and(eq(e.practiceId, practiceId), lte(e.effectiveDate, asOf)))
    .groupBy(e.patientId)
    .having(sql`sum(${e.patientCents}) >= ${minimumCents} and not exists (select 1 from ${s} st where st.practice_id = ${practiceId} and st.patient_id = ledger_entries.patient_id and st.cycle >= ${cycle})`);
  return rows.map((r) => r.patientId);
}

/** Locks patients (FOR NO KEY UPDATE, id order) like every ledger posting does, so a run and a payment queue. */
export async function lockStatementPatients(tx: Db, practiceId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, practiceId), inArray(patients.id, [...ids]))).orderBy(asc(patients.id)).for('no key update');
  return rows.map((r) => r.id);
}

/**
 * Every entry of these patients that is on a statement already or is effective by `asOf`, with the kind a
 * reversal undoes and the visit's date of service (one statement).
 */
export async function findStatementEntries(db: Db, practiceId: string, patientIds: readonly string[], asOf: string): Promise<StatementEntry[]> {
  if (patientIds.length === 0) return [];
  const reversed = aliasedTable(e, 'reversed');
  // Named in full: drizzle may leave columns unqualified, which inside the subquery would bind to its own table.
  const stated = sql<boolean>`exists (select 1 from ${l} sl where sl.ledger_entry_id = ledger_entries.id)`;
  return db
    .select({
      id: e.id, patientId: e.patientId, kind: e.kind, reversedKind: reversed.kind, number: e.number, effectiveDate: e.effectiveDate,
      dateOfService: superbills.dateOfService, insuranceCents: e.insuranceCents, patientCents: e.patientCents, stated,
    })
    .from(e)
    .leftJoin(reversed, eq(reversed.id, e.reversesId))
    .leftJoin(superbills, eq(superbills.id, e.superbillId))
    .where(and(eq(e.practiceId, practiceId), inArray(e.patientId, [...patientIds]), or(lte(e.effectiveDate, asOf), stated)));
}

/** The latest statement of each of these patients (one statement). */
export function findLatestStatements(db: Db, practiceId: string, patientIds: readonly string[]): Promise<StatementRow[]> {
  if (patientIds.length === 0) return Promise.resolve([]);
  return db
    .selectDistinctOn([s.patientId])
    .from(s)
    .where(and(eq(s.practiceId, practiceId), inArray(s.patientId, [...patientIds])))
    .orderBy(s.patientId, desc(s.cycle));
}

export interface NewStatement extends StatementDraft {
  id: string;
  previousStatementId: string | null;
  paymentPlan: StatementPlanSnapshot | null;
}

/**
 * Inserts statements and the lines of those inserted, one statement each with the rows as one JSON parameter
 * (insertRecordset: binding and planning a parameter per value was most of a large run's time); a patient
 * who already has a statement for the cycle keeps it (the other run won).
 * @returns the ids inserted
 */
export async function insertStatements(tx: Db, practiceId: string, meta: { cycle: string; asOf: string; dueDate: string; createdBy: string }, drafts: readonly NewStatement[]): Promise<Set<string>> {
  const rows = await insertRecordset(tx, s, drafts.map(({ lines: _, ...d }) => ({ ...d, ...meta, practiceId })), { skipConflicts: true, returning: true });
  const inserted = new Set(rows.map((r) => r.id));
  await insertRecordset(tx, l, drafts.filter((d) => inserted.has(d.id)).flatMap((d) => d.lines.map((line) => ({ ...line, statementId: d.id, practiceId }))));
  return inserted;
}

/** Statements of the practice by id, any order. */
export function findStatementsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<StatementRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(s).where(and(eq(s.practiceId, practiceId), inArray(s.id, valid)));
}

/** The lines of these statements, in statement then line order (one statement). */
export function findLinesOf(db: Db, practiceId: string, statementIds: readonly string[]): Promise<StatementLineRow[]> {
  if (statementIds.length === 0) return Promise.resolve([]);
  return db.select().from(l).where(and(eq(l.practiceId, practiceId), inArray(l.statementId, [...statementIds]))).orderBy(asc(l.statementId), asc(l.position));
}

/** Every statement of these patients, newest first (one statement). */
export function findStatementsOfPatients(db: Db, practiceId: string, patientIds: readonly string[]): Promise<StatementRow[]> {
  if (patientIds.length === 0) return Promise.resolve([]);
  return db.select().from(s).where(and(eq(s.practiceId, practiceId), inArray(s.patientId, [...patientIds]))).orderBy(desc(s.asOf), desc(s.id));
}

export interface StatementQuery {
  patientId?: string | null;
  cycle?: string | null;
  from?: string | null;
  to?: string | null;
}

/** The keyset of the list: as-of date, then id — newest first. */
export type StatementKey = [string, string];
export const statementKeyOf = (r: StatementRow): StatementKey => [r.asOf, r.id];
const KEYS = [s.asOf, s.id];

function filters(practiceId: string, q: StatementQuery): SQL[] {
  const where: SQL[] = [eq(s.practiceId, practiceId)];
  if (q.patientId) where.push(eq(s.patientId, q.patientId));
  if (q.cycle) where.push(eq(s.cycle, q.cycle));
  if (q.from) where.push(gte(s.asOf, q.from));
  if (q.to) where.push(lte(s.asOf, q.to));
  return where;
}

/** One keyset page of statements, newest as-of date first. @returns up to limit+1 rows in page order */
export function listStatements(db: Db, practiceId: string, q: StatementQuery, limit: number, cursor: StatementKey | null, forward: boolean): Promise<StatementRow[]> {
  const where = filters(practiceId, q);
  const order = pageOrder('DESC', forward);
  if (cursor) where.push(keysetAfter(KEYS, cursor, order));
  return db.select().from(s).where(and(...where)).orderBy(...keysetOrder(KEYS, order)).limit(limit + 1);
}

/** How many statements match (for totalCount). */
export async function countStatements(db: Db, practiceId: string, q: StatementQuery): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(s).where(and(...filters(practiceId, q)));
  return Number(row?.n ?? 0);
}
