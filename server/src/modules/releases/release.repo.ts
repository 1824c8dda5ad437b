import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { documents } from '../../db/schema/documents.js';
import { releaseRequestDocuments, releaseRequestHistory, releaseRequests } from '../../db/schema/release-requests.js';
import { isUuid } from '../../lib/uuid.js';

export type ReleaseRow = typeof releaseRequests.$inferSelect;
export type NewReleaseRow = Omit<typeof releaseRequests.$inferInsert, 'id' | 'practiceId'>;
export type ReleasePatch = Partial<Pick<ReleaseRow, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'sentBy' | 'sentAt'>>;
export type ReleaseHistoryRow = typeof releaseRequestHistory.$inferSelect;
export type NewReleaseHistoryRow = Omit<typeof releaseRequestHistory.$inferInsert, 'id' | 'seq' | 'practiceId' | 'changedAt'>;

/** A released document version, described (never its content). */
export interface PackageRow {
  releaseRequestId: string;
  documentId: string;
  type: string;
  title: string | null;
  documentDate: string;
  revision: number;
  sha256: string;
}

/** Release requests of one practice by id; malformed ids and other practices' rows match nothing. */
export function findReleasesByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<ReleaseRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(releaseRequests).where(and(eq(releaseRequests.practiceId, practiceId), inArray(releaseRequests.id, valid)));
}

/** One request locked FOR UPDATE, or null. */
export async function lockRelease(tx: Db, practiceId: string, id: string): Promise<ReleaseRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(releaseRequests).where(and(eq(releaseRequests.practiceId, practiceId), eq(releaseRequests.id, id))).for('update');
  return row ?? null;
}

/** The request an idempotency key made, or null. */
export async function findReleaseByKey(db: Db, practiceId: string, key: string): Promise<ReleaseRow | null> {
  const [row] = await db.select().from(releaseRequests).where(and(eq(releaseRequests.practiceId, practiceId), eq(releaseRequests.idempotencyKey, key)));
  return row ?? null;
}

/** Inserts a request unless its idempotency key is taken. @returns the row, or null */
export async function insertRelease(tx: Db, practiceId: string, values: NewReleaseRow): Promise<ReleaseRow | null> {
  const [row] = await tx.insert(releaseRequests).values({ ...values, practiceId }).onConflictDoNothing().returning();
  return row ?? null;
}

/** Updates a locked request, bumping its version. @returns the new row */
export async function updateRelease(tx: Db, practiceId: string, id: string, patch: ReleasePatch): Promise<ReleaseRow> {
  const [row] = await tx.update(releaseRequests).set({ ...patch, version: sql`${releaseRequests.version} + 1`, updatedAt: sql`now()` }).where(and(eq(releaseRequests.practiceId, practiceId), eq(releaseRequests.id, id))).returning();
  return row!;
}

/** Appends a status change. */
export async function insertReleaseHistory(tx: Db, practiceId: string, row: NewReleaseHistoryRow): Promise<void> {
  await tx.insert(releaseRequestHistory).values({ ...row, practiceId });
}

/** The history of requests, oldest change first (one statement). */
export function findReleaseHistoryOf(db: Db, practiceId: string, ids: readonly string[]): Promise<ReleaseHistoryRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(releaseRequestHistory).where(and(eq(releaseRequestHistory.practiceId, practiceId), inArray(releaseRequestHistory.releaseRequestId, valid))).orderBy(asc(releaseRequestHistory.seq));
}

/** Records the package: the document versions a request released. */
export async function insertPackage(tx: Db, practiceId: string, releaseRequestId: string, documentIds: readonly string[]): Promise<void> {
  await tx.insert(releaseRequestDocuments).values(documentIds.map((documentId) => ({ practiceId, releaseRequestId, documentId })));
}

/** The packages of requests with what each version is, newest document date first (one statement). */
export function findPackagesOf(db: Db, practiceId: string, ids: readonly string[]): Promise<PackageRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db
    .select({ releaseRequestId: releaseRequestDocuments.releaseRequestId, documentId: documents.id, type: documents.type, title: documents.title, documentDate: documents.documentDate, revision: documents.revision, sha256: documents.sha256 })
    .from(releaseRequestDocuments)
    .innerJoin(documents, eq(documents.id, releaseRequestDocuments.documentId))
    .where(and(eq(releaseRequestDocuments.practiceId, practiceId), inArray(releaseRequestDocuments.releaseRequestId, valid)))
    .orderBy(desc(documents.documentDate), desc(documents.id));
}

/** A patient's requests, newest first, optionally of some statuses. */
export function findReleasesOfPatient(db: Db, practiceId: string, patientId: string, statuses: readonly string[] | null): Promise<ReleaseRow[]> {
  const where: SQL[] = [eq(releaseRequests.practiceId, practiceId), eq(releaseRequests.patientId, patientId)];
  if (statuses?.length) where.push(inArray(releaseRequests.status, [...statuses]));
  return db.select().from(releaseRequests).where(and(...where)).orderBy(desc(releaseRequests.createdAt), desc(releaseRequests.id));
}

/** A patient's SENT requests (disclosures) sent at or after `since`, newest first. */
export function findDisclosuresOfPatient(db: Db, practiceId: string, patientId: string, since: Date | null): Promise<ReleaseRow[]> {
  const where: SQL[] = [eq(releaseRequests.practiceId, practiceId), eq(releaseRequests.patientId, patientId), eq(releaseRequests.status, 'SENT')];
  if (since) where.push(gte(releaseRequests.sentAt, since));
  return db.select().from(releaseRequests).where(and(...where)).orderBy(desc(releaseRequests.sentAt), desc(releaseRequests.id));
}

export interface PackageQuery {
  patientId: string;
  types: readonly string[] | null;
  fromDate: string | null;
  toDate: string | null;
  /** Never released by a type/date request: the authorization itself. */
  exceptId: string;
}

/** The current versions (not superseded, not in error) of a patient's documents matching types and dates, newest first. */
export function findCurrentDocumentIdsMatching(db: Db, practiceId: string, q: PackageQuery): Promise<{ id: string }[]> {
  const where: SQL[] = [eq(documents.practiceId, practiceId), eq(documents.patientId, q.patientId), isNull(documents.supersededById), isNull(documents.enteredInErrorAt), sql`${documents.id} <> ${q.exceptId}`];
  if (q.types) where.push(inArray(documents.type, [...q.types]));
  if (q.fromDate) where.push(gte(documents.documentDate, q.fromDate));
  if (q.toDate) where.push(lte(documents.documentDate, q.toDate));
  return db.select({ id: documents.id }).from(documents).where(and(...where)).orderBy(desc(documents.documentDate), desc(documents.id));
}
