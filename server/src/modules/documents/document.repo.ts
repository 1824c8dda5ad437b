import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { getTableColumns } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { documentUploadParts, documents } from '../../db/schema/documents.js';

const { content: _content, ...metaColumns } = getTableColumns(documents);

/** A document version without its content (lists and metadata never read the bytes). */
export type DocumentRow = Omit<typeof documents.$inferSelect, 'content'>;
export type NewDocumentRow = Omit<typeof documents.$inferInsert, 'practiceId'>;

export interface DocumentQuery {
  patientId: string;
  /** null: every type. */
  types: readonly string[] | null;
  includeHistory: boolean;
}

/** Inserts a document version. */
export async function insertDocument(tx: Db, practiceId: string, values: NewDocumentRow): Promise<DocumentRow> {
  const [row] = await tx.insert(documents).values({ ...values, practiceId }).returning(metaColumns);
  return row!;
}

/** Writes one part of an upload streaming in (inside the upload's transaction). */
export async function insertUploadPart(tx: Db, practiceId: string, uploadId: string, seq: number, chunk: Uint8Array): Promise<void> {
  await tx.insert(documentUploadParts).values({ uploadId, seq, practiceId, chunk });
}

/** Inserts a document version whose content the database joins from the upload's parts, then drops the parts. */
export async function insertDocumentFromParts(tx: Db, practiceId: string, uploadId: string, values: Omit<NewDocumentRow, 'content'>): Promise<DocumentRow> {
  const content = sql`(select string_agg(${documentUploadParts.chunk}, ''::bytea order by ${documentUploadParts.seq}) from ${documentUploadParts} where ${documentUploadParts.uploadId} = ${uploadId})`;
  const [row] = await tx.insert(documents).values({ ...values, content: content as unknown as Uint8Array, practiceId }).returning(metaColumns);
  await tx.delete(documentUploadParts).where(eq(documentUploadParts.uploadId, uploadId));
  return row!;
}

/** Document versions of one practice by id (metadata only), in any order. */
export function findDocumentsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<DocumentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select(metaColumns).from(documents).where(and(eq(documents.practiceId, practiceId), inArray(documents.id, [...ids])));
}

/** One version with its content, or null. */
export async function findDocumentWithContent(db: Db, practiceId: string, id: string): Promise<(DocumentRow & { content: Uint8Array }) | null> {
  const [row] = await db.select().from(documents).where(and(eq(documents.practiceId, practiceId), eq(documents.id, id)));
  return row ?? null;
}

/** The current (latest, not entered-in-error) versions of each patient's documents, newest document date first. */
export function findCurrentDocumentsOfPatients(db: Db, practiceId: string, patientIds: readonly string[]): Promise<DocumentRow[]> {
  if (patientIds.length === 0) return Promise.resolve([]);
  return db
    .select(metaColumns)
    .from(documents)
    .where(and(eq(documents.practiceId, practiceId), inArray(documents.patientId, [...patientIds]), isNull(documents.supersededById), isNull(documents.enteredInErrorAt)))
    .orderBy(sql`${documents.documentDate} desc`, sql`${documents.id} desc`);
}

function conditions(practiceId: string, q: DocumentQuery): SQL[] {
  const where: SQL[] = [eq(documents.practiceId, practiceId), eq(documents.patientId, q.patientId)];
  if (q.types) where.push(q.types.length > 0 ? inArray(documents.type, [...q.types]) : sql`false`);
  if (!q.includeHistory) where.push(isNull(documents.supersededById), isNull(documents.enteredInErrorAt));
  return where;
}

/**
 * A page of a patient's documents, newest document date first (keyset on document_date, id).
 * @returns up to limit+1 rows
 */
export function findDocumentPage(db: Db, practiceId: string, q: DocumentQuery, limit: number, cursor: unknown[] | null, forward: boolean): Promise<DocumentRow[]> {
  const where = conditions(practiceId, q);
  const keys = [documents.documentDate, documents.id];
  const order = pageOrder('DESC', forward);
  if (cursor) where.push(keysetAfter(keys, cursor, order));
  return db
    .select(metaColumns)
    .from(documents)
    .where(and(...where))
    .orderBy(...keysetOrder(keys, order))
    .limit(limit + 1);
}

/** How many versions `findDocumentPage` matches in all. */
export async function countDocuments(db: Db, practiceId: string, q: DocumentQuery): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(documents).where(and(...conditions(practiceId, q)));
  return Number(row?.n ?? 0);
}

/** Marks a version superseded by another, only if it is still current. @returns whether it was */
export async function markSuperseded(tx: Db, practiceId: string, id: string, byId: string): Promise<boolean> {
  const rows = await tx
    .update(documents)
    .set({ supersededById: byId, updatedAt: sql`now()`, version: sql`${documents.version} + 1` })
    .where(and(eq(documents.practiceId, practiceId), eq(documents.id, id), isNull(documents.supersededById), isNull(documents.enteredInErrorAt)))
    .returning({ id: documents.id });
  return rows.length === 1;
}

/** Marks a version entered in error, only if it is not already. @returns the updated version, or null */
export async function markEnteredInError(tx: Db, practiceId: string, id: string, by: string, reason: string, at: Date): Promise<DocumentRow | null> {
  const [row] = await tx
    .update(documents)
    .set({ enteredInErrorAt: at, enteredInErrorBy: by, enteredInErrorReason: reason, updatedAt: sql`now()`, version: sql`${documents.version} + 1` })
    .where(and(eq(documents.practiceId, practiceId), eq(documents.id, id), isNull(documents.enteredInErrorAt)))
    .returning(metaColumns);
  return row ?? null;
}
