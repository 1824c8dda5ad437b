import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { notFound } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { type Dimension, type MetricQuery, parseMetricQuery, type RawMetricQuery } from './analytics-query.js';
import { type BalanceChange, balanceChanges, type CellGroup, dimensionNames, groupCells, groupDistribution, type NamedDimension } from './analytics.repo.js';
import type { DistributionKey, MetricDefinition, SumKey } from './metric.registry.js';
import { lastRefresh } from './rollup.repo.js';
import { refreshRollups } from './rollup.service.js';
import { draftRows, MIN_SUPPRESSION_THRESHOLD } from './suppression.rules.js';

/** One answer row: the bucket, the grouped dimensions (named), `suppressed`, and one property per measure. */
export type MetricRowData = {
  bucket: string;
  providerId?: string | null;
  providerName?: string | null;
  locationId?: string | null;
  locationName?: string | null;
  appointmentTypeId?: string | null;
  appointmentTypeName?: string | null;
  modality?: string | null;
  ageBand?: string | null;
  payerId?: string | null;
  payerName?: string | null;
  adjustmentGroup?: string | null;
  reasonCode?: string | null;
  suppressed: boolean;
} & Record<string, unknown>;

export interface MetricAnswerData {
  metric: string;
  version: number;
  asOf: Date;
  threshold: number;
  grain: string;
  from: string;
  to: string;
  rows: MetricRowData[];
}

const ENTITY: Record<NamedDimension, string> = { PROVIDER: 'Provider', LOCATION: 'Location', APPOINTMENT_TYPE: 'AppointmentType', PAYER: 'Payer' };
const NAMED = Object.keys(ENTITY) as NamedDimension[];
const FIELD: Record<NamedDimension, string> = { PROVIDER: 'provider', LOCATION: 'location', APPOINTMENT_TYPE: 'appointmentType', PAYER: 'payer' };
const CODED: Partial<Record<Dimension, 'modality' | 'ageBand' | 'adjustmentGroup' | 'reasonCode'>> = { MODALITY: 'modality', AGE_BAND: 'ageBand', ADJUSTMENT_GROUP: 'adjustmentGroup', REASON_CODE: 'reasonCode' };
/** Dimensions that describe adjustments only: grouped by them, cells of other facts ('' value) make no row. */
const ADJUSTMENT_ONLY: readonly Dimension[] = ['ADJUSTMENT_GROUP', 'REASON_CODE'];
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Calendar days of a bucket label (YYYY-MM, YYYY-Qn, YYYY-Www). */
export function bucketDays(bucket: string): number {
  if (bucket.includes('W')) return 7;
  const year = Number(bucket.slice(0, 4));
  const [first, last] = bucket.includes('Q') ? [(Number(bucket.slice(6)) - 1) * 3, (Number(bucket.slice(6)) - 1) * 3 + 2] : [Number(bucket.slice(5)) - 1, Number(bucket.slice(5)) - 1];
  return Math.round((Date.UTC(year, last + 1, 1) - Date.UTC(year, first, 1)) / 86_400_000);
}

const addSums = (groups: readonly CellGroup[]) => {
  const out = {} as Record<SumKey, number>;
  for (const g of groups) for (const k of Object.keys(g.sums) as SumKey[]) out[k] = (out[k] ?? 0) + g.sums[k];
  return out;
};
const matchesFilters = (g: CellGroup, q: MetricQuery, except: readonly Dimension[] = []) =>
  (Object.entries(q.filters) as [Dimension, string[]][]).every(([d, v]) => except.includes(d) || v.includes(g.dims[d]!));
const keyOf = (g: { bucket: string; dims: Partial<Record<Dimension, string>> }, dims: readonly Dimension[]) => [g.bucket, ...dims.map((d) => g.dims[d])].join('|');

/**
 * Open balances at the end of each row's bucket: running totals of the balance changes up to the end of the
 * period (all history before it summed into one opening bucket), per grouped values, filters applied.
 */
async function balancesAtEnd(db: Db, practiceId: string, q: MetricQuery): Promise<Map<string, { ar: number; arOver90: number }>> {
  const series = new Map<string, BalanceChange[]>();
  for (const c of await balanceChanges(db, practiceId, q)) {
    const dimsKey = q.groupBy.map((d) => c.dims[d]).join('|');
    series.set(dimsKey, [...(series.get(dimsKey) ?? []), c]);
  }
  const out = new Map<string, { ar: number; arOver90: number }>();
  for (const [dimsKey, list] of series) {
    let running = { ar: 0, arOver90: 0 };
    for (const c of list.sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0))) {
      running = { ar: running.ar + c.ar, arOver90: running.arOver90 + c.arOver90 };
      out.set([c.bucket, ...(q.groupBy.length ? [dimsKey] : [])].join('|'), running);
    }
  }
  return out;
}

/** Nearest-rank percentile over (value, count) pairs, as PostgreSQL's percentile_disc computes it. */
export function percentileOf(counts: ReadonlyMap<number, number>, p: number): number | null {
  const values = [...counts.keys()].sort((a, b) => a - b);
  const total = values.reduce((n, v) => n + counts.get(v)!, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const v of values) {
    seen += counts.get(v)!;
    if (seen >= rank) return v;
  }
  return values[values.length - 1]!;
}

