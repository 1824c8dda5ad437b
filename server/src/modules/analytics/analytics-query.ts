import { badInput, type FieldProblem } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';

/** Time buckets of an analytics answer. */
export type Grain = 'WEEK' | 'MONTH' | 'QUARTER';
export const GRAINS: readonly Grain[] = ['WEEK', 'MONTH', 'QUARTER'];

/**
 * What rows may be grouped (and some filtered) by; each metric allows a subset. Providers, locations,
 * types and payers are the practice's own (or its contracts) and may be named.
 */
export type Dimension = 'PROVIDER' | 'LOCATION' | 'APPOINTMENT_TYPE' | 'MODALITY' | 'AGE_BAND' | 'PAYER' | 'ADJUSTMENT_GROUP' | 'REASON_CODE';
export const DIMENSIONS: readonly Dimension[] = ['PROVIDER', 'LOCATION', 'APPOINTMENT_TYPE', 'MODALITY', 'AGE_BAND', 'PAYER', 'ADJUSTMENT_GROUP', 'REASON_CODE'];
export const MODALITIES = ['IN_PERSON', 'TELEHEALTH'] as const;

/** The longest period one query may cover, in months (5 years). */
export const MAX_PERIOD_MONTHS = 60;
const MAX_FILTER_VALUES = 100;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A checked analytics request: period as first days of months (YYYY-MM-01), filters by dimension. */
export interface MetricQuery {
  from: string;
  to: string;
  grain: Grain;
  groupBy: Dimension[];
  filters: Partial<Record<Dimension, string[]>>;
}

/** What a client sends (GraphQL input or export parameters), before checking. */
export interface RawMetricQuery {
  from: string;
  to: string;
  grain?: string | null;
  groupBy?: readonly string[] | null;
  providerIds?: readonly string[] | null;
  locationIds?: readonly string[] | null;
  appointmentTypeIds?: readonly string[] | null;
  modalities?: readonly string[] | null;
  payerIds?: readonly string[] | null;
}

const FILTER_FIELDS: [keyof RawMetricQuery, Dimension][] = [
  ['providerIds', 'PROVIDER'],
  ['locationIds', 'LOCATION'],
  ['appointmentTypeIds', 'APPOINTMENT_TYPE'],
  ['modalities', 'MODALITY'],
  ['payerIds', 'PAYER'],
];

const monthIndex = (m: RegExpExecArray) => Number(m[1]) * 12 + Number(m[2]) - 1;

/**
 * Checks a request: months written YYYY-MM, from ≤ to, at most 5 years, QUARTER periods made of whole
 * quarters (so a quarter row always covers its three months), known grain and dimensions of the metric,
 * no repeated dimension, well-formed filter values on the metric's dimensions.
 * @param path - where the request sits in the operation (`query` for GraphQL, '' for export parameters)
 * @param allowed - the metric's dimensions
 * @throws BAD_USER_INPUT listing every problem
 */
export function parseMetricQuery(raw: RawMetricQuery, path: string, allowed: readonly Dimension[] = DIMENSIONS): MetricQuery {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const problems: FieldProblem[] = [];
  const from = MONTH.exec(raw.from ?? '');
  const to = MONTH.exec(raw.to ?? '');
  if (!from) problems.push({ path: at('from'), message: 'must be a month written YYYY-MM' });
  if (!to) problems.push({ path: at('to'), message: 'must be a month written YYYY-MM' });
  const grain = (raw.grain ?? 'MONTH') as Grain;
  if (!GRAINS.includes(grain)) problems.push({ path: at('grain'), message: `must be one of ${GRAINS.join(', ')}` });
  if (from && to) {
    const span = monthIndex(to) - monthIndex(from) + 1;
    if (span < 1) problems.push({ path: at('to'), message: 'must not be before from' });
    else if (span > MAX_PERIOD_MONTHS) problems.push({ path: at('to'), message: `must be at most ${MAX_PERIOD_MONTHS} months (5 years) after from` });
    else if (grain === 'QUARTER' && ((monthIndex(from) % 3) !== 0 || (monthIndex(to) % 3) !== 2)) {
      problems.push({ path: at('from'), message: 'must start a quarter and to must end one when grain is QUARTER' });
    }
  }
  const groupBy = [...(raw.groupBy ?? [])];
  for (const [i, d] of groupBy.entries()) {
    if (!allowed.includes(d as Dimension)) problems.push({ path: at(`groupBy.${i}`), message: `is not a dimension of this metric (${allowed.join(', ')})` });
    else if (groupBy.indexOf(d) !== i) problems.push({ path: at(`groupBy.${i}`), message: 'is repeated' });
  }
  const filters: Partial<Record<Dimension, string[]>> = {};
  for (const [field, dim] of FILTER_FIELDS) {
    const values = raw[field] as readonly string[] | null | undefined;
    if (values == null) continue;
    if (!allowed.includes(dim)) {
      problems.push({ path: at(field), message: `does not apply to this metric (its dimensions: ${allowed.join(', ')})` });
      continue;
    }
    if (values.length === 0 || values.length > MAX_FILTER_VALUES) {
      problems.push({ path: at(field), message: `must list 1 to ${MAX_FILTER_VALUES} values` });
      continue;
    }
    const valid = (v: string) => (dim === 'MODALITY' ? (MODALITIES as readonly string[]).includes(v) : isUuid(v));
    const bad = values.findIndex((v) => !valid(v));
    if (bad >= 0) problems.push({ path: at(`${field}.${bad}`), message: dim === 'MODALITY' ? `must be one of ${MODALITIES.join(', ')}` : 'must be an id' });
    else filters[dim] = [...new Set(values.map((v) => (dim === 'MODALITY' ? v : v.toLowerCase())))];
  }
  if (problems.length > 0) throw badInput(problems);
  return { from: `${raw.from}-01`, to: `${raw.to}-01`, grain, groupBy: groupBy as Dimension[], filters };
}
