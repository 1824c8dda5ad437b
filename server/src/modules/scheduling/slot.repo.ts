import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import type { Booking, ExceptionRange, WeeklyRule } from './slot-finder.js';

export interface TypeAndLocation {
  type: { durationMinutes: number; bufferBeforeMinutes: number; bufferAfterMinutes: number; minNoticeMinutes: number; maxAdvanceDays: number; modality: string; active: boolean } | null;
  location: { timeZone: string; placeOfServiceCode: string; active: boolean } | null;
}

/** The columns of findTypeAndLocation: `from (select 1) one` left-joined to the type and the location (either may be missing). */
export function typeAndLocationQuery(practiceId: string, typeId: string | SQL, locationId: string | SQL): SQL {
  return sql`
      select t.id as type_id, t.duration_minutes, t.buffer_before_minutes, t.buffer_after_minutes, t.min_notice_minutes,
             t.max_advance_days, t.modality, t.active as type_active,
             l.id as location_id, l.time_zone, l.place_of_service_code, l.active as location_active
      from (select 1) one
      left join appointment_types t on t.practice_id = ${practiceId} and t.id = ${typeId}
      left join locations l on l.practice_id = ${practiceId} and l.id = ${locationId}`;
}

/** A row of typeAndLocationQuery (or its JSON) → the type and the location, null where missing. */
export function toTypeAndLocation(r: Record<string, unknown> | undefined): TypeAndLocation {
  return {
    type: r?.type_id
      ? {
          durationMinutes: Number(r.duration_minutes),
          bufferBeforeMinutes: Number(r.buffer_before_minutes),
          bufferAfterMinutes: Number(r.buffer_after_minutes),
          minNoticeMinutes: Number(r.min_notice_minutes),
          maxAdvanceDays: Number(r.max_advance_days),
          modality: String(r.modality),
          active: Boolean(r.type_active),
        }
      : null,
    location: r?.location_id ? { timeZone: String(r.time_zone), placeOfServiceCode: String(r.place_of_service_code), active: Boolean(r.location_active) } : null,
  };
}

/** An appointment type and a location of a practice in one statement; either may be missing (null). */
export async function findTypeAndLocation(db: Db, practiceId: string, typeId: string, locationId: string): Promise<TypeAndLocation> {
  const [r] = rowsOf<Record<string, unknown>>(await db.execute(typeAndLocationQuery(practiceId, typeId, locationId)));
  return toTypeAndLocation(r);
}

export interface SlotInputs {
  providerIds: string[];
  rules: WeeklyRule[];
  exceptions: ExceptionRange[];
  bookings: Booking[];
}

// Buffers are at most 120 minutes each (input validation), so bookings this far outside the range cannot matter.
const PAD = sql`interval '4 hours'`;

/**
 * Everything slot finding needs, in ONE statement: weekly rules at the location, exceptions and active
 * bookings (at any location, with their type's buffers) of one provider, or of every provider with
 * rules or extra hours at the location. Open time (rules, extra hours) counts only for active providers
 * linked to the location (provider_locations): one who does not work there gets no slots.
 * @param excludeAppointmentId - an appointment being moved, which must not block itself
 */
export async function loadSlotInputs(db: Db, practiceId: string, locationId: string, providerId: string | null, from: Date, to: Date, excludeAppointmentId: string | null = null): Promise<SlotInputs> {
  return toSlotInputs(rowsOf<Record<string, unknown>>(await db.execute(slotInputsQuery(practiceId, locationId, providerId, from, to, excludeAppointmentId))));
}

