import { and, asc, eq, inArray, isNull, notExists, or, sql } from 'drizzle-orm';
import { insertRecordset } from '../../db/bulk-insert.js';
import type { Db } from '../../db/client.js';
import { claims } from '../../db/schema/claims.js';
import { ledgerEntries } from '../../db/schema/ledger.js';
import { remittanceAdjustments, remittanceClaims, remittanceLines, remittanceProviderAdjustments, remittances } from '../../db/schema/remittances.js';
import type { ClaimCandidate } from './remittance-match.js';

export type RemittanceRow = typeof remittances.$inferSelect;
export type NewRemittanceRow = Omit<typeof remittances.$inferInsert, 'practiceId' | 'status'>;
export type RemittanceClaimRow = typeof remittanceClaims.$inferSelect;
export type NewRemittanceClaimRow = Omit<typeof remittanceClaims.$inferInsert, 'practiceId'> & { id: string };
export type RemittanceLineRow = typeof remittanceLines.$inferSelect;
export type NewRemittanceLineRow = Omit<typeof remittanceLines.$inferInsert, 'practiceId'> & { id: string };
/** A CAS triple as read back, with its CARC's description from the imported list (null when the code is not in it). */
export type RemittanceAdjustmentRow = typeof remittanceAdjustments.$inferSelect & { reasonDescription: string | null };
export type NewRemittanceAdjustmentRow = Omit<typeof remittanceAdjustments.$inferInsert, 'practiceId'>;
export type ProviderAdjustmentRow = typeof remittanceProviderAdjustments.$inferSelect;
export type NewProviderAdjustmentRow = Omit<typeof remittanceProviderAdjustments.$inferInsert, 'practiceId'>;


/**
 * Inserts a POSTED remittance unless the practice already has one with the same key, file hash or
 * trace; a concurrent insert of the same file waits for the other transaction and then skips.
 * @returns the new row, or null when one of the unique keys was taken
 */
export async function insertPosted(tx: Db, practiceId: string, values: NewRemittanceRow): Promise<RemittanceRow | null> {
  const [row] = await tx.insert(remittances).values({ ...values, practiceId, status: 'POSTED', postedAt: new Date() }).onConflictDoNothing().returning();
  return row ?? null;
}

/** Records a refused file (nothing of it is posted). */
export async function insertRefused(db: Db, practiceId: string, values: NewRemittanceRow): Promise<RemittanceRow> {
  const [row] = await db.insert(remittances).values({ ...values, practiceId, status: 'REFUSED', postedAt: new Date() }).returning();
  return row!;
}

/** The POSTED remittance with this key, file hash or trace (TRN02 + TRN03), if any. */
export async function findPosted(db: Db, practiceId: string, k: { idempotencyKey: string; fileSha256: string; traceNumber: string | null; tracePayerId: string | null }): Promise<RemittanceRow[]> {
  const r = remittances;
  const trace = k.traceNumber !== null && k.tracePayerId !== null ? and(eq(r.traceNumber, k.traceNumber), eq(r.tracePayerId, k.tracePayerId)) : undefined;
  return db
    .select()
    .from(r)
    .where(and(eq(r.practiceId, practiceId), eq(r.status, 'POSTED'), or(eq(r.idempotencyKey, k.idempotencyKey), eq(r.fileSha256, k.fileSha256), trace)));
}

/**
 * Our claims with these patient account numbers, locked (FOR UPDATE, in id order) so two remittances
 * for one claim post one after the other.
 */
export async function lockClaimsByAccounts(tx: Db, practiceId: string, accounts: readonly string[]): Promise<ClaimCandidate[]> {
  if (accounts.length === 0) return [];
  return tx
    .select({ id: claims.id, patientId: claims.patientId, payerId: claims.payerId, superbillId: claims.superbillId, status: claims.status, revision: claims.revision, payerClaimNumber: claims.payerClaimNumber, dateOfService: claims.dateOfService, snapshot: claims.snapshot })
    .from(claims)
    .where(and(eq(claims.practiceId, practiceId), inArray(claims.patientAccountNumber, [...new Set(accounts)])))
    .orderBy(asc(claims.id))
    .for('update');
}

const notReversed = notExists(sql`(select 1 from ledger_entries rv where rv.reverses_id = ${ledgerEntries.id})`);

/** The remittance entries (payments, adjustments, transfers) of these claims that no entry reversed yet. */
export function findLiveRemittanceEntries(tx: Db, practiceId: string, claimIds: readonly string[]) {
  if (claimIds.length === 0) return Promise.resolve([]);
  const e = ledgerEntries;
  return tx
    .select({ id: e.id, claimId: e.claimId, kind: e.kind, amountCents: e.amountCents, remittanceId: e.remittanceId })
    .from(e)
    .where(and(eq(e.practiceId, practiceId), inArray(e.claimId, [...claimIds]), sql`${e.remittanceId} is not null`, sql`${e.kind} <> 'REVERSAL'`, notReversed))
    .orderBy(asc(e.number));
}

/** Live (unreversed) CHARGE entries of these claims, and of their superbills posted before a claim existed. */
export function findLiveCharges(tx: Db, practiceId: string, claimIds: readonly string[], superbillIds: readonly string[]) {
  if (claimIds.length === 0) return Promise.resolve([]);
  const e = ledgerEntries;
  return tx
    .select({ id: e.id, claimId: e.claimId, claimLinePosition: e.claimLinePosition, superbillId: e.superbillId, superbillLinePosition: e.superbillLinePosition })
    .from(e)
    .where(and(eq(e.practiceId, practiceId), eq(e.kind, 'CHARGE'), or(inArray(e.claimId, [...claimIds]), and(isNull(e.claimId), inArray(e.superbillId, [...superbillIds]))), notReversed));
}

/**
 * Inserts the claims, lines, adjustments and provider adjustments of a remittance: one statement per
 * table whatever the file's size, each with one jsonb parameter (`insertRecordset`).
 */
export async function insertDetail(
  tx: Db,
  practiceId: string,
  d: { claims: NewRemittanceClaimRow[]; lines: NewRemittanceLineRow[]; adjustments: NewRemittanceAdjustmentRow[]; providerAdjustments: NewProviderAdjustmentRow[] },
): Promise<void> {
  const tenant = <T>(rows: T[]) => rows.map((r) => ({ ...r, practiceId }));
  await insertRecordset(tx, remittanceClaims, tenant(d.claims));
  await insertRecordset(tx, remittanceLines, tenant(d.lines));
  await insertRecordset(tx, remittanceAdjustments, tenant(d.adjustments));
  await insertRecordset(tx, remittanceProviderAdjustments, tenant(d.providerAdjustments));
}

/** Marks the remittance claims whose postings a reversal undid. */
export async function markReversed(tx: Db, practiceId: string, remittanceIds: readonly string[], claimIds: readonly string[], byId: string): Promise<void> {
  if (remittanceIds.length === 0 || claimIds.length === 0) return;
  const rc = remittanceClaims;
  await tx
    .update(rc)
    .set({ reversedById: byId, updatedAt: new Date(), version: sql`${rc.version} + 1` })
    .where(and(eq(rc.practiceId, practiceId), inArray(rc.remittanceId, [...remittanceIds]), inArray(rc.claimId, [...claimIds]), eq(rc.outcome, 'POSTED'), isNull(rc.reversedById)));
}
