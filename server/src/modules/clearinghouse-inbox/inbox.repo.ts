import { and, asc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { clearinghouseFiles } from '../../db/schema/clearinghouse-files.js';
import { isUuid } from '../../lib/uuid.js';

export type ClearinghouseFileRow = typeof clearinghouseFiles.$inferSelect;
export type NewClearinghouseFile = Pick<ClearinghouseFileRow, 'remoteId' | 'remoteName' | 'kind' | 'sha256' | 'interchangeControlNumber' | 'groupControlNumber' | 'raw' | 'status' | 'receivedAt'>;
export type FileOutcome = Pick<ClearinghouseFileRow, 'status' | 'problem' | 'result'>;

const f = clearinghouseFiles;

/**
 * Stores a fetched file once per mailbox id: a file fetched again (a second poll before the first
 * acknowledged it, or two polls at once) is not stored twice.
 * @returns the stored row, or null when that mailbox id was stored before
 */
export async function insertFetchedFile(db: Db, practiceId: string, file: NewClearinghouseFile): Promise<ClearinghouseFileRow | null> {
  const [row] = await db.insert(f).values({ ...file, practiceId }).onConflictDoNothing({ target: [f.practiceId, f.remoteId] }).returning();
  return row ?? null;
}

/** Whether the practice already holds this text under another mailbox id (and not as a duplicate itself). */
export async function hasFileWithText(db: Db, practiceId: string, sha256: string, remoteId: string): Promise<boolean> {
  const [row] = await db.select({ id: f.id }).from(f).where(and(eq(f.practiceId, practiceId), eq(f.sha256, sha256), ne(f.remoteId, remoteId), ne(f.status, 'DUPLICATE'))).limit(1);
  return !!row;
}

/**
 * The oldest stored file still waiting to be processed, locked for this transaction; files another
 * poll holds are skipped (SKIP LOCKED), so two polls never process one file.
 * @returns the file, or null when none waits
 */
export async function lockNextReceived(tx: Db, practiceId: string): Promise<ClearinghouseFileRow | null> {
  const [row] = await tx.select().from(f).where(and(eq(f.practiceId, practiceId), eq(f.status, 'RECEIVED'))).orderBy(asc(f.receivedAt), asc(f.id)).limit(1).for('update', { skipLocked: true });
  return row ?? null;
}

/**
 * One file of the practice, locked for this transaction (FOR UPDATE: a poll or another reprocess holding
 * it is waited for, and its outcome is what this one reads).
 * @returns the file, or null when the practice has no such file
 */
export async function lockFile(tx: Db, practiceId: string, id: string): Promise<ClearinghouseFileRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(f).where(and(eq(f.practiceId, practiceId), eq(f.id, id))).for('update');
  return row ?? null;
}

/** Records how processing ended. */
export async function setFileOutcome(tx: Db, practiceId: string, id: string, outcome: FileOutcome): Promise<ClearinghouseFileRow> {
  const [row] = await tx
    .update(f)
    .set({ ...outcome, processedAt: sql`now()`, updatedAt: sql`now()`, version: sql`${f.version} + 1` })
    .where(and(eq(f.practiceId, practiceId), eq(f.id, id)))
    .returning();
  return row!;
}

/** Files of the practice by id. */
export function findFilesByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<ClearinghouseFileRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(f).where(and(eq(f.practiceId, practiceId), inArray(f.id, valid)));
}

export interface FileQuery {
  status?: string | null;
  kind?: string | null;
}

export type FileKey = [Date, string];

const filters = (practiceId: string, q: FileQuery): SQL[] => {
  const where: SQL[] = [eq(f.practiceId, practiceId)];
  if (q.status) where.push(eq(f.status, q.status));
  if (q.kind) where.push(eq(f.kind, q.kind));
  return where;
};

/** One page of the practice's files, newest first (received_at, id); up to limit+1 rows in page order. One statement. */
export function listFiles(db: Db, practiceId: string, q: FileQuery, limit: number, cursor: FileKey | null, forward: boolean): Promise<ClearinghouseFileRow[]> {
  const keys = [f.receivedAt, f.id];
  const order = pageOrder('DESC', forward);
  const where = filters(practiceId, q);
  if (cursor) where.push(keysetAfter(keys, cursor, order));
  return db.select().from(f).where(and(...where)).orderBy(...keysetOrder(keys, order)).limit(limit + 1);
}

/** How many files match. */
export async function countFiles(db: Db, practiceId: string, q: FileQuery): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(f).where(and(...filters(practiceId, q)));
  return Number(row?.n ?? 0);
}
