import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Dimension, MetricQuery } from './analytics-query.js';
import type { DistributionKey, Population, RollupSource, SumKey } from './metric.registry.js';

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** One rollup table: its dimension columns, its sums (key → column) and its population column prefixes. */
interface SourceTable {
  table: string;
  columns: Partial<Record<Dimension, string>>;
  sums: Partial<Record<SumKey, string>>;
  /** Dimension columns are text ('' = none) rather than uuid. */
  textKeys: boolean;
  /** Population → prefix of its `_patients` / `_sample` columns, when not the population's own name. */
  patients?: Partial<Record<Population, string>>;
}
const FINANCE_SUMS: Partial<Record<SumKey, string>> = {
  entries: 'entries', charges: 'charges_cents', insurancePayments: 'insurance_payments_cents', patientPayments: 'patient_payments_cents', refunds: 'refunds_cents',
  contractual: 'contractual_cents', patientResponsibility: 'patient_responsibility_cents', otherAdjustments: 'other_adjustment_cents', writeOffs: 'write_off_cents',
  arChange: 'ar_change_cents', arOver90Change: 'ar_over90_change_cents', claimsSubmitted: 'claims_submitted', claimsAnswered: 'claims_answered', claimsClean: 'claims_clean',
  claimsAdjudicated: 'claims_adjudicated', claimsDenied: 'claims_denied', claimsPaid: 'claims_paid', daysToPayment: 'days_to_payment', deniedWithReason: 'denied_with_reason',
};
const SOURCES: Record<RollupSource, SourceTable> = {
  visits: {
    table: 'analytics_cells',
    columns: { PROVIDER: 'provider_id', LOCATION: 'location_id', APPOINTMENT_TYPE: 'appointment_type_id', MODALITY: 'modality', AGE_BAND: 'age_band' },
    sums: { scheduled: 'scheduled', kept: 'kept', noShows: 'no_shows', lateCancels: 'late_cancels', visits: 'visits', newVisits: 'new_visits', telehealthVisits: 'telehealth_visits', roomed: 'roomed' },
    textKeys: false,
  },
  finance: {
    table: 'analytics_finance_cells',
    columns: { PROVIDER: 'provider_id', LOCATION: 'location_id', PAYER: 'payer_id', ADJUSTMENT_GROUP: 'adjustment_group', REASON_CODE: 'reason_code' },
    sums: FINANCE_SUMS,
    textKeys: true,
  },
  capacity: {
    table: 'analytics_capacity_cells',
    columns: { PROVIDER: 'provider_id', LOCATION: 'location_id' },
    sums: { availableMinutes: 'available_minutes', bookedMinutes: 'booked_minutes', bookedAppointments: 'booked_appointments', tnaaDays: 'tnaa_days', tnaaSnapshots: 'tnaa_snapshots' },
    textKeys: false,
    patients: { measured: 'booked' },
  },
};
/** Every sum key, so rows of either table carry all of them (0 where the table has none). */
export const SUM_KEYS = Object.values(SOURCES).flatMap((s) => Object.keys(s.sums)) as SumKey[];
/** The pre-summed finance months: the finance cells' sums, without week, adjustment group and reason. */
const FINANCE_MONTHS: SourceTable = { table: 'analytics_finance_months', columns: { PROVIDER: 'provider_id', LOCATION: 'location_id', PAYER: 'payer_id' }, sums: FINANCE_SUMS, textKeys: true };

/**
 * The table a query of `source` reads: revenue-cycle queries by month or quarter that neither group nor filter by a
 * dimension the pre-summed months lack (adjustment group, reason) read analytics_finance_months — the same
 * sums, and exact distinct patients per coarser cell, so the same answers (see suppression.rules' hasAtLeast).
 */
function sourceFor(source: RollupSource, grain: MetricQuery['grain'], dims: readonly Dimension[]): SourceTable {
  if (source === 'finance' && grain !== 'WEEK' && dims.every((d) => FINANCE_MONTHS.columns[d] !== undefined)) return FINANCE_MONTHS;
  return SOURCES[source];
}

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

