import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { SAMPLE_LIMIT } from './rollup.repo.js';

/**
 * Open and booked time per provider, location and local day, over the days of the practice's
 * appointments. Open time is what the slot finder offers: weekly rules of the location (in force that
 * day, provider active and working there) plus EXTRA_HOURS, minus TIME_OFF and BLOCKED (at that location
 * or everywhere), as a multirange per day; booked time is the union of the day's appointments that hold
 * their time (not HELD, ENTERED_IN_ERROR or CANCELLED), intersected with the open time.
 */
function capacityFacts(practiceId: string): SQL {
  return sql`
    with loc as (select id, time_zone from locations where practice_id = ${practiceId}),
    booked as (
      select a.patient_id, a.provider_id, a.location_id, (a.starts_at at time zone l.time_zone)::date as day, tstzrange(a.starts_at, a.ends_at) as r
      from appointments a join loc l on l.id = a.location_id
      where a.practice_id = ${practiceId} and a.status not in ('HELD', 'ENTERED_IN_ERROR', 'CANCELLED')
    ),
    days as (
      select l.id as location_id, l.time_zone as tz, d::date as day,
             tstzrange(d::date::timestamp at time zone l.time_zone, (d::date + 1)::timestamp at time zone l.time_zone) as whole
      from loc l, (select min(day) as lo, max(day) as hi from booked) s, generate_series(s.lo, s.hi, interval '1 day') d
    ),
    linked as (select pl.provider_id, pl.location_id from provider_locations pl join providers p on p.id = pl.provider_id and p.active where pl.practice_id = ${practiceId}),
    opened as (
      select r.provider_id, dd.location_id, dd.day, dd.whole, tstzrange((dd.day + r.start_time) at time zone dd.tz, (dd.day + r.end_time) at time zone dd.tz) as w
      from availability_rules r join days dd on dd.location_id = r.location_id and extract(isodow from dd.day) = r.weekday
        and dd.day >= r.effective_from and (r.effective_to is null or dd.day <= r.effective_to)
      where r.practice_id = ${practiceId} and r.active and (r.provider_id, r.location_id) in (select provider_id, location_id from linked)
      union all
      select x.provider_id, dd.location_id, dd.day, dd.whole, tstzrange(x.starts_at, x.ends_at) * dd.whole
      from availability_exceptions x join days dd on (x.location_id is null or dd.location_id = x.location_id) and tstzrange(x.starts_at, x.ends_at) && dd.whole
      where x.practice_id = ${practiceId} and x.active and x.kind = 'EXTRA_HOURS' and (x.provider_id, dd.location_id) in (select provider_id, location_id from linked)
    ),
    open as (
      select o.provider_id, o.location_id, o.day,
             range_agg(o.w) - coalesce((select range_agg(tstzrange(x.starts_at, x.ends_at)) from availability_exceptions x
               where x.practice_id = ${practiceId} and x.active and x.kind <> 'EXTRA_HOURS' and x.provider_id = o.provider_id
                 and (x.location_id is null or x.location_id = o.location_id) and tstzrange(x.starts_at, x.ends_at) && o.whole), '{}'::tstzmultirange) as open
      from opened o group by o.provider_id, o.location_id, o.day, o.whole
    ),
    busy as (select provider_id, location_id, day, range_agg(r) as busy, count(*) as n from booked group by provider_id, location_id, day)
    select coalesce(o.provider_id, b.provider_id) as provider_id, coalesce(o.location_id, b.location_id) as location_id, coalesce(o.day, b.day) as day,
           coalesce((select sum(extract(epoch from upper(x) - lower(x))) from unnest(o.open) x), 0) / 60 as available_minutes,
           coalesce((select sum(extract(epoch from upper(x) - lower(x))) from unnest(o.open * b.busy) x), 0) / 60 as booked_minutes,
           coalesce(b.n, 0) as booked_appointments
    from open o full join busy b on b.provider_id = o.provider_id and b.location_id = o.location_id and b.day = o.day`;
}

/** Rebuilds one practice's capacity cells from its schedule, appointments and third-next-available snapshots (caller's transaction). */
export async function rebuildCapacityRollups(tx: Db, practiceId: string): Promise<void> {
  await tx.execute(sql`delete from analytics_capacity_cells where practice_id = ${practiceId}`);
  await tx.execute(sql`insert into analytics_capacity_cells (practice_id, month, week, provider_id, location_id, available_minutes, booked_minutes, booked_appointments,
      tnaa_days, tnaa_snapshots, booked_patients, booked_sample)
    select ${practiceId}::uuid, date_trunc('month', day::timestamp)::date, date_trunc('week', day::timestamp)::date, provider_id, location_id,
      sum(available_minutes)::int, sum(booked_minutes)::int, sum(booked_appointments)::int, sum(tnaa_days)::int, sum(tnaa_snapshots)::int,
      count(distinct patient_id),
      case when count(distinct patient_id) <= ${SAMPLE_LIMIT} then array_agg(distinct patient_id) filter (where patient_id is not null) end
    from (
      select null::uuid as patient_id, provider_id, location_id, day, available_minutes, booked_minutes, booked_appointments, 0 as tnaa_days, 0 as tnaa_snapshots
        from (${capacityFacts(practiceId)}) c
      union all
      select a.patient_id, a.provider_id, a.location_id, (a.starts_at at time zone l.time_zone)::date, 0, 0, 0, 0, 0
        from appointments a join locations l on l.id = a.location_id
        where a.practice_id = ${practiceId} and a.status not in ('HELD', 'ENTERED_IN_ERROR', 'CANCELLED')
      union all
      select null, provider_id, location_id, day, 0, 0, 0, days, 1 from analytics_tnaa_snapshots where practice_id = ${practiceId}
    ) f
    group by 2, 3, 4, 5`);
}
