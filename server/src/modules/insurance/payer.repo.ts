import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { payers } from '../../db/schema/insurance.js';

export type PayerRow = typeof payers.$inferSelect;
export type NewPayerRow = Omit<typeof payers.$inferInsert, 'id' | 'practiceId'>;

/** Payers of one practice by id, in any order. */
export function findPayersByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<PayerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(payers).where(and(eq(payers.practiceId, practiceId), inArray(payers.id, [...ids])));
}

/** The practice's payer directory by name (optionally only active payers). */
export function listPayers(db: Db, practiceId: string, activeOnly: boolean): Promise<PayerRow[]> {
  const where = activeOnly ? and(eq(payers.practiceId, practiceId), eq(payers.active, true)) : eq(payers.practiceId, practiceId);
  return db.select().from(payers).where(where).orderBy(asc(payers.name), asc(payers.id));
}

/** Inserts payers (one statement). */
export function insertPayers(db: Db, practiceId: string, rows: NewPayerRow[]): Promise<PayerRow[]> {
  return db.insert(payers).values(rows.map((r) => ({ ...r, practiceId }))).returning();
}

/** Which of these EDI payer ids (upper case) the practice's directory already has. */
export async function findUsedEdiPayerIds(db: Db, practiceId: string, ediPayerIds: readonly string[]): Promise<Set<string>> {
  if (ediPayerIds.length === 0) return new Set();
  const rows = await db
    .select({ id: payers.ediPayerId })
    .from(payers)
    .where(and(eq(payers.practiceId, practiceId), inArray(payers.ediPayerId, [...ediPayerIds])));
  return new Set(rows.map((r) => r.id));
}

/** Active payers of the practice by EDI payer id (upper case), for rows that name a payer. */
export async function findPayersByEdiIds(db: Db, practiceId: string, ediPayerIds: readonly string[]): Promise<PayerRow[]> {
  if (ediPayerIds.length === 0) return [];
  return db
    .select()
    .from(payers)
    .where(and(eq(payers.practiceId, practiceId), inArray(payers.ediPayerId, [...new Set(ediPayerIds)])));
}

/** Active payers of the practice whose EDI payer id or name is this text (either, case-insensitive): how a patient names an insurer. */
export function findActivePayersNamed(db: Db, practiceId: string, text: string): Promise<PayerRow[]> {
  const t = text.trim().toLowerCase();
  return db
    .select()
    .from(payers)
    .where(and(eq(payers.practiceId, practiceId), eq(payers.active, true), or(eq(sql`lower(${payers.ediPayerId})`, t), eq(sql`lower(${payers.name})`, t))))
    .orderBy(asc(payers.id))
    .limit(2);
}