/** The one statement of loadSlotInputs, to run alone or inside a larger read (ids as values, or as SQL over that read); its rows go to toSlotInputs. */
export function slotInputsQuery(practiceId: string, locationId: string | SQL, providerId: string | SQL | null, from: Date, to: Date, excludeAppointmentId: string | null = null): SQL {
  const fromDate = new Date(from.getTime() - 86_400_000).toISOString().slice(0, 10);
  const toDate = new Date(to.getTime() + 86_400_000).toISOString().slice(0, 10);
  const f = from.toISOString();
  const t = to.toISOString();
  const providers = providerId
    ? sql`select ${providerId}::uuid as id`
    : sql`select provider_id as id from availability_rules where practice_id = ${practiceId} and location_id = ${locationId} and active
          union select provider_id from availability_exceptions where practice_id = ${practiceId} and location_id = ${locationId} and active and kind = 'EXTRA_HOURS' and ends_at > ${f}::timestamptz and starts_at < ${t}::timestamptz`;
  return sql`
      with p as (${providers}),
      -- Only active providers who work at the location have open time here.
      linked as (select l.provider_id as id from provider_locations l join providers pr on pr.id = l.provider_id and pr.active
                  where l.practice_id = ${practiceId} and l.location_id = ${locationId})
      select 'R' as k, r.provider_id::text as pid, r.weekday as wd, r.start_time::text as t1, r.end_time::text as t2,
             r.effective_from::text as d1, r.effective_to::text as d2, null::float8 as s, null::float8 as e, 0 as bb, 0 as ba
        from availability_rules r
       where r.practice_id = ${practiceId} and r.location_id = ${locationId} and r.active and r.provider_id in (select id from p)
         and r.provider_id in (select id from linked)
         and r.effective_from <= ${toDate}::date and (r.effective_to is null or r.effective_to >= ${fromDate}::date)
      union all
      select 'X', x.provider_id::text, null, x.kind, null, null, null,
             extract(epoch from x.starts_at) * 1000, extract(epoch from x.ends_at) * 1000, 0, 0
        from availability_exceptions x
       where x.practice_id = ${practiceId} and x.active and (x.location_id is null or x.location_id = ${locationId})
         and x.provider_id in (select id from p) and x.starts_at < ${t}::timestamptz and x.ends_at > ${f}::timestamptz
         and (x.kind <> 'EXTRA_HOURS' or x.provider_id in (select id from linked))
      union all
      select 'B', a.provider_id::text, null, null, null, null, null,
             extract(epoch from a.starts_at) * 1000, extract(epoch from a.ends_at) * 1000, t.buffer_before_minutes, t.buffer_after_minutes
        from appointments a join appointment_types t on t.id = a.appointment_type_id
       where a.practice_id = ${practiceId} and a.active and a.provider_id in (select id from p)
         and a.starts_at < ${t}::timestamptz + ${PAD} and a.ends_at > ${f}::timestamptz - ${PAD}
         -- Visits last at most 480 minutes (type check), so this lower bound lets the index range-scan.
         and a.starts_at > ${f}::timestamptz - ${PAD} - interval '8 hours'
         and a.id is distinct from ${excludeAppointmentId}::uuid
         and not (a.status = 'HELD' and a.hold_expires_at <= now())`;
}

/** Rows of slotInputsQuery (tagged R rule, X exception, B booking) → rules, exceptions, bookings, providers with open time. */
export function toSlotInputs(rows: readonly Record<string, unknown>[]): SlotInputs {
  const out: SlotInputs = { providerIds: [], rules: [], exceptions: [], bookings: [] };
  const seen = new Set<string>();
  for (const r of rows) {
    const pid = String(r.pid);
    if (r.k === 'R') {
      out.rules.push({ providerId: pid, weekday: Number(r.wd), startTime: String(r.t1), endTime: String(r.t2), effectiveFrom: String(r.d1), effectiveTo: r.d2 == null ? null : String(r.d2) });
      seen.add(pid);
    } else if (r.k === 'X') {
      out.exceptions.push({ providerId: pid, kind: r.t1 as ExceptionRange['kind'], start: Number(r.s), end: Number(r.e) });
      if (r.t1 === 'EXTRA_HOURS') seen.add(pid);
    } else {
      out.bookings.push({ providerId: pid, start: Number(r.s), end: Number(r.e), bufferBefore: Number(r.bb), bufferAfter: Number(r.ba) });
    }
  }
  out.providerIds = [...seen].sort();
  return out;
}
