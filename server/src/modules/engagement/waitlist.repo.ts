import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { waitlistEntries } from '../../db/schema/engagement.js';
import { appointmentTypes } from '../../db/schema/scheduling.js';

export type WaitlistEntryRow = typeof waitlistEntries.$inferSelect;

/** Inserts a waitlist entry. */
export async function insertEntry(tx: Db, practiceId: string, values: Omit<typeof waitlistEntries.$inferInsert, 'id' | 'practiceId'>): Promise<WaitlistEntryRow> {
  const [row] = await tx.insert(waitlistEntries).values({ ...values, practiceId }).returning();
  return row!;
}

/** One entry of the practice, row-locked until the transaction ends, with its appointment type. */
export async function lockEntry(tx: Db, practiceId: string, id: string) {
  const [row] = await tx
    .select({ entry: waitlistEntries, type: { modality: appointmentTypes.modality, durationMinutes: appointmentTypes.durationMinutes } })
    .from(waitlistEntries)
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, waitlistEntries.appointmentTypeId))
    .where(and(eq(waitlistEntries.practiceId, practiceId), eq(waitlistEntries.id, id)))
    .for('update', { of: waitlistEntries });
  return row ?? null;
}

/** Sets an entry's status, bumping its version. */
export async function setEntryStatus(tx: Db, id: string, status: string): Promise<WaitlistEntryRow> {
  const [row] = await tx
    .update(waitlistEntries)
    .set({ status, updatedAt: sql`now()`, version: sql`${waitlistEntries.version} + 1` })
    .where(eq(waitlistEntries.id, id))
    .returning();
  return row!;
}

export interface MatchQuery {
  providerId: string;
  locationId: string;
  startsAt: Date;
  endsAt: Date;
  localDate: string;
  weekday: number;
  localStart: string;
  localEnd: string;
}

/**
 * Waiting entries that could take a slot: same location, the slot's provider or any, a visit type
 * that fits its length, the slot's local date inside the entry's dates, and a patient free then.
 * Ordered by created_at, then preference fit, then id; keyset-paged on those.
 * @returns up to limit+1 rows with fit and the cursor key
 */
export async function findMatches(db: Db, practiceId: string, q: MatchQuery, limit: number, cursor: unknown[] | null) {
  const minutes = Math.floor((q.endsAt.getTime() - q.startsAt.getTime()) / 60_000);
  const fit = sql`(jsonb_array_length(e.preferred_times) = 0 or exists (
      select 1 from jsonb_array_elements(e.preferred_times) w
       where (w->'weekdays') @> to_jsonb(${q.weekday}::int) and (w->>'start') <= ${q.localStart} and (w->>'end') >= ${q.localEnd}))`;
  const after = cursor
    ? sql`and (e.created_at > ${cursor[0]}::timestamptz or (e.created_at = ${cursor[0]}::timestamptz and ((${fit})::int < ${cursor[1]} or ((${fit})::int = ${cursor[1]} and e.id > ${cursor[2]}))))`
    : sql``;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select e.*, e.created_at::text as created_key, (${fit})::int as fit
        from waitlist_entries e join appointment_types t on t.id = e.appointment_type_id
       where e.practice_id = ${practiceId} and e.location_id = ${q.locationId} and e.status = 'WAITING'
         and (e.provider_id is null or e.provider_id = ${q.providerId})
         and t.duration_minutes <= ${minutes}
         and (e.earliest_date is null or e.earliest_date <= ${q.localDate}::date)
         and (e.latest_date is null or e.latest_date >= ${q.localDate}::date)
         and not exists (select 1 from appointments a where a.patient_id = e.patient_id and a.active
               and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(${q.startsAt.toISOString()}::timestamptz, ${q.endsAt.toISOString()}::timestamptz, '[)'))
         ${after}
       order by e.created_at, fit desc, e.id
       limit ${limit + 1}`),
  );
  return rows.map((r) => ({ entry: toEntryRow(r), fit: Number(r.fit) === 1, key: [String(r.created_key), Number(r.fit), String(r.id)] }));
}

function toEntryRow(r: Record<string, unknown>): WaitlistEntryRow {
  const d = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  return {
    id: String(r.id),
    practiceId: String(r.practice_id),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    version: Number(r.version),
    patientId: String(r.patient_id),
    providerId: (r.provider_id as string | null) ?? null,
    appointmentTypeId: String(r.appointment_type_id),
    locationId: String(r.location_id),
    preferredTimes: (typeof r.preferred_times === 'string' ? JSON.parse(r.preferred_times) : r.preferred_times) as WaitlistEntryRow['preferredTimes'],
    earliestDate: d(r.earliest_date),
    latestDate: d(r.latest_date),
    status: String(r.status),
    notes: (r.notes as string | null) ?? null,
    createdBy: String(r.created_by),
  };
}

/** WAITING → CANCELLED when the version matches. @returns the row, or null when missing, changed or not waiting */
export async function cancelEntryIf(tx: Db, practiceId: string, id: string, expectedVersion: number): Promise<WaitlistEntryRow | null> {
  const [row] = await tx
    .update(waitlistEntries)
    .set({ status: 'CANCELLED', updatedAt: sql`now()`, version: sql`${waitlistEntries.version} + 1` })
    .where(and(eq(waitlistEntries.practiceId, practiceId), eq(waitlistEntries.id, id), eq(waitlistEntries.version, expectedVersion), eq(waitlistEntries.status, 'WAITING')))
    .returning();
  return row ?? null;
}

/** Entries of one practice by id. */
export function findEntriesByIds(db: Db, practiceId: string, ids: string[]): Promise<WaitlistEntryRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(waitlistEntries).where(and(eq(waitlistEntries.practiceId, practiceId), inArray(waitlistEntries.id, ids)));
}
