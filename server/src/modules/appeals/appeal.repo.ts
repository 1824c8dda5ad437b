import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { appealHistory, appeals } from '../../db/schema/appeals.js';
import { remittanceClaims, remittances } from '../../db/schema/remittances.js';
import { isUuid } from '../../lib/uuid.js';

export type AppealRow = typeof appeals.$inferSelect;
export type NewAppealRow = Omit<typeof appeals.$inferInsert, 'id' | 'practiceId' | 'number'>;
export type AppealPatch = Partial<Pick<AppealRow, 'status' | 'submittedAt' | 'decidedAt' | 'outcomeRemittanceId'>>;
export type AppealHistoryRow = typeof appealHistory.$inferSelect;
export type NewAppealHistoryRow = Omit<typeof appealHistory.$inferInsert, 'id' | 'seq' | 'practiceId' | 'changedAt'>;

/** Appeals of one practice by id; malformed ids and other practices' rows match nothing. */
export function findAppealsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<AppealRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(appeals).where(and(eq(appeals.practiceId, practiceId), inArray(appeals.id, valid)));
}

/** One appeal locked FOR UPDATE, or null. */
export async function lockAppeal(tx: Db, practiceId: string, id: string): Promise<AppealRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(appeals).where(and(eq(appeals.practiceId, practiceId), eq(appeals.id, id))).for('update');
  return row ?? null;
}

/** The appeal an idempotency key made, or null. */
export async function findAppealByKey(db: Db, practiceId: string, key: string): Promise<AppealRow | null> {
  const [row] = await db.select().from(appeals).where(and(eq(appeals.practiceId, practiceId), eq(appeals.idempotencyKey, key)));
  return row ?? null;
}

/** Inserts an appeal unless a unique key (one open appeal per line, the idempotency key) is taken. @returns the row, or null */
export async function insertAppeal(tx: Db, practiceId: string, values: NewAppealRow): Promise<AppealRow | null> {
  const [row] = await tx.insert(appeals).values({ ...values, practiceId }).onConflictDoNothing().returning();
  return row ?? null;
}

/** Updates a locked appeal, bumping its version. @returns the new row */
export async function updateAppeal(tx: Db, practiceId: string, id: string, patch: AppealPatch): Promise<AppealRow> {
  const [row] = await tx.update(appeals).set({ ...patch, version: sql`${appeals.version} + 1`, updatedAt: sql`now()` }).where(and(eq(appeals.practiceId, practiceId), eq(appeals.id, id))).returning();
  return row!;
}

/** Appends status changes. */
export async function insertAppealHistory(tx: Db, practiceId: string, rows: readonly NewAppealHistoryRow[]): Promise<void> {
  if (rows.length) await tx.insert(appealHistory).values(rows.map((r) => ({ ...r, practiceId })));
}

/** The history of appeals, oldest change first (one statement). */
export function findAppealHistoryOf(db: Db, practiceId: string, appealIds: readonly string[]): Promise<AppealHistoryRow[]> {
  const valid = appealIds.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(appealHistory).where(and(eq(appealHistory.practiceId, practiceId), inArray(appealHistory.appealId, valid))).orderBy(asc(appealHistory.seq));
}

/** Whether a POSTED remittance of the practice posted a CLP to this claim (the payment of a won appeal). */
export async function remittancePostedClaim(db: Db, practiceId: string, remittanceId: string, claimId: string): Promise<boolean> {
  if (!isUuid(remittanceId)) return false;
  const [row] = await db
    .select({ id: remittanceClaims.id })
    .from(remittanceClaims)
    .innerJoin(remittances, eq(remittances.id, remittanceClaims.remittanceId))
    .where(and(eq(remittances.practiceId, practiceId), eq(remittances.id, remittanceId), eq(remittances.status, 'POSTED'), eq(remittanceClaims.claimId, claimId), eq(remittanceClaims.outcome, 'POSTED')))
    .limit(1);
  return row !== undefined;
}

export interface AppealQuery {
  status?: string[] | null;
  claimId?: string | null;
  payerId?: string | null;
  patientId?: string | null;
  /** Deadline on or before this date. */
  deadlineBy?: string | null;
}

/** The keyset of the list: deadline (soonest first), number. */
export type AppealKey = [string, number];
export const appealKeyOf = (r: AppealRow): AppealKey => [r.deadline, r.number];
const KEYS = [appeals.deadline, appeals.number];

function filters(practiceId: string, q: AppealQuery): SQL[] {
  const where: SQL[] = [eq(appeals.practiceId, practiceId)];
  if (q.status?.length) where.push(inArray(appeals.status, q.status));
  if (q.claimId) where.push(eq(appeals.claimId, q.claimId));
  if (q.payerId) where.push(eq(appeals.payerId, q.payerId));
  if (q.patientId) where.push(eq(appeals.patientId, q.patientId));
  if (q.deadlineBy) where.push(lte(appeals.deadline, q.deadlineBy));
  return where;
}

/**
 * One page of appeals, soonest deadline first, keyset-paged on appeals_page (practice_id, deadline, number).
 * @returns up to limit+1 rows in read order (reversed when going backward)
 */
export function listAppeals(db: Db, practiceId: string, q: AppealQuery, limit: number, cursor: AppealKey | null, forward: boolean): Promise<AppealRow[]> {
  const order = pageOrder('ASC', forward);
  const where = filters(practiceId, q);
  if (cursor) where.push(keysetAfter(KEYS, cursor, order));
  return db.select().from(appeals).where(and(...where)).orderBy(...keysetOrder(KEYS, order)).limit(limit + 1);
}

/** How many appeals match the filter (totalCount). */
export async function countAppeals(db: Db, practiceId: string, q: AppealQuery): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(appeals).where(and(...filters(practiceId, q)));
  return Number(row?.n ?? 0);
}

/** The SUBMITTED appeals of these claims, locked FOR UPDATE (one statement). */
export function findSubmittedAppealsOf(tx: Db, practiceId: string, claimIds: readonly string[]): Promise<AppealRow[]> {
  const valid = claimIds.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return tx.select().from(appeals).where(and(eq(appeals.practiceId, practiceId), inArray(appeals.claimId, valid), eq(appeals.status, 'SUBMITTED'))).orderBy(asc(appeals.id)).for('update');
}

/** The appeals of claims, oldest first (one statement). */
export function findAppealsOfClaims(db: Db, practiceId: string, claimIds: readonly string[]): Promise<AppealRow[]> {
  const valid = claimIds.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(appeals).where(and(eq(appeals.practiceId, practiceId), inArray(appeals.claimId, valid))).orderBy(asc(appeals.number));
}