/** What the audit trail records of one analytics request: metric and version, period, grain, grouping and filters. */
export function auditDescription(metric: MetricDefinition, q: MetricQuery): string {
  const filters = Object.entries(q.filters).map(([d, v]) => `${d}=${v.join('|')}`);
  return `${metric.name}@v${metric.version} ${q.from.slice(0, 7)}..${q.to.slice(0, 7)} ${q.grain} groupBy=${q.groupBy.join(',') || '-'} filters=${filters.join(';') || '-'}`;
}

/**
 * Answers one metric for the caller's practice from the rollups (built first if the practice has none),
 * with small cells and their complements suppressed, and records the request in the audit trail.
 * @param action - READ for GraphQL, EXPORT for the export route
 * @throws BAD_USER_INPUT (see parseMetricQuery), NOT_FOUND for a filter id that is not the practice's
 */
export async function answerMetric(db: Db, principal: Principal, audit: AuditTrail, metric: MetricDefinition, raw: RawMetricQuery, opts: { threshold: number; path: string; action: 'READ' | 'EXPORT' }): Promise<MetricAnswerData> {
  const q = parseMetricQuery(raw, opts.path, metric.dimensions);
  const practiceId = principal.practiceId;
  const threshold = Math.max(MIN_SUPPRESSION_THRESHOLD, opts.threshold);
  const names = new Map<Dimension, Map<string, string>>();
  for (const dim of NAMED) {
    const ids = q.filters[dim] ?? [];
    const found = await dimensionNames(db, practiceId, dim, ids);
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw notFound(ENTITY[dim], missing);
  }
  await audit.write(db, opts.action, 'AnalyticsQuery', auditDescription(metric, q));
  const asOf = (await lastRefresh(db, practiceId)) ?? (await refreshRollups(db, practiceId)).refreshedAt;

  const dims = [...new Set<Dimension>([...q.groupBy, ...(Object.keys(q.filters) as Dimension[])])];
  const groups = await groupCells(db, practiceId, metric.source, q, dims, metric.population, threshold);
  const adjustmentOnly = q.groupBy.filter((d) => ADJUSTMENT_ONLY.includes(d));
  const drafts = draftRows(groups.filter((g) => adjustmentOnly.every((d) => g.dims[d] !== '')), q, metric.population, threshold);
  // Margins of shares: the row's bucket and grouped values but the share dimensions, whatever their filters.
  const shareOf = metric.shareOf ?? [];
  const marginDims = q.groupBy.filter((d) => !shareOf.includes(d));
  const margins = new Map<string, CellGroup[]>();
  for (const g of groups.filter((x) => matchesFilters(x, q, shareOf))) margins.set(keyOf(g, marginDims), [...(margins.get(keyOf(g, marginDims)) ?? []), g]);
  const balances = metric.balances ? await balancesAtEnd(db, practiceId, q) : new Map<string, { ar: number; arOver90: number }>();
  const distributions = new Map<string, Map<number, number>>();
  for (const key of metric.distributions) {
    for (const d of await groupDistribution(db, practiceId, q, key)) {
      const id = `${key}|${[d.bucket, ...q.groupBy.map((g) => d.dims[g])].join('|')}`;
      const counts = distributions.get(id) ?? new Map<number, number>();
      counts.set(d.value, (counts.get(d.value) ?? 0) + d.n);
      distributions.set(id, counts);
    }
  }
  for (const dim of NAMED.filter((d) => q.groupBy.includes(d))) {
    names.set(dim, await dimensionNames(db, practiceId, dim, [...new Set(drafts.map((r) => r.dims[dim]!))].filter((v) => UUID_TEXT.test(v))));
  }

  const rows = drafts.map((draft) => {
    const row: MetricRowData = { bucket: draft.bucket, suppressed: draft.suppressed };
    for (const dim of q.groupBy) {
      const value = draft.dims[dim]!;
      const coded = CODED[dim];
      if (coded) row[coded] = value || null;
      else {
        const field = FIELD[dim as NamedDimension];
        row[`${field}Id`] = value || null;
        // '' is no visit (provider, location) or no insurance (payer).
        row[`${field}Name`] = value ? (names.get(dim as NamedDimension)?.get(value) ?? null) : dim === 'PAYER' ? 'Self-pay' : null;
      }
    }
    const sums = addSums(draft.groups);
    const totals = shareOf.length ? addSums(margins.get(keyOf(draft, marginDims)) ?? []) : sums;
    const percentile = (key: DistributionKey, p: number) => percentileOf(distributions.get(`${key}|${draft.key}`) ?? new Map(), p);
    const balance = balances.get(draft.key) ?? { ar: 0, arOver90: 0 };
    for (const m of metric.measures) row[m.name] = draft.suppressed ? null : m.compute({ sums, totals, balances: balance, days: bucketDays(draft.bucket), percentile });
    return row;
  });
  return { metric: metric.name, version: metric.version, asOf, threshold, grain: q.grain, from: q.from.slice(0, 7), to: q.to.slice(0, 7), rows };
}
