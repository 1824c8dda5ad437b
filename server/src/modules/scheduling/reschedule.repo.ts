import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { type ReminderTarget, reminderTargetJson, toReminderTarget } from '../engagement/reminder.repo.js';
import { type ProviderAtLocation, providerAtLocationQuery } from '../providers/provider-location.repo.js';
import type { AppointmentRow } from './appointment.mapper.js';
import { appointmentFromDriver } from './appointment.repo.js';
import { bookableWindow, MAX_VISIT_MINUTES } from './booking-rules.js';
import { isUuid } from './ids.js';
import { type SlotInputs, slotInputsQuery, toSlotInputs, toTypeAndLocation, type TypeAndLocation, typeAndLocationQuery } from './slot.repo.js';

/** An appointment read (or locked) for rescheduling, with everything the move checks. */
export interface RescheduleContext {
  current: AppointmentRow;
  typeAndLocation: TypeAndLocation;
  /** The new provider's standing at the appointment's location, share-locked when read with the lock (only when a provider was asked for). */
  standing: ProviderAtLocation | null;
  /** Slot inputs of the (new) provider at the appointment's location over bookableWindow(startsAt), the appointment itself left out. */
  slots: SlotInputs;
  /** Whether an expired (or within a minute expiring) waitlist hold of the provider or the patient is near the new time. */
  holdsToRelease: boolean;
  reminderTarget: ReminderTarget | null;
}

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * Reads an appointment and, in the same statement, its type and location, the standing of the provider
 * asked for, the slot inputs at the new time, expired holds in the way and the patient's reminder target.
 * With `lock` (inside the rescheduling transaction) the appointment is locked FOR UPDATE and the standing
 * share-locked; without, nothing is locked and the move must be guarded by the version read.
 * @param providerId - the new provider, or null to keep the appointment's (a well-formed uuid)
 * @returns null when the practice has no such appointment
 */
export async function readForReschedule(tx: Db, practiceId: string, id: string, providerId: string | null, startsAt: Date, lock: boolean): Promise<RescheduleContext | null> {
  if (!isUuid(id)) return null;
  const { from, to } = bookableWindow(startsAt);
  const provider = providerId ?? sql`(select provider_id from cur)`;
  const location = sql`(select location_id from cur)`;
  const at = startsAt.toISOString();
  const [r] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      with cur as (select * from appointments where practice_id = ${practiceId} and id = ${id} ${lock ? sql`for update` : sql``})
      select cur.*,
        (select row_to_json(tl) from (${typeAndLocationQuery(practiceId, sql`(select appointment_type_id from cur)`, location)}) tl) as ctx_type_and_location,
        ${providerId ? sql`(select row_to_json(s) from (${providerAtLocationQuery(practiceId, providerId, location, lock)}) s)` : sql`null::json`} as ctx_standing,
        (select coalesce(json_agg(si), '[]'::json) from (${slotInputsQuery(practiceId, location, provider, from, to, id)}) si) as ctx_slot_rows,
        exists (select 1 from appointments h
                 where h.practice_id = ${practiceId} and h.status = 'HELD' and h.hold_expires_at <= now() + interval '1 minute'
                   and (h.provider_id = ${provider} or h.patient_id = cur.patient_id) and h.id <> cur.id
                   and tstzrange(h.starts_at, h.ends_at, '[)') && tstzrange(${at}::timestamptz, ${at}::timestamptz + make_interval(mins => ${MAX_VISIT_MINUTES}::int), '[)')) as ctx_holds_to_release,
        ${reminderTargetJson(practiceId, sql`cur.patient_id`)} as ctx_reminder_target
      from cur`),
  );
  if (!r) return null;
  const standing = json(r.ctx_standing) as { active: boolean; linked: boolean } | null;
  return {
    current: appointmentFromDriver(r),
    typeAndLocation: toTypeAndLocation(json(r.ctx_type_and_location) as Record<string, unknown> | undefined),
    standing: standing ? { active: Boolean(standing.active), linked: Boolean(standing.linked) } : null,
    slots: toSlotInputs(json(r.ctx_slot_rows) as Record<string, unknown>[]),
    holdsToRelease: r.ctx_holds_to_release === true,
    reminderTarget: toReminderTarget(r.ctx_reminder_target),
  };
}
