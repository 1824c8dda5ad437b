import type { Sql } from 'postgres';

/** Idempotency keys of the floor's bookings start with this, so the run can count and then remove them. */
export const FLOOR_KEY_PREFIX = 'floor-';

interface BookVariables {
  input: { idempotencyKey: string; patientId: string; providerId: string; locationId: string; appointmentTypeId: string; startsAt: string };
}

/**
 * The booking floor: the writes the API's bookAppointment makes — the appointment row (judged by the same
 * exclusion constraints and idempotency key), its first status history entry, one audit batch row, and
 * the reminders the patient consented to (default offsets 48 h and 2 h, past ones skipped) — in ONE
 * statement, which is one transaction. No checks beyond what the database enforces, no auth, no GraphQL.
 * A slot taken answers 200 with a SLOT_CONFLICT error body, as the API does.
 */
export async function bookingFloor(sql: Sql, practiceId: string, body: string): Promise<string> {
  const { input: v } = (JSON.parse(body) as { variables: BookVariables }).variables;
  try {
    const [row] = await sql`
      with t as (select duration_minutes from appointment_types where practice_id = ${practiceId} and id = ${v.appointmentTypeId}),
      l as (select place_of_service_code from locations where practice_id = ${practiceId} and id = ${v.locationId}),
      ins as (
        insert into appointments (practice_id, patient_id, provider_id, location_id, appointment_type_id, starts_at, ends_at, status, modality, place_of_service_code, idempotency_key, request_hash)
        select ${practiceId}, ${v.patientId}, ${v.providerId}, ${v.locationId}, ${v.appointmentTypeId}, ${v.startsAt}::timestamptz,
               ${v.startsAt}::timestamptz + make_interval(mins => t.duration_minutes), 'BOOKED', 'IN_PERSON', l.place_of_service_code,
               ${FLOOR_KEY_PREFIX + v.idempotencyKey}, md5(${body})
          from t, l
        returning id, patient_id, starts_at
      ), h as (
        insert into appointment_status_history (practice_id, appointment_id, from_status, to_status, changed_by)
        select ${practiceId}, id, null, 'BOOKED', 'bench-floor' from ins
      ), a as (
        insert into audit_batches (practice_id, user_id, roles, action, request_id, entity_types, entity_ids, patient_ids)
        select ${practiceId}, 'bench-floor', array['FRONT_DESK'], 'CREATE', gen_random_uuid()::text, array['Appointment'], array[id::text], array[patient_id] from ins
      ), r as (
        insert into reminder_messages (practice_id, appointment_id, channel, offset_minutes, due_at, idempotency_key)
        select ${practiceId}, ins.id, c.channel, o.m, ins.starts_at - make_interval(mins => o.m),
               ins.id || ':' || c.channel || ':' || o.m || ':' || to_char(ins.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
          from ins join patients p on p.id = ins.patient_id
          cross join unnest(coalesce((select offsets_minutes from reminder_policies where practice_id = ${practiceId}), array[2880, 120])) o(m)
          cross join (values ('SMS'), ('EMAIL')) c(channel)
         where ins.starts_at - make_interval(mins => o.m) > now()
           and case c.channel when 'SMS' then coalesce((p.consents->>'sms')::boolean, false) and jsonb_array_length(p.phones) > 0
                              else coalesce((p.consents->>'email')::boolean, false) and p.email is not null end
      )
      select json_build_object('data', json_build_object('bookAppointment', json_build_object('appointment',
               json_build_object('id', id, 'status', 'BOOKED', 'startsAt', starts_at))))::text as body from ins`;
    return row!.body as string;
  } catch (err) {
    if ((err as { code?: string }).code !== '23P01') throw err;
    return JSON.stringify({ errors: [{ message: 'slot taken', extensions: { code: 'SLOT_CONFLICT' } }], data: null });
  }
}

/**
 * Removes the floor's bookings (their reminders and history first) so the API books into the same free
 * time. Their audit rows stay: the trail is append-only, and they block nothing.
 * @returns how many the floor had booked
 */
export async function removeFloorBookings(sql: Sql): Promise<number> {
  const ids = sql`select id from appointments where idempotency_key like ${`${FLOOR_KEY_PREFIX}%`}`;
  await sql`delete from reminder_messages where appointment_id in (${ids})`;
  await sql`delete from appointment_status_history where appointment_id in (${ids})`;
  const deleted = await sql`delete from appointments where idempotency_key like ${`${FLOOR_KEY_PREFIX}%`}`;
  return deleted.count;
}
