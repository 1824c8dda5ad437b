import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { type Db, rowsOf } from '../../db/client.js';
import type { CompiledNode } from '../../db/compile/node-sql.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import { type PageKey, readTreePage, tableRows, type TreeRow } from '../../db/compile/tree-page.js';
import { patients } from '../../db/schema/patients.js';
import { practices } from '../../db/schema/practices.js';
import { isUuid } from '../../lib/uuid.js';
import type { PatientRow } from './patient.mapper.js';

export type NewPatientRow = Omit<typeof patients.$inferInsert, 'id' | 'practiceId' | 'mrn' | 'searchName'>;
export type PatientPatch = Partial<NewPatientRow>;

/**
 * Patients of one practice by id, in any order (loaders reorder). Malformed ids match nothing.
 * @param practiceId - the caller's practice; other practices' rows are never returned
 * @returns the rows found (possibly fewer than ids)
 */
export function findPatientsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<PatientRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(patients).where(and(eq(patients.practiceId, practiceId), inArray(patients.id, valid)));
}

/**
 * Locks the practice row until the transaction ends, so registrations of one practice run one at a
 * time: the duplicate check and the MRN allocation then see every earlier registration.
 * @throws Error when the practice does not exist (a token for a practice that was never created)
 */
export async function lockPracticeForRegistration(tx: Db, practiceId: string): Promise<void> {
  const rows = await tx.select({ id: practices.id }).from(practices).where(eq(practices.id, practiceId)).for('update');
  if (rows.length === 0) throw new Error(`practice ${practiceId} does not exist`);
}

/**
 * Reserves the practice's next MRN (call inside the registering transaction).
 * @returns the MRN, `M` and seven digits
 */
export async function allocateMrn(tx: Db, practiceId: string): Promise<string> {
  const [row] = await tx
    .update(practices)
    .set({ nextMrn: sql`${practices.nextMrn} + 1` })
    .where(eq(practices.id, practiceId))
    .returning({ next: practices.nextMrn });
  if (!row) throw new Error(`practice ${practiceId} does not exist`);
  return `M${String(row.next - 1).padStart(7, '0')}`;
}

/**
 * Inserts a patient with a given MRN.
 * @returns the stored row
 */
export async function insertPatient(tx: Db, practiceId: string, mrn: string, values: NewPatientRow): Promise<PatientRow> {
  const [row] = await tx.insert(patients).values({ ...values, practiceId, mrn }).returning();
  return row!;
}

/**
 * Applies a patch when the stored version equals `expectedVersion` (and the status is one of
 * `fromStatuses`, when given), bumping the version.
 * @returns the updated row, or null when the patient is missing or a condition does not hold
 */
export async function updatePatientIfVersion(tx: Db, practiceId: string, id: string, expectedVersion: number, patch: PatientPatch, fromStatuses?: readonly string[]): Promise<PatientRow | null> {
  if (!isUuid(id)) return null;
  const conditions = [eq(patients.practiceId, practiceId), eq(patients.id, id), eq(patients.version, expectedVersion)];
  if (fromStatuses) conditions.push(inArray(patients.status, [...fromStatuses]));
  const [row] = await tx
    .update(patients)
    .set({ ...patch, version: sql`${patients.version} + 1`, updatedAt: sql`now()` })
    .where(and(...conditions))
    .returning();
  return row ?? null;
}

/**
 * Patients (any status but MERGED) with the same DOB whose name is similar (trigram): likely duplicate
 * registrations, most similar first.
 * @returns at most 10 rows
 */
export function findLikelyDuplicates(db: Db, practiceId: string, fullName: string, dateOfBirth: string): Promise<PatientRow[]> {
  const q = fullName.toLowerCase();
  return db
    .select()
    .from(patients)
    .where(
      and(
        eq(patients.practiceId, practiceId),
        eq(patients.dateOfBirth, dateOfBirth),
        sql`${patients.status} <> 'MERGED'`,
        sql`similarity(${patients.searchName}, ${q}) >= 0.3`,
      ),
    )
    .orderBy(desc(sql`similarity(${patients.searchName}, ${q})`))
    .limit(10);
}

export interface PatientQuery {
  name?: string | null;
  dateOfBirth?: string | null;
  mrn?: string | null;
  phoneDigits?: string | null;
  status?: string[] | null;
}

