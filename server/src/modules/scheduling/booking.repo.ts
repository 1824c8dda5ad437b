import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { type ReminderTarget, reminderTargetJson, toReminderTarget } from '../engagement/reminder.repo.js';
import { type ProviderAtLocation, providerAtLocationQuery } from '../providers/provider-location.repo.js';
import { type AppointmentRow } from './appointment.mapper.js';
import { appointmentFromDriver, type NewAppointmentRow, statusChangeInsertQuery } from './appointment.repo.js';
import { bookableWindow, MAX_VISIT_MINUTES } from './booking-rules.js';
import { bookablePatient } from './practice-refs.repo.js';
import { type SlotInputs, slotInputsQuery, toSlotInputs, toTypeAndLocation, type TypeAndLocation, typeAndLocationQuery } from './slot.repo.js';

/** Everything a booking checks before writing, read in one statement. */
export interface BookingContext {
  /** The booking already made with this idempotency key, as it is now (a replay answers it), or null. */
  previous: AppointmentRow | null;
  patientBookable: boolean;
  standing: ProviderAtLocation | null;
  typeAndLocation: TypeAndLocation;
  /** Slot inputs of the provider at the location over bookableWindow(startsAt). */
  slots: SlotInputs;
  /** Whether a waitlist hold of the provider or the patient near the time has expired (or expires within a minute) and must be released first. */
  holdsToRelease: boolean;
  reminderTarget: ReminderTarget | null;
}

export interface BookingRequest {
  idempotencyKey: string;
  patientId: string;
  providerId: string;
  locationId: string;
  appointmentTypeId: string;
  startsAt: Date;
}

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * The idempotency lookup (the whole row, so a replay needs no second read), the patient, the provider's standing at the location, the type and location,
 * the slot inputs (rules, exceptions, bookings), expired holds in the way and the patient's reminder
 * target — ONE statement, no locks (the write re-checks what concurrency can change). Ids must be
 * well-formed uuids.
 * @returns the context; parts that do not exist are null / false
 */
export async function loadBookingContext(db: Db, practiceId: string, q: BookingRequest): Promise<BookingContext> {
  const { from, to } = bookableWindow(q.startsAt);
  const [r] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select
        (select row_to_json(a) from appointments a
          where a.practice_id = ${practiceId} and a.idempotency_key = ${q.idempotencyKey}) as previous,
        ${bookablePatient(practiceId, q.patientId)} as patient_bookable,
        (select row_to_json(s) from (${providerAtLocationQuery(practiceId, q.providerId, q.locationId)}) s) as standing,
        (select row_to_json(tl) from (${typeAndLocationQuery(practiceId, q.appointmentTypeId, q.locationId)}) tl) as type_and_location,
        (select coalesce(json_agg(si), '[]'::json) from (${slotInputsQuery(practiceId, q.locationId, q.providerId, from, to)}) si) as slot_rows,
        exists (select 1 from appointments h
                 where h.practice_id = ${practiceId} and h.status = 'HELD' and h.hold_expires_at <= now() + interval '1 minute'
                   and (h.provider_id = ${q.providerId} or h.patient_id = ${q.patientId})
                   and tstzrange(h.starts_at, h.ends_at, '[)') && tstzrange(${q.startsAt.toISOString()}::timestamptz, ${q.startsAt.toISOString()}::timestamptz + make_interval(mins => ${MAX_VISIT_MINUTES}::int), '[)')) as holds_to_release,
        ${reminderTargetJson(practiceId, q.patientId)} as reminder_target`),
  );
  const standing = json(r!.standing) as { active: boolean; linked: boolean } | null;
  return {
    previous: r!.previous == null ? null : appointmentFromDriver(json(r!.previous) as Record<string, unknown>),
    patientBookable: r!.patient_bookable === true,
    standing: standing ? { active: Boolean(standing.active), linked: Boolean(standing.linked) } : null,
    typeAndLocation: toTypeAndLocation(json(r!.type_and_location) as Record<string, unknown> | undefined),
    slots: toSlotInputs(json(r!.slot_rows) as Record<string, unknown>[]),
    holdsToRelease: r!.holds_to_release === true,
    reminderTarget: toReminderTarget(r!.reminder_target),
  };
}

/**
 * Writes a booking in ONE statement (data-modifying CTEs): locks the provider (bookings of one provider
 * serialize, see providerAtLocationQuery) and share-locks their link to the location until commit, inserts the appointment only if the provider is
 * still active and linked, and with it its first status history entry and `alsoWrite`'s statements
 * (audit, reminders) guarded on that insert. The exclusion constraints judge the insert (23P01), the
 * idempotency key is unique (23505). Atomic by itself; pass a transaction to combine it with more.
 * @param values - the row, with its id chosen by the caller
 * @param alsoWrite - statements to run as further CTEs, given the guard "the appointment was inserted"
 * @returns the inserted row (null when the provider no longer works there) and the standing seen under lock
 */
export async function insertBooking(db: Db, practiceId: string, values: NewAppointmentRow & { id: string }, history: { changedBy: string; note: string | null }, alsoWrite: (written: SQL) => (SQL | null)[]): Promise<{ row: AppointmentRow | null; standing: ProviderAtLocation | null }> {
  const written = sql`exists (select 1 from ins)`;
  const extra = [statusChangeInsertQuery(practiceId, { appointmentId: values.id, fromStatus: null, toStatus: values.status ?? 'BOOKED', ...history }, written), ...alsoWrite(written)].filter((s): s is SQL => s !== null);
  const v = values;
  const [r] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with standing as (${providerAtLocationQuery(practiceId, v.providerId, v.locationId, 'serialize')}),
      ins as (
        insert into appointments (id, practice_id, patient_id, provider_id, location_id, appointment_type_id, starts_at, ends_at, status, modality,
                                  place_of_service_code, reason, notes, outside_availability_override, idempotency_key, request_hash)
        select ${v.id}::uuid, ${practiceId}::uuid, ${v.patientId}::uuid, ${v.providerId}::uuid, ${v.locationId}::uuid, ${v.appointmentTypeId}::uuid,
               ${v.startsAt.toISOString()}::timestamptz, ${v.endsAt.toISOString()}::timestamptz, ${v.status ?? 'BOOKED'}, ${v.modality},
               ${v.placeOfServiceCode}, ${v.reason ?? null}, ${v.notes ?? null}, ${v.outsideAvailabilityOverride ?? false}, ${v.idempotencyKey ?? null}, ${v.requestHash ?? null}
          from standing where standing.active and standing.linked
        returning *
      )${sql.join(
        extra.map((s, i) => sql`, w${sql.raw(String(i))} as (${s})`),
        sql``,
      )}
      select s.active as standing_active, s.linked as standing_linked, ins.*
        from (select 1) one left join standing s on true left join ins on true`),
  );
  const standing = r!.standing_active == null ? null : { active: Boolean(r!.standing_active), linked: Boolean(r!.standing_linked) };
  return { row: r!.id == null ? null : appointmentFromDriver(r!), standing };
}
