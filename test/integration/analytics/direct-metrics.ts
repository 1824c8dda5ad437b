import { sql } from 'drizzle-orm';
import type { Db } from '../../../server/src/db/client.js';

export interface Shape {
  grain: 'WEEK' | 'MONTH' | 'QUARTER';
  groupBy: ('PROVIDER' | 'LOCATION' | 'APPOINTMENT_TYPE' | 'MODALITY' | 'AGE_BAND')[];
  providerIds?: string[];
  modalities?: string[];
}

const COLUMN = { PROVIDER: 'provider_id', LOCATION: 'location_id', APPOINTMENT_TYPE: 'appointment_type_id', MODALITY: 'modality', AGE_BAND: 'age_band' } as const;
/** Age bands by width_bucket over their lower bounds (a second writing of the bands, apart from the rollup's CASE). */
const BAND_LABELS = `array['0-17', '18-34', '35-49', '50-64', '65-89', '90+']`;

/**
 * Every measure computed straight from appointments, locations and the status history, written apart
 * from the rollups (no shared SQL): one row per bucket and grouped values, keyed like the API's rows.
 */
export async function directMeasures(db: Db, practiceId: string, from: string, to: string, shape: Shape): Promise<Map<string, Record<string, number | null>>> {
  const label = { MONTH: `to_char(d, 'YYYY-MM')`, QUARTER: `to_char(d, 'YYYY') || '-Q' || extract(quarter from d)::int`, WEEK: `to_char(d, 'IYYY-"W"IW')` }[shape.grain];
  const period =
    shape.grain === 'WEEK'
      ? sql`date_trunc('week', d)::date between ${`${from}-01`}::date and (${`${to}-01`}::date + interval '1 month' - interval '1 day')::date`
      : sql`d between ${`${from}-01`}::date and (${`${to}-01`}::date + interval '1 month' - interval '1 day')::date`;
  const dims = shape.groupBy.map((g) => `${COLUMN[g]}::text`);
  const filters = [
    shape.providerIds ? sql` and provider_id in (${sql.join(shape.providerIds.map((p) => sql`${p}::uuid`), sql`, `)})` : sql``,
    shape.modalities ? sql` and modality in (${sql.join(shape.modalities.map((m) => sql`${m}`), sql`, `)})` : sql``,
  ];
  const result = await db.execute(sql`
    with x as (
      select a.*, (a.starts_at at time zone l.time_zone)::date as d,
        greatest(0, floor(extract(epoch from a.starts_at - a.created_at) / 86400)) as lead,
        (select greatest(0, floor(extract(epoch from min(h.changed_at) - a.arrived_at) / 60)) from appointment_status_history h
          where h.appointment_id = a.id and h.to_status = 'IN_ROOM' and a.arrived_at is not null having count(*) > 0) as wait,
        a.status = 'COMPLETED' and not exists (select 1 from appointments p where p.practice_id = a.practice_id and p.patient_id = a.patient_id
          and p.status = 'COMPLETED' and p.starts_at < a.starts_at and p.starts_at > a.starts_at - interval '3 years') as is_new,
        (${sql.raw(BAND_LABELS)})[1 + width_bucket(
          (extract(year from (a.starts_at at time zone l.time_zone)::date) - extract(year from pt.date_of_birth))::int
            - (case when to_char((a.starts_at at time zone l.time_zone)::date, 'MMDD') < to_char(pt.date_of_birth, 'MMDD') then 1 else 0 end),
          array[18, 35, 50, 65, 90])] as age_band
      from appointments a join locations l on l.id = a.location_id join patients pt on pt.id = a.patient_id
      where a.practice_id = ${practiceId} and a.status <> 'HELD' and a.status <> 'ENTERED_IN_ERROR'
    )
    select ${sql.raw(label)} as bucket ${sql.raw(dims.map((d, i) => `, ${d} as d${i}`).join(''))},
      count(*)::int as scheduled,
      count(*) filter (where status = 'COMPLETED')::int as visits,
      count(*) filter (where is_new)::int as new_visits,
      count(*) filter (where status = 'COMPLETED' and modality = 'TELEHEALTH')::int as tele,
      count(*) filter (where status in ('ARRIVED', 'IN_ROOM', 'COMPLETED', 'NO_SHOW'))::int as due,
      count(*) filter (where status = 'NO_SHOW')::int as no_shows,
      count(*) filter (where status = 'CANCELLED' and cancelled_at > starts_at - interval '1 day')::int as late,
      count(wait)::int as roomed,
      percentile_disc(0.5) within group (order by lead) as lead50,
      percentile_disc(0.9) within group (order by lead) as lead90,
      percentile_disc(0.5) within group (order by wait) as wait50,
      percentile_disc(0.9) within group (order by wait) as wait90
    from x where ${period}${sql.join(filters, sql``)}
    group by 1 ${sql.raw(dims.map((_, i) => `, ${i + 2}`).join(''))}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const out = new Map<string, Record<string, number | null>>();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  for (const r of rows) {
    const key = [r.bucket, ...shape.groupBy.map((_, i) => r[`d${i}`])].join('|');
    const n = (k: string) => Number(r[k]);
    out.set(key, {
      scheduled: n('scheduled'),
      visits: n('visits'),
      newPatientVisits: n('new_visits'),
      establishedPatientVisits: n('visits') - n('new_visits'),
      newPatientShare: ratio(n('new_visits'), n('visits')),
      dueAppointments: n('due'),
      noShows: n('no_shows'),
      noShowRate: ratio(n('no_shows'), n('due')),
      scheduledAppointments: n('scheduled'),
      lateCancellations: n('late'),
      lateCancellationRate: ratio(n('late'), n('scheduled')),
      appointments: n('scheduled'),
      medianDays: num(r.lead50),
      p90Days: num(r.lead90),
      roomedVisits: n('roomed'),
      medianMinutes: num(r.wait50),
      p90Minutes: num(r.wait90),
      telehealthVisits: n('tele'),
      telehealthShare: ratio(n('tele'), n('visits')),
    });
  }
  return out;
}