const inList = (src: SourceTable, dim: Dimension, values: readonly string[]) =>
  sql`${sql.raw(src.columns[dim]!)} in (${sql.join(values.map((v) => (dim === 'MODALITY' || src.textKeys ? sql`${v}` : sql`${v}::uuid`)), sql`, `)})`;

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
export async function groupCells(db: Db, practiceId: string, source: RollupSource, q: MetricQuery, dims: readonly Dimension[], population: Population, threshold: number): Promise<CellGroup[]> {
  const src = sourceFor(source, q.grain, dims);
  const { label, period } = bucketing(q);
  const pop = src.patients?.[population] ?? population;
  const dimCols = dims.map((d) => sql.raw(src.columns[d]!));
  const sums = SUM_KEYS.map((k) => sql.raw(src.sums[k] ? `sum(${src.sums[k]})::bigint as "${k}"` : `0 as "${k}"`));
  const groupCols = [label, ...dimCols];
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${label} as bucket, ${sql.join([...dimCols.map((c, i) => sql`${c}::text as ${sql.raw(`d${i}`)}`), ...sums], sql`, `)},
        max(${sql.raw(`${pop}_patients`)})::int as max_cell_patients,
        string_agg(array_to_string(${sql.raw(`${pop}_sample`)}, ','), ',') filter (where ${sql.raw(`${pop}_patients`)} < ${threshold}) as small_cell_patients
      from ${sql.raw(src.table)} where practice_id = ${practiceId} and ${period}
      group by ${sql.join(groupCols, sql`, `)}`),
  );
  return rows.map((r) => ({
    bucket: String(r.bucket),
    dims: Object.fromEntries(dims.map((d, i) => [d, String(r[`d${i}`])])),
    sums: Object.fromEntries(SUM_KEYS.map((k) => [k, Number(r[k])])) as Record<SumKey, number>,
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
  const src = SOURCES.visits;
  const dimCols = q.groupBy.map((d) => sql.raw(src.columns[d]!));
  const filters = (Object.entries(q.filters) as [Dimension, string[]][]).map(([d, v]) => sql` and ${inList(src, d, v)}`);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${label} as bucket, ${sql.join([...dimCols.map((c, i) => sql`${c}::text as ${sql.raw(`d${i}`)}`), sql`value, sum(n)::int as n`], sql`, `)}
      from analytics_distributions where practice_id = ${practiceId} and measure = ${key} and ${period}${sql.join(filters, sql``)}
      group by ${sql.join([label, ...dimCols, sql`value`], sql`, `)}`),
  );
  return rows.map((r) => ({ bucket: String(r.bucket), dims: Object.fromEntries(q.groupBy.map((d, i) => [d, String(r[`d${i}`])])), value: Number(r.value), n: Number(r.n) }));
}

/** Dimensions whose values are ids of the practice's own records, named in answers. */
export type NamedDimension = 'PROVIDER' | 'LOCATION' | 'APPOINTMENT_TYPE' | 'PAYER';

/** Display names of the practice's providers, locations, appointment types and payers among `ids`; other practices' ids are absent. */
export async function dimensionNames(db: Db, practiceId: string, dim: NamedDimension, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const query = {
    PROVIDER: sql`select id::text as id, concat_ws(' ', given_name, family_name) || coalesce(', ' || credentials, '') as name from providers where practice_id = ${practiceId} and id in (${list})`,
    LOCATION: sql`select id::text as id, name from locations where practice_id = ${practiceId} and id in (${list})`,
    APPOINTMENT_TYPE: sql`select id::text as id, name from appointment_types where practice_id = ${practiceId} and id in (${list})`,
    PAYER: sql`select id::text as id, name from payers where practice_id = ${practiceId} and id in (${list})`,
  }[dim];
  return new Map(rowsOf<{ id: string; name: string }>(await db.execute(query)).map((r) => [r.id, r.name]));
}

/** Balance changes of one bucket (`''` = every month before the period) and grouped values, filters applied. */
export interface BalanceChange {
  bucket: string;
  dims: Partial<Record<Dimension, string>>;
  ar: number;
  arOver90: number;
}

/**
 * The finance cells' balance changes up to the end of the period, grouped by bucket and `q.groupBy` with the
 * filters applied in SQL, every month before the period summed into one opening bucket `''` (so the
 * running totals read the two change columns only, not every cell of all history).
 */
export async function balanceChanges(db: Db, practiceId: string, q: MetricQuery): Promise<BalanceChange[]> {
  const src = sourceFor('finance', q.grain, [...q.groupBy, ...(Object.keys(q.filters) as Dimension[])]);
  const { label } = bucketing(q);
  const opening = q.grain === 'WEEK' ? sql`week < ${q.from}::date` : sql`month < ${q.from}::date`;
  const end = q.grain === 'WEEK' ? sql`week < (${q.to}::date + interval '1 month')` : sql`month <= ${q.to}::date`;
  const dimCols = q.groupBy.map((d) => sql.raw(src.columns[d]!));
  const filters = (Object.entries(q.filters) as [Dimension, string[]][]).map(([d, v]) => sql` and ${inList(src, d, v)}`);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select case when ${opening} then '' else ${label} end as bucket, ${sql.join([...dimCols.map((c, i) => sql`${c}::text as ${sql.raw(`d${i}`)}`), sql`sum(ar_change_cents)::bigint as ar, sum(ar_over90_change_cents)::bigint as ar_over90`], sql`, `)}
      from ${sql.raw(src.table)} where practice_id = ${practiceId} and ${end}${sql.join(filters, sql``)}
      group by ${sql.raw(Array.from({ length: dimCols.length + 1 }, (_, i) => String(i + 1)).join(', '))}`),
  );
  return rows.map((r) => ({ bucket: String(r.bucket), dims: Object.fromEntries(q.groupBy.map((d, i) => [d, String(r[`d${i}`])])), ar: Number(r.ar), arOver90: Number(r.ar_over90) }));
}
