import { and, asc, eq, getTableColumns, gte, inArray, type SQL, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { type Db, rowsOf } from '../../db/client.js';
import { appointmentStatusHistory, appointments } from '../../db/schema/scheduling.js';
import type { AppointmentRow, StatusHistoryRow } from './appointment.mapper.js';
import { wellFormed } from './ids.js';

export type NewAppointmentRow = Omit<typeof appointments.$inferInsert, 'id' | 'practiceId' | 'active'>;
export type AppointmentPatch = Partial<NewAppointmentRow>;

/** Appointments of one practice by id, any order. */
export function findAppointmentsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<AppointmentRow[]> {
  const valid = wellFormed(ids);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(appointments).where(and(eq(appointments.practiceId, practiceId), inArray(appointments.id, valid)));
}

/** One appointment locked for update (inside a transaction), or null. */
export async function lockAppointment(tx: Db, practiceId: string, id: string): Promise<AppointmentRow | null> {
  if (wellFormed([id]).length === 0) return null;
  const [row] = await tx.select().from(appointments).where(and(eq(appointments.practiceId, practiceId), eq(appointments.id, id))).for('update');
  return row ?? null;
}

/** The appointment booked with an idempotency key, or null. */
export async function findByIdempotencyKey(db: Db, practiceId: string, key: string): Promise<AppointmentRow | null> {
  const [row] = await db.select().from(appointments).where(and(eq(appointments.practiceId, practiceId), eq(appointments.idempotencyKey, key)));
  return row ?? null;
}

/** Inserts an appointment (the exclusion constraints may reject it with 23P01). */
export async function insertAppointment(tx: Db, practiceId: string, values: NewAppointmentRow): Promise<AppointmentRow> {
  const [row] = await tx.insert(appointments).values({ ...values, practiceId }).returning();
  return row!;
}

/**
 * Applies a patch, bumps the version, and makes further writes, in ONE statement: the update as a data-modifying CTE, each of
 * `alsoWrite` (history, audit, reminders) as a sibling CTE written only if the update happened. With `seenVersion`
 * the update applies only while the row is still at that version (optimistic: no lock held between the read and
 * this write); without it, call with the row locked. The statements must not touch the appointments row itself.
 * @param alsoWrite - the further statements, given the guard "the appointment was updated"
 * @returns the updated row, or null when the row is no longer at `seenVersion` (nothing was written)
 */
export async function updateAppointmentWith(db: Db, practiceId: string, id: string, patch: AppointmentPatch, alsoWrite: (written: SQL) => (SQL | null)[], seenVersion?: number): Promise<AppointmentRow | null> {
  const update = db
    .update(appointments)
    .set({ ...patch, version: sql`${appointments.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(appointments.practiceId, practiceId), eq(appointments.id, id), seenVersion === undefined ? undefined : eq(appointments.version, seenVersion)))
    .returning();
  const extra = alsoWrite(sql`exists (select 1 from upd)`).filter((s): s is SQL => s !== null);
  const [r] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`with upd as (${update.getSQL()})${sql.join(
      extra.map((s, i) => sql`, w${sql.raw(String(i))} as (${s})`),
      sql``,
    )} select * from upd`),
  );
  return r ? appointmentFromDriver(r) : null;
}

/**
 * Appends a status history entry: an INSERT … SELECT to embed as a data-modifying CTE of a larger write.
 * @param guard - the condition to write under (e.g. that a sibling CTE wrote the appointment)
 */
export function statusChangeInsertQuery(practiceId: string, entry: { appointmentId: string; fromStatus: string | null; toStatus: string; changedBy: string; note?: string | null }, guard: SQL = sql`true`): SQL {
  return sql`insert into appointment_status_history (practice_id, appointment_id, from_status, to_status, changed_by, note)
      select ${practiceId}::uuid, ${entry.appointmentId}::uuid, ${entry.fromStatus}, ${entry.toStatus}, ${entry.changedBy}, ${entry.note ?? null} where ${guard}`;
}

const COLUMNS = Object.entries(getTableColumns(appointments)).map(([key, column]) => ({ key, name: toSnakeCase(key), column }));

/**
 * An appointments row as a raw statement returns it (`returning *` of a CTE: snake_case names, driver
 * values) → the row drizzle's own queries return, each value decoded by its column as drizzle does.
 * @param prefix - a prefix the statement put before each column name (to tell them from its other columns)
 */
export function appointmentFromDriver(raw: Record<string, unknown>, prefix = ''): AppointmentRow {
  const row: Record<string, unknown> = {};
  for (const { key, name, column } of COLUMNS) {
    const value = raw[prefix + name];
    row[key] = value == null ? null : column.mapFromDriverValue(value);
  }
  return row as AppointmentRow;
}

/** Status history of one appointment, oldest first. */
export function listStatusHistory(db: Db, practiceId: string, appointmentId: string): Promise<StatusHistoryRow[]> {
  return db
    .select()
    .from(appointmentStatusHistory)
    .where(and(eq(appointmentStatusHistory.practiceId, practiceId), eq(appointmentStatusHistory.appointmentId, appointmentId)))
    .orderBy(asc(appointmentStatusHistory.changedAt), asc(appointmentStatusHistory.createdAt));
}

/** Up to `limit` appointments per patient starting at or after `from`, for many patients in one statement. */
export async function findAppointmentsOfPatients(db: Db, practiceId: string, patientIds: readonly string[], from: Date, limit: number): Promise<AppointmentRow[]> {
  const valid = wellFormed(patientIds);
  if (valid.length === 0) return [];
  const ranked = db
    .select({ id: appointments.id, n: sql<number>`row_number() over (partition by ${appointments.patientId} order by ${appointments.startsAt}, ${appointments.id})`.as('n') })
    .from(appointments)
    .where(and(eq(appointments.practiceId, practiceId), inArray(appointments.patientId, valid), gte(appointments.startsAt, from)))
    .as('ranked');
  const rows = await db
    .select({ a: appointments })
    .from(appointments)
    .innerJoin(ranked, eq(ranked.id, appointments.id))
    .where(sql`${ranked.n} <= ${limit}`)
    .orderBy(asc(appointments.startsAt), asc(appointments.id));
  return rows.map((r) => r.a);
}

