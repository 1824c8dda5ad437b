import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { coverages, payers } from '../../db/schema/insurance.js';
import { providers } from '../../db/schema/providers.js';
import { referralHistory, referrals } from '../../db/schema/referrals.js';
import { appointments } from '../../db/schema/scheduling.js';
import { practiceToday } from '../tasks/practice-today.js';

export type ReferralHistoryRow = typeof referralHistory.$inferSelect;
export type NewReferralRow = Omit<typeof referrals.$inferInsert, 'id' | 'practiceId'>;
export type ReferralRow = typeof referrals.$inferSelect & { daysWaiting: number | null };

/** Every column plus days waiting (since sent while SENT, since seen while SEEN) as of the practice's today. */
export const referralColumns = (practiceId: string) => ({
  ...getTableColumns(referrals),
  daysWaiting: sql<number | null>`(case ${referrals.status} when 'SENT' then ${practiceToday(practiceId)} - ${referrals.sentOn} when 'SEEN' then ${practiceToday(practiceId)} - ${referrals.seenOn} end)`.mapWith((v) => (v === null ? null : Number(v))),
});

/** Inserts a referral. */
export async function insertReferral(tx: Db, practiceId: string, values: NewReferralRow): Promise<ReferralRow> {
  const [row] = await tx.insert(referrals).values({ ...values, practiceId }).returning(referralColumns(practiceId));
  return row!;
}

/** Referrals of one practice by id. */
export function findReferralsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<ReferralRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select(referralColumns(practiceId)).from(referrals).where(and(eq(referrals.practiceId, practiceId), inArray(referrals.id, [...ids])));
}

/**
 * The referrals of several patients (both directions, any status), newest first, at most `limit` per patient:
 * one statement for a page of patients (Patient.referrals' loader).
 */
export async function findReferralsOfPatients(db: Db, practiceId: string, patientIds: readonly string[], limit: number): Promise<ReferralRow[]> {
  if (patientIds.length === 0) return [];
  const ranked = db
    .select({ id: referrals.id, rank: sql<number>`row_number() over (partition by ${referrals.patientId} order by ${referrals.createdAt} desc, ${referrals.id} desc)`.as('rank') })
    .from(referrals)
    .where(and(eq(referrals.practiceId, practiceId), inArray(referrals.patientId, [...patientIds])))
    .as('ranked');
  return db
    .select(referralColumns(practiceId))
    .from(referrals)
    .innerJoin(ranked, eq(ranked.id, referrals.id))
    .where(sql`${ranked.rank} <= ${limit}`)
    .orderBy(desc(referrals.createdAt), desc(referrals.id));
}

/**
 * Changes a referral still at `expectedVersion` and in `fromStatus`, bumping the version.
 * @returns the row, or null when it moved on meanwhile
 */
