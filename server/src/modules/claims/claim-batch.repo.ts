import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { claimAcknowledgmentResults, claimAcknowledgments, claimBatchClaims, claimBatches, claimSubmissions } from '../../db/schema/claim-batches.js';
import { claims } from '../../db/schema/claims.js';
import { isUuid } from '../../lib/uuid.js';

export type SubmissionRow = typeof claimSubmissions.$inferSelect;
export type BatchRow = typeof claimBatches.$inferSelect;
export type NewBatchRow = Omit<typeof claimBatches.$inferInsert, 'id' | 'practiceId' | 'version' | 'updatedAt'>;
export type BatchClaimRow = typeof claimBatchClaims.$inferSelect;
export type AcknowledgmentRow = typeof claimAcknowledgments.$inferSelect;
export type AckResultRow = typeof claimAcknowledgmentResults.$inferSelect;
export type NewAckResultRow = Omit<typeof claimAcknowledgmentResults.$inferInsert, 'id' | 'practiceId' | 'acknowledgmentId'>;

/** ISA13, GS06 and ST02 of a new interchange, from the database sequences (one statement). */
export async function nextBatchControlNumbers(tx: Db): Promise<{ interchange: number; group: number; transaction: number }> {
  const [row] = rowsOf<{ i: string | number; g: string | number; t: string | number }>(
    await tx.execute(sql`select nextval('x12_interchange_control_seq') as i, nextval('x12_group_control_seq') as g, nextval('x12_transaction_control_seq') as t`),
  );
  return { interchange: Number(row!.i), group: Number(row!.g), transaction: Number(row!.t) };
}

/** The submission made under an idempotency key, or null. */
export async function findSubmissionByKey(db: Db, practiceId: string, key: string): Promise<SubmissionRow | null> {
  const [row] = await db.select().from(claimSubmissions).where(and(eq(claimSubmissions.practiceId, practiceId), eq(claimSubmissions.idempotencyKey, key)));
  return row ?? null;
}

/** Records a submission request; fails with a unique violation (23505) when the key is taken. */
export async function insertSubmission(tx: Db, practiceId: string, key: string, requestHash: string, createdBy: string): Promise<SubmissionRow> {
  const [row] = await tx.insert(claimSubmissions).values({ practiceId, idempotencyKey: key, requestHash, createdBy }).returning();
  return row!;
}

/** Inserts a batch. @returns the stored row */
export async function insertBatch(tx: Db, practiceId: string, values: NewBatchRow): Promise<BatchRow> {
  const [row] = await tx.insert(claimBatches).values({ ...values, practiceId }).returning();
  return row!;
}

/**
 * Records which claim revisions a batch carries. The unique key (claim_id, revision) refuses a claim
 * version already sent (23505), whatever the request.
 */
export function insertBatchClaims(tx: Db, practiceId: string, batchId: string, claims: { claimId: string; revision: number; patientAccountNumber: string }[]): Promise<BatchClaimRow[]> {
  return tx.insert(claimBatchClaims).values(claims.map((c, i) => ({ ...c, practiceId, batchId, position: i + 1 }))).returning();
}

/** Updates a batch's status (and transport error). */
export async function setBatchStatus(tx: Db, practiceId: string, batchId: string, status: string, transportError: string | null = null): Promise<void> {
  await tx.update(claimBatches).set({ status, transportError, updatedAt: sql`now()`, version: sql`${claimBatches.version} + 1` }).where(and(eq(claimBatches.practiceId, practiceId), eq(claimBatches.id, batchId)));
}

/** Batches of a practice by id, in any order. */
export function findBatchesByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<BatchRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(claimBatches).where(and(eq(claimBatches.practiceId, practiceId), inArray(claimBatches.id, valid)));
}

/** Batches of submissions, oldest first. */
export function findBatchesOfSubmission(db: Db, practiceId: string, submissionId: string): Promise<BatchRow[]> {
  return db.select().from(claimBatches).where(and(eq(claimBatches.practiceId, practiceId), eq(claimBatches.submissionId, submissionId))).orderBy(asc(claimBatches.createdAt), asc(claimBatches.id));
}