/**
 * Relevance of a patient to a name query: trigram similarity (typos, partial names) plus 0.5 for each
 * query word that sounds like (Double Metaphone) the given or the family name ("smyth" ~ Smith).
 */
function nameScore(q: string): SQL<number> {
  const words = q.split(/\s+/).filter(Boolean).slice(0, 4);
  const sounds = words.map(
    (w) => sql`(case when dmetaphone(${w}) <> '' and dmetaphone(${w}) in (dmetaphone(${patients.givenName}), dmetaphone(${patients.familyName})) then 0.5 else 0 end)`,
  );
  return sql<number>`(greatest(similarity(${patients.searchName}, ${q}), word_similarity(${q}, ${patients.searchName}))${sql.join(sounds.map((s) => sql` + ${s}`))})`;
}

function filters(practiceId: string, q: PatientQuery): SQL[] {
  const where: SQL[] = [eq(patients.practiceId, practiceId)];
  if (q.name) where.push(sql`(${patients.searchName} % ${q.name} or ${q.name} <% ${patients.searchName})`);
  if (q.dateOfBirth) where.push(eq(patients.dateOfBirth, q.dateOfBirth));
  if (q.mrn) where.push(eq(patients.mrn, q.mrn.toUpperCase()));
  if (q.phoneDigits) where.push(sql`${patients.phoneDigits} like ${`%${q.phoneDigits}%`}`);
  if (q.status?.length) where.push(inArray(patients.status, q.status));
  return where;
}

/**
 * One page of a patient search. With a name, ordered by similarity then id; otherwise by family,
 * given, id. Keyset paging on those keys.
 * @param cursor - key values of the last row seen, or null
 * @returns up to limit+1 rows (the extra one tells whether more exist), with their sort keys
 */
export async function searchPatients(db: Db, practiceId: string, q: PatientQuery, limit: number, cursor: unknown[] | null, forward: boolean): Promise<{ row: PatientRow; key: unknown[] }[]> {
  if (q.name) {
    const r = ranked(practiceId, q, q.name, cursor, forward);
    const rows = await db
      .select({ p: patients, score: sql<string>`${r.score}` })
      .from(patients)
      .where(r.where)
      .orderBy(...r.order)
      .limit(limit + 1);
    return rows.map((row) => ({ row: row.p, key: [Number(row.score), row.p.id] }));
  }
  const rows = await patientPageQuery(db, practiceId, q, limit, cursor, forward);
  return rows.map((row) => ({ row, key: [row.familyName, row.givenName, row.id] }));
}

/** A name search's condition and order: by relevance (rounded to 6 places so a cursor's float compares exactly), then id. */
function ranked(practiceId: string, q: PatientQuery, name: string, cursor: unknown[] | null, forward: boolean) {
  const where = filters(practiceId, q);
  const score = sql<number>`round(${nameScore(name.toLowerCase())}::numeric, 6)`;
  if (cursor) {
    const [s, id] = cursor as [number, string];
    where.push(forward ? sql`(${score} < ${s} or (${score} = ${s} and ${patients.id} > ${id}))` : sql`(${score} > ${s} or (${score} = ${s} and ${patients.id} < ${id}))`);
  }
  return { where: and(...where), score, order: [forward ? desc(score) : asc(score), forward ? asc(patients.id) : desc(patients.id)] };
}

/**
 * The same page as `searchPatients`, read as trees shaped like the GraphQL selection (coverages… as
 * the compiled node says), with the count when asked, in ONE statement.
 * @returns up to limit+1 rows in page order with their keys (as `searchPatients` gives them)
 */
export function searchPatientTrees(db: Db, practiceId: string, q: PatientQuery, limit: number, cursor: unknown[] | null, forward: boolean, wantCount: boolean, node: CompiledNode, sel: TreeSelection): Promise<{ rows: TreeRow[]; total: number | null }> {
  const count = wantCount ? sql`select count(*)::int from ${patients} where ${and(...filters(practiceId, q))}` : null;
  if (q.name) {
    const r = ranked(practiceId, q, q.name, cursor, forward);
    const rows = db
      .select({ ...getTableColumns(patients), score: sql<number>`${r.score}`.as('score') })
      .from(patients)
      .where(r.where)
      .orderBy(...r.order)
      .limit(limit + 1)
      .getSQL();
    const keys: PageKey[] = [{ column: 'score', descending: forward }, { column: 'id', descending: !forward }];
    return readTreePage(db, { rows, keys, count }, node, sel);
  }
  const keys: PageKey[] = ['family_name', 'given_name', 'id'].map((column) => ({ column, descending: !forward }));
  const page = unrankedParts(practiceId, q, cursor, forward);
  return readTreePage(db, { rows: tableRows(patients, page.where, page.order, limit + 1), keys, count }, node, sel);
}

