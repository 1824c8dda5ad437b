import { and, asc, eq, gt, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { reminderMessages, reminderPolicies } from '../../db/schema/engagement.js';
import { patients } from '../../db/schema/patients.js';

export type ReminderRow = typeof reminderMessages.$inferSelect;
export type NewReminderRow = Omit<typeof reminderMessages.$inferInsert, 'id'>;

/** What reminders need to know about one patient: consents, whether contact data exists, the practice's offsets (null: defaults). */
export interface ReminderTarget {
  patientId: string;
  consents: { sms?: boolean; email?: boolean };
  hasEmail: boolean;
  hasPhone: boolean;
  offsets: number[] | null;
}

const targetColumns = (practiceId: string) => ({
  patientId: patients.id,
  consents: patients.consents,
  hasEmail: sql<boolean>`${patients.email} is not null`,
  hasPhone: sql<boolean>`jsonb_array_length(${patients.phones}) > 0`,
  offsets: sql<number[] | null>`(select ${reminderPolicies.offsetsMinutes} from ${reminderPolicies} where ${reminderPolicies.practiceId} = ${practiceId})`,
});

/**
 * What reminders need to know about patients: consents, whether contact data exists, and the practice's
 * offsets — one statement for any number of patients.
 * @returns a map from patient id (patients of other practices are absent)
 */
export async function findReminderTargets(db: Db, practiceId: string, patientIds: readonly string[]): Promise<Map<string, ReminderTarget>> {
  const ids = [...new Set(patientIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select(targetColumns(practiceId))
    .from(patients)
    .where(and(eq(patients.practiceId, practiceId), inArray(patients.id, ids)));
  return new Map(rows.map((r) => [r.patientId, r]));
}

/**
 * findReminderTargets for one patient as a scalar JSON subquery (null when the patient is not the
 * practice's), to read it inside a larger statement; parse with toReminderTarget.
 */
export function reminderTargetJson(practiceId: string, patientId: string | SQL): SQL {
  const c = targetColumns(practiceId);
  return sql`(select json_build_object('patientId', ${c.patientId}, 'consents', ${c.consents}, 'hasEmail', ${c.hasEmail}, 'hasPhone', ${c.hasPhone}, 'offsets', ${c.offsets})
      from ${patients} where ${patients.practiceId} = ${practiceId} and ${patients.id} = ${patientId})`;
}

/** The JSON of reminderTargetJson → a target, or null. */
export function toReminderTarget(json: unknown): ReminderTarget | null {
  if (json == null) return null;
  const t = (typeof json === 'string' ? JSON.parse(json) : json) as ReminderTarget;
  return { patientId: t.patientId, consents: t.consents ?? {}, hasEmail: Boolean(t.hasEmail), hasPhone: Boolean(t.hasPhone), offsets: t.offsets ?? null };
}

/**
 * Inserts reminders; a row whose idempotency key exists comes back to PENDING only if it had been
 * cancelled (a visit moved back to an earlier time). Sent rows are never touched.
 */
export async function upsertReminders(tx: Db, rows: NewReminderRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(upsertRemindersQuery(rows));
}

/**
 * The statement of upsertReminders, to run alone or as a data-modifying CTE of a larger write. The rows
 * travel as one JSON parameter (one parameter for any number of reminders).
 * @param guard - a condition the rows are inserted under (e.g. that the appointment was inserted by a sibling CTE)
 */
export function upsertRemindersQuery(rows: readonly NewReminderRow[], guard: SQL = sql`true`): SQL {
  const json = JSON.stringify(rows.map((r) => ({ practice_id: r.practiceId, appointment_id: r.appointmentId, channel: r.channel, offset_minutes: r.offsetMinutes, due_at: r.dueAt.toISOString(), idempotency_key: r.idempotencyKey })));
  return sql`insert into reminder_messages (practice_id, appointment_id, channel, offset_minutes, due_at, idempotency_key)
      select r.practice_id, r.appointment_id, r.channel, r.offset_minutes, r.due_at, r.idempotency_key
        from json_to_recordset(${json}::json) as r(practice_id uuid, appointment_id uuid, channel text, offset_minutes int, due_at timestamptz, idempotency_key text)
       where ${guard}
      on conflict (idempotency_key) do update
         set status = 'PENDING', due_at = excluded.due_at, updated_at = now(), version = reminder_messages.version + 1
       where reminder_messages.status = 'CANCELLED'`;
}

/** Cancels the still-pending reminders of appointments. @returns how many were cancelled */
export async function cancelPendingReminders(tx: Db, practiceId: string, appointmentIds: string[]): Promise<number> {
  if (appointmentIds.length === 0) return 0;
  return rowsOf(await tx.execute(sql`${cancelPendingRemindersQuery(practiceId, appointmentIds)} returning id`)).length;
}

/**
 * The statement of cancelPendingReminders (without RETURNING), to run as a data-modifying CTE.
 * @param keep - idempotency keys to leave pending (reminders the same write schedules again)
 * @param guard - a condition the reminders are cancelled under (e.g. that a sibling CTE updated the appointment)
 */
export function cancelPendingRemindersQuery(practiceId: string, appointmentIds: readonly string[], keep: readonly string[] = [], guard: SQL = sql`true`): SQL {
  return sql`update reminder_messages set status = 'CANCELLED', updated_at = now(), version = version + 1
       where practice_id = ${practiceId} and appointment_id in (select value::uuid from json_array_elements_text(${JSON.stringify(appointmentIds)}::json))
         and status = 'PENDING' and idempotency_key not in (select value from json_array_elements_text(${JSON.stringify(keep)}::json)) and ${guard}`;
}

/** Reminders of one practice by id. */
export function findRemindersByIds(db: Db, practiceId: string, ids: string[]): Promise<ReminderRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(reminderMessages).where(and(eq(reminderMessages.practiceId, practiceId), inArray(reminderMessages.id, ids)));
}

/**
 * A page of pending reminders due at or before `before`, by due time then id.
 * @returns up to limit+1 rows
 */
export function findDueReminders(db: Db, practiceId: string, before: Date, limit: number, cursor: unknown[] | null): Promise<ReminderRow[]> {
  const where = [eq(reminderMessages.practiceId, practiceId), eq(reminderMessages.status, 'PENDING'), lte(reminderMessages.dueAt, before)];
  if (cursor) {
    const [at, id] = cursor as [string, string];
    const d = new Date(at);
    where.push(or(gt(reminderMessages.dueAt, d), and(eq(reminderMessages.dueAt, d), gt(reminderMessages.id, id)))!);
  }
  return db
    .select()
    .from(reminderMessages)
    .where(and(...where))
    .orderBy(asc(reminderMessages.dueAt), asc(reminderMessages.id))
    .limit(limit + 1);
}

/** PENDING → SENT for the given ids (only rows still pending change). @returns the rows that changed */
export function markRemindersSent(tx: Db, practiceId: string | null, ids: string[]): Promise<ReminderRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const where = [inArray(reminderMessages.id, ids), eq(reminderMessages.status, 'PENDING')];
  if (practiceId) where.push(eq(reminderMessages.practiceId, practiceId));
  return tx
    .update(reminderMessages)
    .set({ status: 'SENT', sentAt: sql`now()`, attemptCount: sql`${reminderMessages.attemptCount} + 1`, updatedAt: sql`now()`, version: sql`${reminderMessages.version} + 1` })
    .where(and(...where))
    .returning();
}

/**
 * Locks up to `limit` due, pending reminders of visits still booked, skipping rows another worker has
 * locked (FOR UPDATE SKIP LOCKED): two workers never hold the same reminder. Call inside a transaction.
 * @param practiceId - one practice, or null for the whole outbox (the sender worker)
 */
export async function claimDueReminders(tx: Db, practiceId: string | null, now: Date, limit: number): Promise<ReminderRow[]> {
  const practice = practiceId ? sql`and r.practice_id = ${practiceId}` : sql``;
  const ids = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select r.id from reminder_messages r
      where r.status = 'PENDING' and r.due_at <= ${now.toISOString()}::timestamptz ${practice}
        and exists (select 1 from appointments a where a.id = r.appointment_id and a.status in ('BOOKED', 'CONFIRMED'))
      order by r.due_at, r.id
      limit ${limit}
      for update of r skip locked`),
  ).map((r) => r.id);
  if (ids.length === 0) return [];
  return tx.select().from(reminderMessages).where(inArray(reminderMessages.id, ids)).orderBy(asc(reminderMessages.dueAt), asc(reminderMessages.id));
}

/** Records a failed attempt: retried later (backoff), or FAILED after `maxAttempts`. */
export async function recordReminderFailure(tx: Db, id: string, code: string, now: Date, maxAttempts: number): Promise<void> {
  await tx
    .update(reminderMessages)
    .set({
      attemptCount: sql`${reminderMessages.attemptCount} + 1`,
      lastErrorCode: code,
      status: sql`case when ${reminderMessages.attemptCount} + 1 >= ${maxAttempts} then 'FAILED' else 'PENDING' end`,
      dueAt: sql`${now.toISOString()}::timestamptz + make_interval(mins => power(2, ${reminderMessages.attemptCount})::int)`,
      updatedAt: sql`now()`,
      version: sql`${reminderMessages.version} + 1`,
    })
    .where(eq(reminderMessages.id, id));
}
