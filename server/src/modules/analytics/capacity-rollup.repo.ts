import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inMonths, type Months, nearMonths, SAMPLE_LIMIT } from './rollup.repo.js';

/**
 * Open and booked time per provider, location and local day, over the days of the practice's
 * appointments. Open time is what the slot finder offers: weekly rules of the location (in force that
 * day, provider active and working there) plus EXTRA_HOURS, minus TIME_OFF and BLOCKED (at that location
 * or everywhere), as a multirange per day; booked time is the union of the day's appointments that hold
 * their time (not HELD, ENTERED_IN_ERROR or CANCELLED), intersected with the open time.
 */
function capacityFacts(practiceId: string, months: Months): SQL {
  return sql`
    with loc as (select id, time_zone from locations where practice_id = ${practiceId}),
    held as (
      select a.location_id, a.starts_at from appointments a
      where a.practice_id = ${practiceId} and a.status not in ('HELD', 'ENTERED_IN_ERROR', 'CANCELLED')
    ),
    booked as (
      select a.patient_id, a.provider_id, a.location_id, (a.starts_at at time zone l.time_zone)::date as day, tstzrange(a.starts_at, a.ends_at) as r
      from appointments a join loc l on l.id = a.location_id
      where a.practice_id = ${practiceId} and a.status not in ('HELD', 'ENTERED_IN_ERROR', 'CANCELLED') and ${nearMonths('a.starts_at', months)}
    ),
    -- Every day from the first to the last day holding an appointment (all months), of the recomputed months.
    days as (
      select l.id as location_id, l.time_zone as tz, d::date as day,
             tstzrange(d::date::timestamp at time zone l.time_zone, (d::date + 1)::timestamp at time zone l.time_zone) as whole
      from loc l, (select min((h.starts_at at time zone l2.time_zone)::date) as lo, max((h.starts_at at time zone l2.time_zone)::date) as hi
                   from held h join loc l2 on l2.id = h.location_id) s, generate_series(s.lo, s.hi, interval '1 day') d
      where ${inMonths('d', months)}
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
    busy as (select provider_id, location_id, day, range_agg(r) as busy, count(*) as n from booked where ${inMonths('day', months)} group by provider_id, location_id, day)
    select coalesce(o.provider_id, b.provider_id) as provider_id, coalesce(o.location_id, b.location_id) as location_id, coalesce(o.day, b.day) as day,
           coalesce((select sum(extract(epoch from upper(x) - lower(x))) from unnest(o.open) x), 0) / 60 as available_minutes,
           coalesce((select sum(extract(epoch from upper(x) - lower(x))) from unnest(o.open * b.busy) x), 0) / 60 as booked_minutes,
           coalesce(b.n, 0) as booked_appointments
    from open o full join busy b on b.provider_id = o.provider_id and b.location_id = o.location_id and b.day = o.day`;
}

/** Recomputes one practice's capacity cells, for all months or only `months`, from its schedule, appointments and third-next-available snapshots (caller's transaction). */
export async function rebuildCapacityRollups(tx: Db, practiceId: string, months: Months = null): Promise<void> {
  await tx.execute(sql`delete from analytics_capacity_cells where practice_id = ${practiceId} and ${inMonths('month', months)}`);
  await tx.execute(sql`insert into analytics_capacity_cells (practice_id, month, week, provider_id, location_id, available_minutes, booked_minutes, booked_appointments,
      tnaa_days, tnaa_snapshots, booked_patients, booked_sample)
    select ${practiceId}::uuid, date_trunc('month', day::timestamp)::date, date_trunc('week', day::timestamp)::date, provider_id, location_id,
      sum(available_minutes)::int, sum(booked_minutes)::int, sum(booked_appointments)::int, sum(tnaa_days)::int, sum(tnaa_snapshots)::int,
      count(distinct patient_id),
      case when count(distinct patient_id) <= ${SAMPLE_LIMIT} then array_agg(distinct patient_id) filter (where patient_id is not null) end
    from (
      select null::uuid as patient_id, provider_id, location_id, day, available_minutes, booked_minutes, booked_appointments, 0 as tnaa_days, 0 as tnaa_snapshots
        from (${capacityFacts(practiceId, months)}) c
      union all
      select a.patient_id, a.provider_id, a.location_id, (a.starts_at at time zone l.time_zone)::date, 0, 0, 0, 0, 0
        from appointments a join locations l on l.id = a.location_id
        where a.practice_id = ${practiceId} and a.status not in ('HELD', 'ENTERED_IN_ERROR', 'CANCELLED') and ${nearMonths('a.starts_at', months)}
      union all
      select null, provider_id, location_id, day, 0, 0, 0, days, 1 from analytics_tnaa_snapshots where practice_id = ${practiceId}
    ) f
    where ${inMonths('day', months)}
    group by 2, 3, 4, 5`);
}

/**
 * Capacity cells cover every day from the practice's first to its last day holding an appointment, so when
 * that span grows or shrinks, the months between the old and the new ends change too (open time with no
 * booking appears or goes) without any write in them. The months of the old span (the cells) and the new
 * one (the appointments) that are in only one of them.
 */
export async function capacitySpanChanges(tx: Db, practiceId: string): Promise<string[]> {
  const rows = (await tx.execute(sql`
    with old as (select min(month) as lo, max(month) as hi from analytics_capacity_cells where practice_id = ${practiceId} and available_minutes + booked_appointments > 0),
    new as (
      select date_trunc('month', min((a.starts_at at time zone l.time_zone)::date)::timestamp)::date as lo,
             date_trunc('month', max((a.starts_at at time zone l.time_zone)::date)::timestamp)::date as hi
      from appointments a join locations l on l.id = a.location_id
      where a.practice_id = ${practiceId} and a.status not in ('HELD', 'ENTERED_IN_ERROR', 'CANCELLED')
    ),
    months as (
      select generate_series(least(old.lo, new.lo), greatest(old.hi, new.hi), interval '1 month')::date as m, old.lo as olo, old.hi as ohi, new.lo as nlo, new.hi as nhi
      from old, new where old.lo is not null and new.lo is not null
    )
    select to_char(m, 'YYYY-MM-DD') as month from months where (m between olo and ohi) <> (m between nlo and nhi)`)) as unknown;
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { month: string }[];
  return list.map((r) => r.month);
}