/**
 * The statement behind an unranked patients page (family, given, id; keyset by row comparison on the
 * matching index), unexecuted so its plan can be checked.
 * @returns the select builder for up to limit+1 rows
 */
export function patientPageQuery(db: Db, practiceId: string, q: PatientQuery, limit: number, cursor: unknown[] | null, forward: boolean) {
  const page = unrankedParts(practiceId, q, cursor, forward);
  return db
    .select()
    .from(patients)
    .where(page.where)
    .orderBy(...page.order)
    .limit(limit + 1);
}

/** The condition and order of an unranked page: family, given, id, keyset by row comparison. */
function unrankedParts(practiceId: string, q: PatientQuery, cursor: unknown[] | null, forward: boolean) {
  const where = filters(practiceId, q);
  const keys = [patients.familyName, patients.givenName, patients.id];
  const order = pageOrder('ASC', forward);
  if (cursor) where.push(keysetAfter(keys, cursor, order));
  return { where: and(...where), order: keysetOrder(keys, order) };
}

/**
 * How many patients match (for totalCount).
 * @returns the count over the whole search, not one page
 */
export async function countPatients(db: Db, practiceId: string, q: PatientQuery): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(patients).where(and(...filters(practiceId, q)));
  return Number(row?.n ?? 0);
}

/**
 * Reserves `count` consecutive MRNs of the practice in one statement (call inside the registering
 * transaction, after `lockPracticeForRegistration`).
 * @returns the MRNs, in order
 */
export async function allocateMrns(tx: Db, practiceId: string, count: number): Promise<string[]> {
  const [row] = await tx
    .update(practices)
    .set({ nextMrn: sql`${practices.nextMrn} + ${count}` })
    .where(eq(practices.id, practiceId))
    .returning({ next: practices.nextMrn });
  if (!row) throw new Error(`practice ${practiceId} does not exist`);
  const first = row.next - count;
  return Array.from({ length: count }, (_, i) => `M${String(first + i).padStart(7, '0')}`);
}

/**
 * Inserts many patients with their MRNs in one statement.
 * @returns the new ids, in input order
 */
export async function insertPatients(tx: Db, practiceId: string, rows: readonly { mrn: string; values: NewPatientRow }[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(patients)
    .values(rows.map((r) => ({ ...r.values, practiceId, mrn: r.mrn })))
    .returning({ id: patients.id, mrn: patients.mrn });
  const byMrn = new Map(inserted.map((r) => [r.mrn, r.id]));
  return rows.map((r) => byMrn.get(r.mrn)!);
}

/**
 * The same rule as `findLikelyDuplicates`, for many candidates in one statement: which of them have an
 * existing patient (any status but MERGED) with the same date of birth and a similar name.
 * @param candidates - lower-cased "given family" and the date of birth, by a caller's key
 * @returns the keys of the candidates that have at least one likely duplicate
 */
export async function keysWithLikelyDuplicates(db: Db, practiceId: string, candidates: readonly { key: number; fullName: string; dateOfBirth: string }[]): Promise<Set<number>> {
  if (candidates.length === 0) return new Set();
  // One jsonb parameter (engine-neutral, constant statement text) holds the whole batch.
  const rows = rowsOf<{ key: number }>(
    await db.execute(sql`
    select c.key from jsonb_to_recordset(${JSON.stringify(candidates.map((c) => ({ key: c.key, full_name: c.fullName.toLowerCase(), dob: c.dateOfBirth })))}::jsonb) as c(key int, full_name text, dob date)
    where exists (
      select 1 from ${patients} p
      where p.practice_id = ${practiceId} and p.date_of_birth = c.dob and p.status <> 'MERGED' and similarity(p.search_name, c.full_name) >= 0.3
    )`),
  );
  return new Set(rows.map((r) => Number(r.key)));
}
