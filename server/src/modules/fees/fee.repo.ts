import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { feeScheduleEntries, feeSchedules } from '../../db/schema/billing.js';
import { isUuid } from '../../lib/uuid.js';

export type FeeScheduleRow = typeof feeSchedules.$inferSelect;
export type FeeEntryRow = typeof feeScheduleEntries.$inferSelect;
export type FeeEntryInsert = typeof feeScheduleEntries.$inferInsert;

/** An entry with the kind and payer of its schedule. */
export interface PricedEntryRow extends FeeEntryRow {
  payerId: string | null;
}

const inForceOn = (date: string) => and(lte(feeScheduleEntries.effectiveFrom, date), or(isNull(feeScheduleEntries.effectiveTo), gte(feeScheduleEntries.effectiveTo, date)));

/**
 * Entries in force on a date for some codes, from the charge master and (when given) one payer's contract.
 * @param codes - normalised procedure codes
 * @param modifierKeys - stored modifier keys to consider (include '' for the no-modifier price)
 * @returns the rows with their schedule's payer (null = charge master)
 */
export async function findEntriesInForce(db: Db, practiceId: string, codes: readonly string[], modifierKeys: readonly string[], date: string, payerId: string | null): Promise<PricedEntryRow[]> {
  if (codes.length === 0) return [];
  const payer = payerId && isUuid(payerId) ? or(isNull(feeSchedules.payerId), eq(feeSchedules.payerId, payerId)) : isNull(feeSchedules.payerId);
  const rows = await db
    .select({ entry: feeScheduleEntries, payerId: feeSchedules.payerId })
    .from(feeScheduleEntries)
    .innerJoin(feeSchedules, eq(feeSchedules.id, feeScheduleEntries.scheduleId))
    .where(and(eq(feeScheduleEntries.practiceId, practiceId), inArray(feeScheduleEntries.code, [...new Set(codes)]), inArray(feeScheduleEntries.modifiers, [...new Set(modifierKeys)]), inForceOn(date), payer));
  return rows.map((r) => ({ ...r.entry, payerId: r.payerId }));
}

/**
 * The practice's own labels for codes (from its charge master) on a date; the no-modifier entry wins.
 * @returns code → label, for codes that have one
 */
export async function findChargeLabels(db: Db, practiceId: string, codes: readonly string[], date: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ code: feeScheduleEntries.code, label: feeScheduleEntries.label, modifiers: feeScheduleEntries.modifiers })
    .from(feeScheduleEntries)
    .innerJoin(feeSchedules, eq(feeSchedules.id, feeScheduleEntries.scheduleId))
    .where(and(eq(feeScheduleEntries.practiceId, practiceId), isNull(feeSchedules.payerId), inArray(feeScheduleEntries.code, [...new Set(codes)]), inForceOn(date), sql`${feeScheduleEntries.label} is not null`))
    .orderBy(asc(feeScheduleEntries.code), asc(feeScheduleEntries.modifiers));
  const labels = new Map<string, string>();
  for (const r of rows) if (!labels.has(r.code)) labels.set(r.code, r.label!);
  return labels;
}

/** Schedules of a practice by id (other practices' never match). */
export function findSchedulesByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<FeeScheduleRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(feeSchedules).where(and(eq(feeSchedules.practiceId, practiceId), inArray(feeSchedules.id, valid)));
}

/** All schedules of a practice: the charge master first, then payer contracts by name. */
export function listSchedules(db: Db, practiceId: string): Promise<FeeScheduleRow[]> {
  return db.select().from(feeSchedules).where(eq(feeSchedules.practiceId, practiceId)).orderBy(sql`${feeSchedules.payerId} is not null`, asc(feeSchedules.name));
}

/** The practice's charge master (payer null) or one payer's schedule, if it exists. */
export async function findScheduleFor(db: Db, practiceId: string, payerId: string | null): Promise<FeeScheduleRow | null> {
  const [row] = await db
    .select()
    .from(feeSchedules)
    .where(and(eq(feeSchedules.practiceId, practiceId), payerId ? eq(feeSchedules.payerId, payerId) : isNull(feeSchedules.payerId)));
  return row ?? null;
}

