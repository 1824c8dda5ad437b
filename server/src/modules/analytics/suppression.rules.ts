import type { Dimension, MetricQuery } from './analytics-query.js';
import type { CellGroup } from './analytics.repo.js';
import type { Population, SumKey } from './metric.registry.js';

/** The smallest number of distinct patients a published row may count; configuration may raise it, never lower it. */
export const MIN_SUPPRESSION_THRESHOLD = 11;

/** How many appointments of a metric's population a set of sums holds. */
export function populationSize(population: Population, sums: Readonly<Record<SumKey, number>>): number {
  return {
    scheduled: sums.scheduled,
    due: sums.kept + sums.noShows,
    visit: sums.visits,
    roomed: sums.roomed,
    ledger: sums.entries,
    submitted: sums.claimsSubmitted,
    // Denial reason cells carry only deniedWithReason.
    adjudicated: sums.claimsAdjudicated + sums.deniedWithReason,
    booked: sums.bookedAppointments,
    measured: sums.tnaaSnapshots,
  }[population];
}

/**
 * Whether cell groups count at least `threshold` distinct patients together. Exact: a cell with that many
 * is enough; otherwise every cell is small and lists its patients, and their union is counted.
 */
export function hasAtLeast(groups: readonly CellGroup[], threshold: number): boolean {
  if (groups.some((g) => g.maxCellPatients >= threshold)) return true;
  const seen = new Set<string>();
  for (const g of groups) {
    for (const id of g.smallCellPatients?.split(',') ?? []) {
      if (id) seen.add(id);
      if (seen.size >= threshold) return true;
    }
  }
  return false;
}

/** One answer row before measures: its bucket, grouped values, the groups it sums and whether it is withheld. */
export interface DraftRow {
  key: string;
  bucket: string;
  dims: Partial<Record<Dimension, string>>;
  groups: CellGroup[];
  size: number;
  suppressed: boolean;
}

const sumOf = (population: Population, groups: readonly CellGroup[]) =>
  groups.reduce((n, g) => n + populationSize(population, g.sums), 0);

/**
 * Decides which rows are published. The rule, so that no withheld value can be recovered by differencing:
 * 1. a row counting fewer than `threshold` distinct patients is withheld;
 * 2. a filtered row is withheld when the same row without one of its filters would differ from it by a
 *    non-empty set of fewer than `threshold` patients (the two answers would otherwise reveal that set);
 * 3. within every margin (rows alike but for one grouped dimension, in one bucket), the withheld rows
 *    together must count at least `threshold` patients, or none may be withheld: otherwise the next
 *    smallest row is withheld too (complementary suppression), repeated until every margin holds — so the
 *    margin total minus the published rows only ever reveals a set of at least `threshold` patients.
 * @param groups - cell groups by bucket and the grouped and filtered dimensions, filters not yet applied
 */
export function draftRows(groups: readonly CellGroup[], q: MetricQuery, population: Population, threshold: number): DraftRow[] {
  const filtered = (Object.keys(q.filters) as Dimension[]).filter((d) => !q.groupBy.includes(d));
  const matches = (g: CellGroup, except?: Dimension) => (Object.entries(q.filters) as [Dimension, string[]][]).every(([d, v]) => d === except || v.includes(g.dims[d]!));
  const keyOf = (g: CellGroup) => [g.bucket, ...q.groupBy.map((d) => g.dims[d])].join('|');

  const rows = new Map<string, DraftRow>();
  for (const g of groups) {
    if (!matches(g)) continue;
    const key = keyOf(g);
    const row: DraftRow = rows.get(key) ?? { key, bucket: g.bucket, dims: Object.fromEntries(q.groupBy.map((d) => [d, g.dims[d]])), groups: [], size: 0, suppressed: false };
    row.groups.push(g);
    rows.set(key, row);
  }
  for (const row of rows.values()) row.size = sumOf(population, row.groups);
  // A row whose population is empty holds nothing of this metric.
  const drafts = [...rows.values()].filter((r) => r.size > 0);

  for (const row of drafts) {
    row.suppressed = !hasAtLeast(row.groups, threshold);
    for (const d of filtered) {
      if (row.suppressed) break;
      const complement = groups.filter((g) => keyOf(g) === row.key && matches(g, d) && !q.filters[d]!.includes(g.dims[d]!));
      if (sumOf(population, complement) > 0 && !hasAtLeast(complement, threshold)) row.suppressed = true;
    }
  }

  let changed = true;
  while (changed) {
    changed = false;
    for (const g of q.groupBy) {
      const margins = new Map<string, DraftRow[]>();
      for (const row of drafts) {
        const key = [row.bucket, ...q.groupBy.filter((d) => d !== g).map((d) => row.dims[d])].join('|');
        margins.set(key, [...(margins.get(key) ?? []), row]);
      }
      for (const margin of margins.values()) {
        for (;;) {
          const withheld = margin.filter((r) => r.suppressed);
          if (withheld.length === 0 || hasAtLeast(withheld.flatMap((r) => r.groups), threshold)) break;
          const next = margin.filter((r) => !r.suppressed).sort((a, b) => a.size - b.size || a.key.localeCompare(b.key))[0];
          if (!next) break;
          next.suppressed = true;
          changed = true;
        }
      }
    }
  }
  return drafts.sort((a, b) => a.key.localeCompare(b.key));
}