export async function updateReferralIf(tx: Db, practiceId: string, id: string, expectedVersion: number, fromStatus: string, set: PgUpdateSetSource<typeof referrals>): Promise<ReferralRow | null> {
  const [row] = await tx
    .update(referrals)
    .set({ ...set, version: sql`${referrals.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(referrals.practiceId, practiceId), eq(referrals.id, id), eq(referrals.version, expectedVersion), eq(referrals.status, fromStatus)))
    .returning(referralColumns(practiceId));
  return row ?? null;
}

/** Appends a status change to the history. */
export async function insertReferralHistory(tx: Db, practiceId: string, entry: Omit<typeof referralHistory.$inferInsert, 'seq' | 'practiceId' | 'at'>): Promise<void> {
  await tx.insert(referralHistory).values({ ...entry, practiceId });
}

/** The histories of several referrals, oldest first (one statement, for the loader). */
export function findReferralHistory(db: Db, practiceId: string, ids: readonly string[]): Promise<ReferralHistoryRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(referralHistory).where(and(eq(referralHistory.practiceId, practiceId), inArray(referralHistory.referralId, [...ids]))).orderBy(asc(referralHistory.referralId), asc(referralHistory.seq));
}

/** A work list: its conditions and its sort key (a date expression, then id, ascending). */
export interface ReferralList {
  where: SQL[];
  sortDate: SQL;
}

/** The work lists' conditions, as of the practice's today. */
export function referralLists(practiceId: string | null) {
  const today = practiceToday(practiceId ?? referrals.practiceId);
  const base = (...extra: SQL[]) => [...(practiceId ? [eq(referrals.practiceId, practiceId)] : []), ...extra];
  return {
    /** Sent at least `days` days ago and not scheduled yet, oldest first. */
    awaitingScheduling: (days: number): ReferralList => ({ where: base(sql`${referrals.direction} = 'OUTGOING' and ${referrals.status} = 'SENT' and ${referrals.sentOn} <= ${today} - ${days}::int`), sortDate: sql`${referrals.sentOn}` }),
    /** Seen at least `days` days ago with no report back, oldest first. */
    awaitingReport: (days: number): ReferralList => ({ where: base(sql`${referrals.direction} = 'OUTGOING' and ${referrals.status} = 'SEEN' and ${referrals.seenOn} <= ${today} - ${days}::int`), sortDate: sql`${referrals.seenOn}` }),
    /** Open referrals whose authorization ends within `days` days (or has ended) or has at most `visitsLeft` visits left. */
    authorizationsExpiring: (days: number, visitsLeft: number): ReferralList => ({
      where: base(
        sql`${referrals.status} in ('DRAFT', 'RECEIVED', 'SENT', 'SCHEDULED', 'SEEN') and ${referrals.authorizationNumber} is not null and (${referrals.authorizationTo} <= ${today} + ${days}::int or ${referrals.authorizedVisits} - ${referrals.visitsUsed} <= ${visitsLeft}::int)`,
      ),
      sortDate: sql`coalesce(${referrals.authorizationTo}, '9999-12-31'::date)`,
    }),
    /** Every referral, newest first is not needed: by creation date then id. */
    all: (filter: { patientId: string | null; direction: string | null; statuses: string[] | null }): ReferralList => {
      const where = base();
      if (filter.patientId) where.push(eq(referrals.patientId, filter.patientId));
      if (filter.direction) where.push(eq(referrals.direction, filter.direction));
      if (filter.statuses?.length) where.push(inArray(referrals.status, filter.statuses));
      return { where, sortDate: sql`(${referrals.createdAt} at time zone 'UTC')::date` };
    },
  };
}

/** A page of a work list (keyset on [sort date, id]). @returns up to limit+1 rows with their cursor keys */
export async function findReferralPage(db: Db, practiceId: string, list: ReferralList, limit: number, cursor: unknown[] | null, forward: boolean): Promise<(ReferralRow & { keys: unknown[] })[]> {
  const where = [...list.where];
  const keys = sql`(${list.sortDate}, ${referrals.id})`;
  if (cursor) where.push(forward ? sql`${keys} > (${cursor[0]}::date, ${cursor[1]}::uuid)` : sql`${keys} < (${cursor[0]}::date, ${cursor[1]}::uuid)`);
  const dir = forward ? sql`asc` : sql`desc`;
  const rows = await db
    .select({ ...referralColumns(practiceId), k: sql<string>`(${list.sortDate})::text` })
    .from(referrals)
    .where(and(...where))
    .orderBy(sql`${list.sortDate} ${dir}`, sql`${referrals.id} ${dir}`)
    .limit(limit + 1);
  return rows.map(({ k, ...r }) => ({ ...r, keys: [k, r.id] }));
}

/** How many rows a work list has in all. */
export async function countReferrals(db: Db, list: ReferralList): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(referrals).where(and(...list.where));
  return Number(row?.n ?? 0);
}

/** Whether the payer of the patient's primary coverage in force on `date` requires prior authorization (false without coverage). */
export async function primaryPayerRequiresAuthorization(db: Db, practiceId: string, patientId: string, date: string): Promise<boolean> {
  const rows = await db
    .select({ required: payers.priorAuthorizationRequired })
    .from(coverages)
    .innerJoin(payers, eq(payers.id, coverages.payerId))
    .where(and(eq(coverages.practiceId, practiceId), eq(coverages.patientId, patientId), eq(coverages.status, 'ACTIVE'), eq(coverages.coverageOrder, 'PRIMARY'), sql`${coverages.effectiveDate} <= ${date}::date`, sql`(${coverages.endDate} is null or ${coverages.endDate} >= ${date}::date)`))
    .limit(1);
  return rows[0]?.required ?? false;
}

/** Whether a provider (of the practice) and an appointment (of the patient) exist. */
export async function findRefs(db: Db, practiceId: string, refs: { providerId?: string | null; appointmentId?: string | null; patientId?: string }): Promise<{ provider: boolean; appointment: boolean }> {
  const [provider, appointment] = await Promise.all([
    refs.providerId ? db.select({ id: providers.id }).from(providers).where(and(eq(providers.practiceId, practiceId), eq(providers.id, refs.providerId))) : Promise.resolve([]),
    refs.appointmentId ? db.select({ id: appointments.id }).from(appointments).where(and(eq(appointments.practiceId, practiceId), eq(appointments.id, refs.appointmentId), eq(appointments.patientId, refs.patientId!))) : Promise.resolve([]),
  ]);
  return { provider: provider.length > 0, appointment: appointment.length > 0 };
}

/** The referrals of a work list, all of them, with what a task needs (for the overdue sweep). */
export function findReferralsOfList(db: Db, list: ReferralList): Promise<{ id: string; practiceId: string; patientId: string; urgency: string; today: string }[]> {
  return db
    .select({ id: referrals.id, practiceId: referrals.practiceId, patientId: referrals.patientId, urgency: referrals.urgency, today: sql<string>`${practiceToday(referrals.practiceId)}::text` })
    .from(referrals)
    .where(and(...list.where));
}
