import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/** A cell lists its patients while it has at most this many (see analytics_cells). */
export const SAMPLE_LIMIT = 50;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/**
 * The months a recompute covers: null for all of them, else first days of months (YYYY-MM-01). The SQL
 * helpers below turn them into an exact month condition and a looser instant range an index can use.
 */
export type Months = readonly string[] | null;

/** `<expr> in (months)` for a date expression, or true when all months are recomputed. */
export function inMonths(expr: string, months: Months): SQL {
  if (months === null) return sql`true`;
  if (months.length === 0) return sql`false`;
  return sql`date_trunc('month', (${sql.raw(expr)})::timestamp)::date in (${sql.join(months.map((m) => sql`${m}::date`), sql`, `)})`;
}

/** `<instant expr>` within the months' span widened by a day each side (every local date), or true for all months. */
export function nearMonths(expr: string, months: Months): SQL {
  if (months === null) return sql`true`;
  if (months.length === 0) return sql`false`;
  const sorted = [...months].sort();
  return sql`${sql.raw(expr)} >= (${sorted[0]}::date - interval '1 day') and ${sql.raw(expr)} < (${sorted[sorted.length - 1]}::date + interval '1 month 1 day')`;
}

/** Age bands of the AGE_BAND dimension (age in whole years at the visit's local date; 90 and over collapsed, as Safe Harbor requires). */
export const AGE_BANDS = ['0-17', '18-34', '35-49', '50-64', '65-89', '90+'] as const;
const ageBand = (age: string) =>
  `case when ${age} < 18 then '0-17' when ${age} < 35 then '18-34' when ${age} < 50 then '35-49' when ${age} < 65 then '50-64' when ${age} < 90 then '65-89' else '90+' end`;

/**
 * One row per appointment of a practice that counts for analytics (not HELD, not ENTERED_IN_ERROR), with
 * its local bucket keys and the flags and values the rollups sum. The single definition both rollup
 * tables are built from, for all months or only some (the new-patient rule still looks at the whole
 * history: a visit is new when the patient has no earlier COMPLETED visit in the 3 years before it).
 */
const facts = (practiceId: string, months: Months) => sql`
  with a as (
    select a.id, a.patient_id, a.provider_id, a.location_id, a.appointment_type_id, a.modality, a.status,
           a.starts_at, a.created_at, a.cancelled_at, a.arrived_at,
           (a.starts_at at time zone l.time_zone)::date as local_day
    from appointments a join locations l on l.id = a.location_id
    where a.practice_id = ${practiceId} and a.status not in ('HELD', 'ENTERED_IN_ERROR') and ${nearMonths('a.starts_at', months)}
  ), roomed as (
    select h.appointment_id, min(h.changed_at) as roomed_at
    from appointment_status_history h
    where h.practice_id = ${practiceId} and h.to_status = 'IN_ROOM' and h.appointment_id in (select id from a)
    group by h.appointment_id
  )
  select a.patient_id, a.provider_id, a.location_id, a.appointment_type_id, a.modality,
         date_trunc('month', a.local_day::timestamp)::date as month,
         date_trunc('week', a.local_day::timestamp)::date as week,
         ${sql.raw(ageBand('extract(year from age(a.local_day, p.date_of_birth))'))} as age_band,
         a.status in ('ARRIVED', 'IN_ROOM', 'COMPLETED') as is_kept,
         a.status = 'NO_SHOW' as is_no_show,
         a.status = 'COMPLETED' as is_visit,
         (a.status = 'COMPLETED' and not exists (
            select 1 from appointments e where e.practice_id = ${practiceId} and e.patient_id = a.patient_id and e.status = 'COMPLETED'
              and (e.starts_at, e.id) < (a.starts_at, a.id) and e.starts_at > a.starts_at - interval '3 years')) as is_new,
         (a.status = 'CANCELLED' and a.cancelled_at is not null and a.cancelled_at > a.starts_at - interval '24 hours') as is_late_cancel,
         greatest(0, floor(extract(epoch from (a.starts_at - a.created_at)) / 86400))::int as lead_days,
         case when a.arrived_at is not null and r.roomed_at is not null
              then greatest(0, floor(extract(epoch from (r.roomed_at - a.arrived_at)) / 60))::int end as wait_minutes
  from a join patients p on p.id = a.patient_id left join roomed r on r.appointment_id = a.id
  where ${inMonths('a.local_day', months)}`;

const population = (name: string, condition: string) =>
  sql.raw(`count(distinct patient_id) filter (where ${condition}) as ${name}_patients,
    case when count(distinct patient_id) filter (where ${condition}) <= ${SAMPLE_LIMIT}
         then array_agg(distinct patient_id) filter (where ${condition}) end as ${name}_sample`);

/**
 * Recomputes one practice's visit rollups, for all months or only `months`, in the caller's transaction
 * (which holds the practice's refresh row, see refreshRollups).
 * @returns how many visit cells the practice has afterwards
 */
export async function rebuildRollups(tx: Db, practiceId: string, months: Months = null): Promise<number> {
  await tx.execute(sql`delete from analytics_cells where practice_id = ${practiceId} and ${inMonths('month', months)}`);
  await tx.execute(sql`delete from analytics_distributions where practice_id = ${practiceId} and ${inMonths('month', months)}`);
  const keys = sql.raw('month, week, provider_id, location_id, appointment_type_id, modality, age_band');
  // The facts are computed once (one pass over the appointments) and read by both inserts.
  await tx.execute(sql`drop table if exists analytics_visit_facts`);
  await tx.execute(sql`create temporary table analytics_visit_facts on commit drop as ${facts(practiceId, months)}`);
  await tx.execute(sql`insert into analytics_cells (practice_id, ${keys}, scheduled, kept, no_shows, late_cancels, visits, new_visits,
      telehealth_visits, roomed, scheduled_patients, scheduled_sample, due_patients, due_sample, visit_patients, visit_sample, roomed_patients, roomed_sample)
    select ${practiceId}, ${keys}, count(*), count(*) filter (where is_kept), count(*) filter (where is_no_show),
      count(*) filter (where is_late_cancel), count(*) filter (where is_visit), count(*) filter (where is_new),
      count(*) filter (where is_visit and modality = 'TELEHEALTH'), count(*) filter (where wait_minutes is not null),
      ${population('scheduled', 'true')}, ${population('due', 'is_kept or is_no_show')}, ${population('visit', 'is_visit')},
      ${population('roomed', 'wait_minutes is not null')}
    from analytics_visit_facts f group by ${keys}`);
  await tx.execute(sql`insert into analytics_distributions (practice_id, ${keys}, measure, value, n)
    select ${practiceId}, ${keys}, measure, value, count(*) from (
      select ${keys}, 'LEAD_TIME_DAYS' as measure, lead_days as value from analytics_visit_facts f
      union all
      select ${keys}, 'ROOMING_WAIT_MINUTES', wait_minutes from analytics_visit_facts f where wait_minutes is not null
    ) d group by ${keys}, measure, value`);
  const [done] = rowsOf<{ cells: number }>(await tx.execute(sql`select count(*)::int as cells from analytics_cells where practice_id = ${practiceId}`));
  return Number(done!.cells);
}

/**
 * When the practice's rollups were last rebuilt.
 * @returns null when they never were
 */
export async function lastRefresh(db: Db, practiceId: string): Promise<Date | null> {
  const [row] = rowsOf<{ refreshed_at: string | Date }>(await db.execute(sql`select refreshed_at from analytics_refreshes where practice_id = ${practiceId}`));
  return row ? new Date(row.refreshed_at) : null;
}
