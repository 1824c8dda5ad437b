import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { notFound } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { type Dimension, type MetricQuery, parseMetricQuery, type RawMetricQuery } from './analytics-query.js';
import { dimensionNames, groupCells, groupDistribution } from './analytics.repo.js';
import type { DistributionKey, MetricDefinition } from './metric.registry.js';
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

const ENTITY: Record<Exclude<Dimension, 'MODALITY'>, string> = { PROVIDER: 'Provider', LOCATION: 'Location', APPOINTMENT_TYPE: 'AppointmentType' };
const NAMED = Object.keys(ENTITY) as Exclude<Dimension, 'MODALITY'>[];
const FIELD: Record<Dimension, string> = { PROVIDER: 'provider', LOCATION: 'location', APPOINTMENT_TYPE: 'appointmentType', MODALITY: 'modality' };

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
  const q = parseMetricQuery(raw, opts.path);
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
  const groups = await groupCells(db, practiceId, q, dims, metric.population, threshold);
  const drafts = draftRows(groups, q, metric.population, threshold);
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
    names.set(dim, await dimensionNames(db, practiceId, dim, [...new Set(drafts.map((r) => r.dims[dim]!))]));
  }

  const rows = drafts.map((draft) => {
    const row: MetricRowData = { bucket: draft.bucket, suppressed: draft.suppressed };
    for (const dim of q.groupBy) {
      const value = draft.dims[dim]!;
      if (dim === 'MODALITY') row.modality = value;
      else {
        row[`${FIELD[dim]}Id`] = value;
        row[`${FIELD[dim]}Name`] = names.get(dim)?.get(value) ?? null;
      }
    }
    const sums = Object.fromEntries(Object.keys(draft.groups[0]!.sums).map((k) => [k, draft.groups.reduce((n, g) => n + g.sums[k as keyof typeof g.sums], 0)])) as (typeof draft.groups)[0]['sums'];
    const percentile = (key: DistributionKey, p: number) => percentileOf(distributions.get(`${key}|${draft.key}`) ?? new Map(), p);
    for (const m of metric.measures) row[m.name] = draft.suppressed ? null : m.compute({ sums, percentile });
    return row;
  });
  return { metric: metric.name, version: metric.version, asOf, threshold, grain: q.grain, from: q.from.slice(0, 7), to: q.to.slice(0, 7), rows };
}
