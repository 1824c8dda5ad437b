import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { capacitySpanChanges, rebuildCapacityRollups } from './capacity-rollup.repo.js';
import { type DirtyMark, deleteDirtyMarks, lockRefresh, readDirtyMarks } from './dirty-months.repo.js';
import { rebuildFinanceRollups } from './finance-rollup.repo.js';
import { type Months, rebuildRollups } from './rollup.repo.js';
import { snapshotThirdNextAvailable } from './tnaa-snapshot.service.js';

export type Rollup = 'visits' | 'finance' | 'capacity';
const ROLLUPS: readonly Rollup[] = ['visits', 'finance', 'capacity'];

/** What one refresh did: its instant (the new `asOf`), the practice's visit cells, and per rollup the months recomputed (null: all). */
export interface RefreshResult {
  refreshedAt: Date;
  cells: number;
  recomputed: Record<Rollup, Months>;
}

export interface RefreshOptions {
  /** Recompute every month, whatever was marked. */
  full?: boolean;
  /** Runs inside the refresh transaction right after the marks were read (tests use it to write concurrently). */
  afterMarksRead?: (tx: Db) => Promise<void>;
}

/** The months each rollup must recompute from the marks read: null when a mark covers every month, else the distinct months, sorted. */
export function monthsToRecompute(marks: readonly DirtyMark[]): Record<Rollup, Months> {
  const out = {} as Record<Rollup, Months>;
  for (const rollup of ROLLUPS) {
    const mine = marks.filter((m) => m.rollup === rollup);
    out[rollup] = mine.some((m) => m.month === null) ? null : [...new Set(mine.map((m) => m.month!))].sort();
  }
  return out;
}

/**
 * Takes today's third-next-available snapshot, then brings one practice's analytics rollups up to date in
 * one transaction (readers see the old rollups until it commits). Incremental by default: only the months
 * the writes since the last refresh marked dirty are recomputed, and only the marks read are consumed, so a
 * write committed after that read is recomputed by the next refresh. The first refresh of a practice, or
 * `full`, rebuilds every month.
 * @returns the new `asOf`, the visit cell count and what was recomputed
 */
export async function refreshRollups(db: Db, practiceId: string, now = new Date(), opts: RefreshOptions = {}): Promise<RefreshResult> {
  await snapshotThirdNextAvailable(db, practiceId, now);
  const result = await db.transaction(async (tx) => {
    const { refreshedAt, first } = await lockRefresh(tx, practiceId);
    const marks = await readDirtyMarks(tx, practiceId);
    const all = { visits: null, finance: null, capacity: null };
    const recomputed: Record<Rollup, Months> = first || opts.full ? all : monthsToRecompute(marks);
    if (recomputed.capacity !== null) recomputed.capacity = [...new Set([...recomputed.capacity, ...(await capacitySpanChanges(tx, practiceId))])].sort();
    await opts.afterMarksRead?.(tx);
    if (recomputed.visits === null || recomputed.visits.length > 0) await rebuildRollups(tx, practiceId, recomputed.visits);
    if (recomputed.finance === null || recomputed.finance.length > 0) await rebuildFinanceRollups(tx, practiceId, recomputed.finance);
    if (recomputed.capacity === null || recomputed.capacity.length > 0) await rebuildCapacityRollups(tx, practiceId, recomputed.capacity);
    const cells = await deleteDirtyMarks(tx, practiceId, marks);
    return { refreshedAt, cells, recomputed };
  });
  // A rebuild of every month (of any rollup) replaces a practice's rollups wholesale: fresh statistics keep the planner on the
  // (practice, measure, month) indexes and hash aggregates (stale ones made it scan the week index, 4× slower).
  if (Object.values(result.recomputed).some((months) => months === null)) await analyzeRollups(db);
  return result;
}

/** Refreshes the planner statistics of the rollup tables (where autovacuum is off or has not caught up). */
async function analyzeRollups(db: Db): Promise<void> {
  await db.execute(sql`analyze analytics_cells, analytics_distributions, analytics_finance_cells, analytics_finance_months, analytics_capacity_cells`);
}

/**
 * Refreshes (incrementally, see refreshRollups) every practice that has appointments, one practice per transaction.
 * @returns how many practices were refreshed
 */
export async function refreshAllRollups(db: Db, opts: { full?: boolean } = {}): Promise<number> {
  const result = await db.execute(sql`select distinct practice_id from appointments`);
  const ids = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { practice_id: string }[];
  for (const { practice_id } of ids) await refreshRollups(db, practice_id, new Date(), opts);
  return ids.length;
}
