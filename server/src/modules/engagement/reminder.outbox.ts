import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import * as repo from './reminder.repo.js';

/** Default reminder offsets when a practice has none configured: 48 hours and 2 hours before. */
export const DEFAULT_REMINDER_OFFSETS_MINUTES = [48 * 60, 2 * 60];

/** The appointment fields reminders need (an appointments row fits). */
export interface ReminderAppointment {
  id: string;
  practiceId: string;
  patientId: string;
  startsAt: Date;
}

const keyOf = (a: ReminderAppointment, channel: string, offset: number) => `${a.id}:${channel}:${offset}:${a.startsAt.toISOString()}`;

/**
 * Puts an appointment's reminders in the outbox: one per configured offset and per channel the
 * patient consented to and has contact data for (SMS, EMAIL). Offsets already past are skipped.
 * Idempotent: calling it twice for the same visit time adds nothing. Call inside the booking
 * transaction, with `tx`.
 * @returns how many reminders the visit should have (after skipping past offsets)
 */
export function scheduleReminders(tx: Db, appointment: ReminderAppointment, now: Date = new Date()): Promise<number> {
  return scheduleRemindersFor(tx, [appointment], now);
}

const UPSERT_BATCH = 1000;

/**
 * scheduleReminders for many appointments of one practice in two statements per 1,000 reminders
 * (one read of the patients' consents and contact data, one upsert): for bulk bookings and seeding.
 * @returns how many reminders the visits should have in all
 */
export async function scheduleRemindersFor(tx: Db, appointments: readonly ReminderAppointment[], now: Date = new Date()): Promise<number> {
  if (appointments.length === 0) return 0;
  const practiceId = appointments[0]!.practiceId;
  if (appointments.some((a) => a.practiceId !== practiceId)) throw new Error('scheduleRemindersFor: appointments of one practice');
  const targets = await repo.findReminderTargets(tx, practiceId, appointments.map((a) => a.patientId));
  const rows = planReminders(targets, appointments, now);
  for (let i = 0; i < rows.length; i += UPSERT_BATCH) await repo.upsertReminders(tx, rows.slice(i, i + UPSERT_BATCH));
  return rows.length;
}

/**
 * The reminders appointments should have (the rule of scheduleReminders, without the database): one per
 * configured offset (defaults when the practice has none) and per channel the patient consented to and has
 * contact data for; offsets already past are skipped. Callers that read the targets inside another
 * statement write the rows with `repo.upsertRemindersQuery`.
 * @param targets - by patient id (findReminderTargets / reminderTargetJson); a patient absent gets none
 */
export function planReminders(targets: ReadonlyMap<string, repo.ReminderTarget>, appointments: readonly ReminderAppointment[], now: Date): repo.NewReminderRow[] {
  const rows: repo.NewReminderRow[] = [];
  for (const appointment of appointments) {
    const target = targets.get(appointment.patientId);
    if (!target) continue;
    const channels = [...(target.consents.sms && target.hasPhone ? ['SMS'] : []), ...(target.consents.email && target.hasEmail ? ['EMAIL'] : [])];
    for (const offset of target.offsets ?? DEFAULT_REMINDER_OFFSETS_MINUTES) {
      const dueAt = new Date(appointment.startsAt.getTime() - offset * 60_000);
      if (dueAt <= now) continue;
      for (const channel of channels) {
        rows.push({ practiceId: appointment.practiceId, appointmentId: appointment.id, channel, offsetMinutes: offset, dueAt, idempotencyKey: keyOf(appointment, channel, offset) });
      }
    }
  }
  return rows;
}

/**
 * scheduleReminders as a statement to embed (a data-modifying CTE) in the booking's own write, on a
 * target read beforehand (`repo.reminderTargetJson` inside the booking's read).
 * @param guard - the condition the reminders are written under (the appointment was written)
 * @returns the statement, or null when the visit gets no reminders
 */
export function scheduleRemindersQuery(target: repo.ReminderTarget | null, appointment: ReminderAppointment, now: Date, guard: SQL): SQL | null {
  const rows = target ? planReminders(new Map([[target.patientId, target]]), [appointment], now) : [];
  return rows.length > 0 ? repo.upsertRemindersQuery(rows, guard) : null;
}

/**
 * Moves reminders to an appointment's new time: cancels what was still pending (of this appointment,
 * or of `previousAppointmentId` when rescheduling created a new row) and schedules for the new time.
 * Reminders already sent stay sent. Call inside the rescheduling transaction.
 */
export async function moveReminders(tx: Db, appointment: ReminderAppointment, previousAppointmentId: string = appointment.id, now: Date = new Date()): Promise<void> {
  await repo.cancelPendingReminders(tx, appointment.practiceId, [...new Set([previousAppointmentId, appointment.id])]);
  await scheduleReminders(tx, appointment, now);
}

/**
 * Cancels an appointment's pending reminders (cancel, no-show, entered in error). Call inside the
 * cancelling transaction.
 * @returns how many were cancelled
 */
export function cancelReminders(tx: Db, practiceId: string, appointmentId: string): Promise<number> {
  return repo.cancelPendingReminders(tx, practiceId, [appointmentId]);
}

/**
 * cancelReminders as a statement to embed (a data-modifying CTE) in the cancelling write.
 * @param guard - the condition to cancel under (the cancelling write happened)
 */
export function cancelRemindersQuery(practiceId: string, appointmentId: string, guard?: SQL): SQL {
  return repo.cancelPendingRemindersQuery(practiceId, [appointmentId], [], guard);
}

/**
 * moveReminders (an appointment keeping its id) as statements to embed in the rescheduling write, on a
 * target read beforehand: cancels what is pending except the reminders the new time has again, and
 * schedules the new time's. Two sibling CTEs never touch the same reminder.
 * @param guard - the condition to write under (the move happened)
 */
export function moveRemindersQueries(target: repo.ReminderTarget | null, appointment: ReminderAppointment, now: Date, guard?: SQL): SQL[] {
  const rows = target ? planReminders(new Map([[target.patientId, target]]), [appointment], now) : [];
  const cancel = repo.cancelPendingRemindersQuery(appointment.practiceId, [appointment.id], rows.map((r) => r.idempotencyKey), guard);
  return rows.length > 0 ? [cancel, repo.upsertRemindersQuery(rows, guard)] : [cancel];
}
