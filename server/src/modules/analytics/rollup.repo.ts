import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/** A cell lists its patients while it has at most this many (see analytics_cells). */
export const SAMPLE_LIMIT = 50;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/**
 * One row per appointment of a practice that counts for analytics (not HELD, not ENTERED_IN_ERROR), with
 * its local bucket keys and the flags and values the rollups sum. The single definition both rollup
 * tables are built from.
 */
const facts = (practiceId: string) => sql`
  with a as (
    select a.id, a.patient_id, a.provider_id, a.location_id, a.appointment_type_id, a.modality, a.status,
           a.starts_at, a.created_at, a.cancelled_at, a.arrived_at,
           (a.starts_at at time zone l.time_zone)::date as local_day
    from appointments a join locations l on l.id = a.location_id
    where a.practice_id = ${practiceId} and a.status not in ('HELD', 'ENTERED_IN_ERROR')
  ), completed as (
    select id, lag(starts_at) over (partition by patient_id order by starts_at, id) as previous_visit, starts_at
    from a where status = 'COMPLETED'
  ), roomed as (
    select h.appointment_id, min(h.changed_at) as roomed_at
    from appointment_status_history h
    where h.practice_id = ${practiceId} and h.to_status = 'IN_ROOM'
    group by h.appointment_id
  )
  select a.patient_id, a.provider_id, a.location_id, a.appointment_type_id, a.modality,
         date_trunc('month', a.local_day::timestamp)::date as month,
         date_trunc('week', a.local_day::timestamp)::date as week,
         a.status in ('ARRIVED', 'IN_ROOM', 'COMPLETED') as is_kept,
         a.status = 'NO_SHOW' as is_no_show,
         a.status = 'COMPLETED' as is_visit,
         (c.id is not null and (c.previous_visit is null or c.previous_visit <= c.starts_at - interval '3 years')) as is_new,
         (a.status = 'CANCELLED' and a.cancelled_at is not null and a.cancelled_at > a.starts_at - interval '24 hours') as is_late_cancel,
         greatest(0, floor(extract(epoch from (a.starts_at - a.created_at)) / 86400))::int as lead_days,
         case when a.arrived_at is not null and r.roomed_at is not null
              then greatest(0, floor(extract(epoch from (r.roomed_at - a.arrived_at)) / 60))::int end as wait_minutes
  from a left join completed c on c.id = a.id left join roomed r on r.appointment_id = a.id`;

const population = (name: string, condition: string) =>
  sql.raw(`count(distinct patient_id) filter (where ${condition}) as ${name}_patients,
    case when count(distinct patient_id) filter (where ${condition}) <= ${SAMPLE_LIMIT}
         then array_agg(distinct patient_id) filter (where ${condition}) end as ${name}_sample`);

/**
 * Rebuilds one practice's rollups from its appointments, in the caller's transaction. The first
 * statement upserts the practice's refresh row, so concurrent refreshes of one practice run one after
 * the other.
 * @returns the refresh instant (the transaction's start) and the number of cells written
 */
export async function rebuildRollups(tx: Db, practiceId: string): Promise<{ refreshedAt: Date; cells: number }> {
  await tx.execute(sql`insert into analytics_refreshes (practice_id, refreshed_at, cells) values (${practiceId}, now(), 0)
    on conflict (practice_id) do update set refreshed_at = now()`);
  await tx.execute(sql`delete from analytics_cells where practice_id = ${practiceId}`);
  await tx.execute(sql`delete from analytics_distributions where practice_id = ${practiceId}`);
  const keys = sql.raw('month, week, provider_id, location_id, appointment_type_id, modality');
  // The facts are computed once (one pass over the appointments) and read by both inserts.
  await tx.execute(sql`drop table if exists analytics_visit_facts`);
  await tx.execute(sql`create temporary table analytics_visit_facts on commit drop as ${facts(practiceId)}`);
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
  const [done] = rowsOf<{ refreshed_at: string | Date; cells: number }>(
    await tx.execute(sql`update analytics_refreshes set cells = (select count(*) from analytics_cells where practice_id = ${practiceId})
      where practice_id = ${practiceId} returning refreshed_at, cells`),
  );
  return { refreshedAt: new Date(done!.refreshed_at), cells: Number(done!.cells) };
}

/**
 * When the practice's rollups were last rebuilt.
 * @returns null when they never were
 */
export async function lastRefresh(db: Db, practiceId: string): Promise<Date | null> {
  const [row] = rowsOf<{ refreshed_at: string | Date }>(await db.execute(sql`select refreshed_at from analytics_refreshes where practice_id = ${practiceId}`));
  return row ? new Date(row.refreshed_at) : null;
}
