import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { claimNotes, claimNumberSeq, claims, claimStatusHistory } from '../../db/schema/claims.js';
import { isUuid } from '../../lib/uuid.js';

export type ClaimRow = typeof claims.$inferSelect;
export type NewClaimRow = Omit<typeof claims.$inferInsert, 'id' | 'practiceId'>;
export type ClaimPatch = Partial<Omit<NewClaimRow, 'version' | 'number' | 'practiceId'>>;
export type HistoryRow = typeof claimStatusHistory.$inferSelect;
export type NewHistoryRow = Omit<typeof claimStatusHistory.$inferInsert, 'id' | 'seq' | 'practiceId' | 'changedAt'>;
export type NoteRow = typeof claimNotes.$inferSelect;

/** Claims of one practice by id, in any order; malformed ids and other practices' rows match nothing. */
export function findClaimsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<ClaimRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(claims).where(and(eq(claims.practiceId, practiceId), inArray(claims.id, valid)));
}

/** Claims of a practice locked FOR UPDATE, in id order (so concurrent callers lock in the same order). */
export function lockClaims(tx: Db, practiceId: string, ids: readonly string[]): Promise<ClaimRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return tx.select().from(claims).where(and(eq(claims.practiceId, practiceId), inArray(claims.id, valid))).orderBy(asc(claims.id)).for('update');
}

/** Claims made from superbills (every frequency and status), oldest first. */
export function findClaimsOfSuperbills(db: Db, practiceId: string, superbillIds: readonly string[]): Promise<ClaimRow[]> {
  const valid = superbillIds.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(claims).where(and(eq(claims.practiceId, practiceId), inArray(claims.superbillId, valid))).orderBy(asc(claims.number));
}

/** Claims that replace or void the given originals, oldest first. */
export function findCorrectionsOf(db: Db, practiceId: string, originalIds: readonly string[]): Promise<ClaimRow[]> {
  if (originalIds.length === 0) return Promise.resolve([]);
  return db.select().from(claims).where(and(eq(claims.practiceId, practiceId), inArray(claims.originalClaimId, [...originalIds]))).orderBy(asc(claims.number));
}

/** The next claim number (one statement). */
export async function nextClaimNumber(tx: Db): Promise<number> {
  const [row] = await tx.select({ n: sql<string>`nextval(${claimNumberSeq.seqName})` }).from(sql`(select 1) as one`);
  return Number(row!.n);
}

/** Inserts a claim. @returns the stored row */
export async function insertClaim(tx: Db, practiceId: string, values: NewClaimRow): Promise<ClaimRow> {
  const [row] = await tx.insert(claims).values({ ...values, practiceId }).returning();
  return row!;
}

/**
 * Updates claims (already locked by the caller), bumping their version.
 * @returns the updated rows
 */
export function updateClaims(tx: Db, practiceId: string, ids: readonly string[], patch: ClaimPatch): Promise<ClaimRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .update(claims)
    .set({ ...patch, version: sql`${claims.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(claims.practiceId, practiceId), inArray(claims.id, [...ids])))
    .returning();
}

/** Appends status changes to the history. */
export async function insertHistory(tx: Db, practiceId: string, rows: NewHistoryRow[]): Promise<void> {
  if (rows.length) await tx.insert(claimStatusHistory).values(rows.map((r) => ({ ...r, practiceId })));
}

/** Status history of claims, oldest change first (one statement). */
export function findHistoryOf(db: Db, practiceId: string, claimIds: readonly string[]): Promise<HistoryRow[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return db.select().from(claimStatusHistory).where(and(eq(claimStatusHistory.practiceId, practiceId), inArray(claimStatusHistory.claimId, [...claimIds]))).orderBy(asc(claimStatusHistory.seq));
}

/** Adds a note. @returns the stored note */
export async function insertNote(tx: Db, practiceId: string, claimId: string, body: string, authorId: string): Promise<NoteRow> {
  const [row] = await tx.insert(claimNotes).values({ practiceId, claimId, body, authorId }).returning();
  return row!;
}

/** Notes of claims, oldest first (one statement). */
export function findNotesOf(db: Db, practiceId: string, claimIds: readonly string[]): Promise<NoteRow[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return db.select().from(claimNotes).where(and(eq(claimNotes.practiceId, practiceId), inArray(claimNotes.claimId, [...claimIds]))).orderBy(asc(claimNotes.createdAt), asc(claimNotes.id));
}

/**
 * Live claims (not VOIDED) of other superbills with the same patient, rendering provider and date of
 * service, with their line codes: what the duplicate edit compares with (one statement). Claims of the
 * same superbill (its original, replacements and voids) are one claim's history, not duplicates.
 */
export async function findSameDayClaims(db: Db, practiceId: string, key: { superbillId: string; patientId: string; renderingProviderId: string | null; dateOfService: string }): Promise<{ id: string; codes: string[] }[]> {
  if (!key.renderingProviderId) return [];
  const rows = await db
    .select({ id: claims.id, codes: sql<string[]>`array(select jsonb_array_elements(${claims.snapshot}->'lines')->>'code')` })
    .from(claims)
    .where(
      and(
        eq(claims.practiceId, practiceId),
        eq(claims.patientId, key.patientId),
        eq(claims.renderingProviderId, key.renderingProviderId),
        eq(claims.dateOfService, key.dateOfService),
        ne(claims.status, 'VOIDED'),
        ne(claims.superbillId, key.superbillId),
      ),
    );
  return rows;
}

/** One claim's new status (and payer claim number, when the change brings one) for `setStatuses`. */
export interface StatusSet {
  id: string;
  status: string;
  /** Whether the status changes (statusChangedAt is set only then). */
  moved: boolean;
  payerClaimNumber: string | null;
}

/**
 * Sets each claim (already locked by the caller) to its own status and payer claim number, bumping its
 * version once — one statement for any number of claims, each with different values.
 */
export async function setStatuses(tx: Db, practiceId: string, rows: readonly StatusSet[]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((r) => sql`(${r.id}::uuid, ${r.status}::text, ${r.moved}::boolean, ${r.payerClaimNumber}::text)`), sql`, `);
  await tx.execute(sql`update ${claims} set status = v.status, status_changed_at = case when v.moved then now() else ${claims.statusChangedAt} end,
    payer_claim_number = coalesce(v.pcn, ${claims.payerClaimNumber}), updated_at = now(), version = ${claims.version} + 1
    from (values ${values}) as v(id, status, moved, pcn) where ${claims.practiceId} = ${practiceId} and ${claims.id} = v.id`);
}