/** Inserts a schedule. @throws 23505 when the practice already has that charge master or payer schedule */
export async function insertSchedule(db: Db, practiceId: string, name: string, payerId: string | null): Promise<FeeScheduleRow> {
  const [row] = await db
    .insert(feeSchedules)
    .values({ practiceId, name, payerId, kind: payerId ? 'PAYER_CONTRACT' : 'CHARGE_MASTER' })
    .returning();
  return row!;
}

/** Every entry of a schedule, ordered by code, modifiers and start date (for export and listing). */
export function listEntries(db: Db, practiceId: string, scheduleId: string): Promise<FeeEntryRow[]> {
  return db
    .select()
    .from(feeScheduleEntries)
    .where(and(eq(feeScheduleEntries.practiceId, practiceId), eq(feeScheduleEntries.scheduleId, scheduleId)))
    .orderBy(asc(feeScheduleEntries.code), asc(feeScheduleEntries.modifiers), asc(feeScheduleEntries.effectiveFrom));
}

/** Inserts entries, 1,000 rows a statement. @throws 23P01 when two entries overlap in time */
export async function insertEntries(db: Db, rows: FeeEntryInsert[]): Promise<FeeEntryRow[]> {
  const out: FeeEntryRow[] = [];
  for (let i = 0; i < rows.length; i += 1000) out.push(...(await db.insert(feeScheduleEntries).values(rows.slice(i, i + 1000)).returning()));
  return out;
}

/** Deletes every entry of a schedule (a CSV import replaces the schedule's entries). */
export async function deleteEntries(db: Db, practiceId: string, scheduleId: string): Promise<number> {
  const rows = await db.delete(feeScheduleEntries).where(and(eq(feeScheduleEntries.practiceId, practiceId), eq(feeScheduleEntries.scheduleId, scheduleId))).returning({ id: feeScheduleEntries.id });
  return rows.length;
}

/**
 * One keyset page of a schedule's entries ordered by (code, modifiers, effective_from, id).
 * @param after - the last row's key of the previous page, or null
 */
export function pageEntries(db: Db, practiceId: string, scheduleId: string, code: string | null, after: [string, string, string, string] | null, limit: number): Promise<FeeEntryRow[]> {
  const e = feeScheduleEntries;
  return db
    .select()
    .from(e)
    .where(and(eq(e.practiceId, practiceId), eq(e.scheduleId, scheduleId), code ? eq(e.code, code) : undefined, after ? sql`(${e.code}, ${e.modifiers}, ${e.effectiveFrom}, ${e.id}) > (${after[0]}, ${after[1]}, ${after[2]}::date, ${after[3]}::uuid)` : undefined))
    .orderBy(asc(e.code), asc(e.modifiers), asc(e.effectiveFrom), asc(e.id))
    .limit(limit);
}

/** Deletes the entries of a schedule with these ids. */
export async function deleteEntriesByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.delete(feeScheduleEntries).where(and(eq(feeScheduleEntries.practiceId, practiceId), inArray(feeScheduleEntries.id, [...ids])));
}

/** Locks a schedule row (serialises writers of one schedule) and bumps its version. */
export async function touchSchedule(tx: Db, scheduleId: string): Promise<void> {
  await tx
    .update(feeSchedules)
    .set({ version: sql`${feeSchedules.version} + 1`, updatedAt: new Date() })
    .where(eq(feeSchedules.id, scheduleId));
}

/** The entries of some codes in the practice's schedules, with each schedule's payer (null = charge master). */
export async function findEntriesOfCodes(db: Db, practiceId: string, codes: readonly string[]): Promise<PricedEntryRow[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .select({ entry: feeScheduleEntries, payerId: feeSchedules.payerId })
    .from(feeScheduleEntries)
    .innerJoin(feeSchedules, eq(feeSchedules.id, feeScheduleEntries.scheduleId))
    .where(and(eq(feeScheduleEntries.practiceId, practiceId), inArray(feeScheduleEntries.code, [...new Set(codes)])));
  return rows.map((r) => ({ ...r.entry, payerId: r.payerId }));
}