/** Which batch carried each of these claim revisions (one statement). */
export function findBatchClaimsOfRevisions(db: Db, practiceId: string, keys: { claimId: string; revision: number }[]): Promise<BatchClaimRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(claimBatchClaims)
    .where(and(eq(claimBatchClaims.practiceId, practiceId), inArray(claimBatchClaims.claimId, keys.map((k) => k.claimId))))
    .then((rows) => rows.filter((r) => keys.some((k) => k.claimId === r.claimId && k.revision === r.revision)));
}

/** The claims carried by batches, in batch order (one statement). */
export function findClaimsOfBatches(db: Db, practiceId: string, batchIds: readonly string[]): Promise<BatchClaimRow[]> {
  if (batchIds.length === 0) return Promise.resolve([]);
  return db.select().from(claimBatchClaims).where(and(eq(claimBatchClaims.practiceId, practiceId), inArray(claimBatchClaims.batchId, [...batchIds]))).orderBy(asc(claimBatchClaims.batchId), asc(claimBatchClaims.position));
}

/** The keyset of the batch list: newest first by creation, then id. */
export type BatchKey = [string, string];
export const batchKeyOf = (r: BatchRow): BatchKey => [r.createdAt.toISOString(), r.id];

/**
 * One page of a practice's batches, newest first, keyset-paged on (created_at, id) with the index
 * claim_batches_page.
 * @returns up to limit+1 rows in read order (reversed when going backward)
 */
export function listBatches(db: Db, practiceId: string, limit: number, cursor: BatchKey | null, forward: boolean): Promise<BatchRow[]> {
  const order = pageOrder('DESC', forward);
  const keys = [claimBatches.createdAt, claimBatches.id];
  const where = [eq(claimBatches.practiceId, practiceId)];
  if (cursor) where.push(keysetAfter(keys, [new Date(cursor[0]), cursor[1]], order));
  return db.select().from(claimBatches).where(and(...where)).orderBy(...keysetOrder(keys, order)).limit(limit + 1);
}

/** Stores an acknowledgment as received and read. @returns the stored row */
export async function insertAcknowledgment(tx: Db, practiceId: string, values: Omit<typeof claimAcknowledgments.$inferInsert, 'id' | 'practiceId'>): Promise<AcknowledgmentRow> {
  const [row] = await tx.insert(claimAcknowledgments).values({ ...values, practiceId }).returning();
  return row!;
}

/** Stores what an acknowledgment said about each claim. */
export async function insertAckResults(tx: Db, practiceId: string, acknowledgmentId: string, rows: NewAckResultRow[]): Promise<void> {
  if (rows.length) await tx.insert(claimAcknowledgmentResults).values(rows.map((r) => ({ ...r, practiceId, acknowledgmentId })));
}

/** Acknowledgments of batches, oldest first (one statement). */
export function findAcknowledgmentsOfBatches(db: Db, practiceId: string, batchIds: readonly string[]): Promise<AcknowledgmentRow[]> {
  if (batchIds.length === 0) return Promise.resolve([]);
  return db.select().from(claimAcknowledgments).where(and(eq(claimAcknowledgments.practiceId, practiceId), inArray(claimAcknowledgments.batchId, [...batchIds]))).orderBy(asc(claimAcknowledgments.receivedAt), asc(claimAcknowledgments.id));
}

/** Per-claim acknowledgment results with their acknowledgment's kind and batch, oldest first (one statement). */
export function findAckResultsOfClaims(db: Db, practiceId: string, claimIds: readonly string[]) {
  if (claimIds.length === 0) return Promise.resolve([]);
  return db
    .select({ result: claimAcknowledgmentResults, kind: claimAcknowledgments.kind, batchId: claimAcknowledgments.batchId, controlNumber: claimAcknowledgments.controlNumber })
    .from(claimAcknowledgmentResults)
    .innerJoin(claimAcknowledgments, eq(claimAcknowledgments.id, claimAcknowledgmentResults.acknowledgmentId))
    .where(and(eq(claimAcknowledgmentResults.practiceId, practiceId), inArray(claimAcknowledgmentResults.claimId, [...claimIds])))
    .orderBy(asc(claimAcknowledgmentResults.receivedAt), asc(claimAcknowledgmentResults.id));
}

export type AckResultWithKind = Awaited<ReturnType<typeof findAckResultsOfClaims>>[number];

/** Where a late answer points: a 999's AK1/AK2 (our GS06 and ST02) or a 277CA's trace (our BHT03). */
export type BatchAddress = { groupControlNumber: number; transactionControlNumber: number } | { referenceId: string };

