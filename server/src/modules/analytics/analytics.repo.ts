import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Dimension, MetricQuery } from './analytics-query.js';
import type { DistributionKey, Population, SumKey } from './metric.registry.js';

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

const COLUMN: Record<Dimension, string> = { PROVIDER: 'provider_id', LOCATION: 'location_id', APPOINTMENT_TYPE: 'appointment_type_id', MODALITY: 'modality' };
const SUMS: Record<SumKey, string> = {
  scheduled: 'scheduled',
  kept: 'kept',
  noShows: 'no_shows',
  lateCancels: 'late_cancels',
  visits: 'visits',
  newVisits: 'new_visits',
  telehealthVisits: 'telehealth_visits',
  roomed: 'roomed',
};
const POPULATION_PATIENTS: Record<Population, string> = { scheduled: 'scheduled', due: 'due', visit: 'visit', roomed: 'roomed' };

/** The bucket label of a row (month YYYY-MM, quarter YYYY-Qn, ISO week YYYY-Www) and the period condition. */
function bucketing(q: MetricQuery): { label: SQL; period: SQL } {
  if (q.grain === 'WEEK') {
    // Whole ISO weeks whose Monday falls in the period: a week row never covers part of a week.
    return { label: sql.raw(`to_char(week, 'IYYY-"W"IW')`), period: sql`week >= ${q.from}::date and week < (${q.to}::date + interval '1 month')` };
  }
  // Literal formats (never parameters): the select list and GROUP BY must hold the very same expression.
  const label = q.grain === 'MONTH' ? sql.raw(`to_char(month, 'YYYY-MM')`) : sql.raw(`to_char(month, 'YYYY-"Q"Q')`);
  return { label, period: sql`month >= ${q.from}::date and month <= ${q.to}::date` };
}

const inList = (dim: Dimension, values: readonly string[]) =>
  sql`${sql.raw(COLUMN[dim])} in (${sql.join(values.map((v) => (dim === 'MODALITY' ? sql`${v}` : sql`${v}::uuid`)), sql`, `)})`;

/** One group of rollup cells: its bucket, the values of the asked dimensions, the sums and the population's patients. */
export interface CellGroup {
  bucket: string;
  dims: Partial<Record<Dimension, string>>;
  sums: Record<SumKey, number>;
  /** The largest exact distinct-patient count of one cell of the group. */
  maxCellPatients: number;
  /** Patients (comma-separated ids, with repeats) of the group's cells that have fewer than `threshold` each. */
  smallCellPatients: string | null;
}

/**
 * Sums the rollup cells of a practice's period grouped by bucket and `dims`; no filter is applied here
 * (the service needs the complements of filtered values too).
 * @param threshold - cells below it list their patients in smallCellPatients
 */
export async function groupCells(db: Db, practiceId: string, q: MetricQuery, dims: readonly Dimension[], population: Population, threshold: number): Promise<CellGroup[]> {
  const { label, period } = bucketing(q);
  const pop = POPULATION_PATIENTS[population];
  const dimCols = dims.map((d) => sql.raw(COLUMN[d]));
  const sums = (Object.keys(SUMS) as SumKey[]).map((k) => sql.raw(`sum(${SUMS[k]})::int as "${k}"`));
  const groupCols = [label, ...dimCols];
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${label} as bucket, ${sql.join([...dimCols.map((c, i) => sql`${c}::text as ${sql.raw(`d${i}`)}`), ...sums], sql`, `)},
        max(${sql.raw(`${pop}_patients`)})::int as max_cell_patients,
        string_agg(array_to_string(${sql.raw(`${pop}_sample`)}, ','), ',') filter (where ${sql.raw(`${pop}_patients`)} < ${threshold}) as small_cell_patients
      from analytics_cells where practice_id = ${practiceId} and ${period}
      group by ${sql.join(groupCols, sql`, `)}`),
  );
  return rows.map((r) => ({
    bucket: String(r.bucket),
    dims: Object.fromEntries(dims.map((d, i) => [d, String(r[`d${i}`])])),
    sums: Object.fromEntries((Object.keys(SUMS) as SumKey[]).map((k) => [k, Number(r[k])])) as Record<SumKey, number>,
    maxCellPatients: Number(r.max_cell_patients),
    smallCellPatients: (r.small_cell_patients as string | null) ?? null,
  }));
}

/** How many appointments had each value of a distribution, per bucket and grouped dimensions, with the filters applied. */
export interface DistributionGroup {
  bucket: string;
  dims: Partial<Record<Dimension, string>>;
  value: number;
  n: number;
}

export async function groupDistribution(db: Db, practiceId: string, q: MetricQuery, key: DistributionKey): Promise<DistributionGroup[]> {
  const { label, period } = bucketing(q);
  const dimCols = q.groupBy.map((d) => sql.raw(COLUMN[d]));
  const filters = (Object.entries(q.filters) as [Dimension, string[]][]).map(([d, v]) => sql` and ${inList(d, v)}`);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${label} as bucket, ${sql.join([...dimCols.map((c, i) => sql`${c}::text as ${sql.raw(`d${i}`)}`), sql`value, sum(n)::int as n`], sql`, `)}
      from analytics_distributions where practice_id = ${practiceId} and measure = ${key} and ${period}${sql.join(filters, sql``)}
      group by ${sql.join([label, ...dimCols, sql`value`], sql`, `)}`),
  );
  return rows.map((r) => ({ bucket: String(r.bucket), dims: Object.fromEntries(q.groupBy.map((d, i) => [d, String(r[`d${i}`])])), value: Number(r.value), n: Number(r.n) }));
}

/** Display names of the practice's providers, locations and appointment types among `ids`; other practices' ids are absent. */
export async function dimensionNames(db: Db, practiceId: string, dim: Exclude<Dimension, 'MODALITY'>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const query = {
    PROVIDER: sql`select id::text as id, concat_ws(' ', given_name, family_name) || coalesce(', ' || credentials, '') as name from providers where practice_id = ${practiceId} and id in (${list})`,
    LOCATION: sql`select id::text as id, name from locations where practice_id = ${practiceId} and id in (${list})`,
    APPOINTMENT_TYPE: sql`select id::text as id, name from appointment_types where practice_id = ${practiceId} and id in (${list})`,
  }[dim];
  return new Map(rowsOf<{ id: string; name: string }>(await db.execute(query)).map((r) => [r.id, r.name]));
}