/** The practice's batch an answer points to, unlocked (to decide how to place the answer before locking anything); null when none. */
export async function findBatchAddressed(db: Db, practiceId: string, to: BatchAddress): Promise<BatchRow | null> {
  const where =
    'referenceId' in to
      ? eq(claimBatches.referenceId, to.referenceId)
      : and(eq(claimBatches.groupControlNumber, to.groupControlNumber), eq(claimBatches.transactionControlNumber, to.transactionControlNumber));
  const [row] = await db.select().from(claimBatches).where(and(eq(claimBatches.practiceId, practiceId), where)).orderBy(asc(claimBatches.createdAt)).limit(1);
  return row ?? null;
}

/**
 * Every sending of the practice's claims with these patient account numbers (CLM01), through the
 * claims' unique (practice, account number) key (one statement).
 * @returns the batch claims, any order (a claim resubmitted after a rejection has one per revision)
 */
export function findBatchClaimsByAccounts(db: Db, practiceId: string, accountNumbers: readonly string[]): Promise<BatchClaimRow[]> {
  if (accountNumbers.length === 0) return Promise.resolve([]);
  return db
    .select({ row: claimBatchClaims })
    .from(claims)
    .innerJoin(claimBatchClaims, and(eq(claimBatchClaims.claimId, claims.id), eq(claimBatchClaims.practiceId, practiceId)))
    .where(and(eq(claims.practiceId, practiceId), inArray(claims.patientAccountNumber, [...accountNumbers])))
    .then((rows) => rows.map((r) => r.row).filter((r) => accountNumbers.includes(r.patientAccountNumber)));
}

/** The practice's batches by id, locked in id order (answers to several batches never deadlock each other). */
export function lockBatches(tx: Db, practiceId: string, ids: readonly string[]): Promise<BatchRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx.select().from(claimBatches).where(and(eq(claimBatches.practiceId, practiceId), inArray(claimBatches.id, [...ids]))).orderBy(asc(claimBatches.id)).for('update');
}

/** The acknowledgments stored with this one from the same answer (one per batch of a 277CA placed by account numbers), itself first. */
export async function findSiblingAcknowledgments(db: Db, practiceId: string, first: AcknowledgmentRow): Promise<AcknowledgmentRow[]> {
  if (!first.sha256) return [first];
  const rows = await db
    .select()
    .from(claimAcknowledgments)
    .where(and(eq(claimAcknowledgments.practiceId, practiceId), eq(claimAcknowledgments.sha256, first.sha256), eq(claimAcknowledgments.receivedAt, first.receivedAt)))
    .orderBy(asc(claimAcknowledgments.id));
  return [first, ...rows.filter((r) => r.id !== first.id)];
}

/** The practice's batch an answer points to, locked (FOR UPDATE) so answers to one batch apply one at a time; null when none. */
export async function lockBatchAddressed(tx: Db, practiceId: string, to: BatchAddress): Promise<BatchRow | null> {
  const where =
    'referenceId' in to
      ? eq(claimBatches.referenceId, to.referenceId)
      : and(eq(claimBatches.groupControlNumber, to.groupControlNumber), eq(claimBatches.transactionControlNumber, to.transactionControlNumber));
  const [row] = await tx.select().from(claimBatches).where(and(eq(claimBatches.practiceId, practiceId), where)).orderBy(asc(claimBatches.createdAt)).limit(1).for('update');
  return row ?? null;
}

/** An acknowledgment received under a client key, or with this text for one of these batches (the first one); null when none. */
export async function findReceivedAcknowledgment(db: Db, practiceId: string, by: { idempotencyKey: string } | { batchIds: readonly string[]; sha256: string }): Promise<AcknowledgmentRow | null> {
  if ('batchIds' in by && by.batchIds.length === 0) return null;
  const where = 'idempotencyKey' in by ? eq(claimAcknowledgments.idempotencyKey, by.idempotencyKey) : and(inArray(claimAcknowledgments.batchId, [...by.batchIds]), eq(claimAcknowledgments.sha256, by.sha256));
  const [row] = await db.select().from(claimAcknowledgments).where(and(eq(claimAcknowledgments.practiceId, practiceId), where)).orderBy(asc(claimAcknowledgments.receivedAt), asc(claimAcknowledgments.id)).limit(1);
  return row ?? null;
}
