import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** One mark written by the analytics_dirty_* triggers: a rollup's month (null: all months) to recompute. */
export interface DirtyMark {
  id: number;
  rollup: string;
  month: string | null;
}

/**
 * Takes the practice's refresh row (its first statement, so concurrent refreshes of one practice run one
 * after the other) and sets its instant to the transaction's start.
 * @returns the refresh instant, and whether the practice was never refreshed before
 */
export async function lockRefresh(tx: Db, practiceId: string): Promise<{ refreshedAt: Date; first: boolean }> {
  const [row] = rowsOf<{ refreshed_at: string | Date; first: boolean }>(
    await tx.execute(sql`insert into analytics_refreshes (practice_id, refreshed_at, cells) values (${practiceId}, now(), 0)
      on conflict (practice_id) do update set refreshed_at = now() returning refreshed_at, (xmax = 0) as first`),
  );
  return { refreshedAt: new Date(row!.refreshed_at), first: Boolean(row!.first) };
}

/** The practice's dirty marks committed so far (read after lockRefresh). */
export async function readDirtyMarks(tx: Db, practiceId: string): Promise<DirtyMark[]> {
  return rowsOf<{ id: string | number; rollup: string; month: string | null }>(
    await tx.execute(sql`select id, rollup, to_char(month, 'YYYY-MM-DD') as month from analytics_dirty_months where practice_id = ${practiceId}`),
  ).map((r) => ({ id: Number(r.id), rollup: r.rollup, month: r.month }));
}

/**
 * Consumes exactly the marks a refresh read (a mark written since stays for the next refresh) and records the practice's visit cell count.
 * @returns the visit cell count
 */
export async function deleteDirtyMarks(tx: Db, practiceId: string, marks: readonly DirtyMark[]): Promise<number> {
  if (marks.length > 0) {
    await tx.execute(sql`delete from analytics_dirty_months where practice_id = ${practiceId} and id = any(${`{${marks.map((m) => m.id).join(',')}}`}::bigint[])`);
  }
  const [row] = rowsOf<{ cells: number }>(
    await tx.execute(sql`update analytics_refreshes set cells = (select count(*) from analytics_cells where practice_id = ${practiceId})
      where practice_id = ${practiceId} returning cells`),
  );
  return Number(row!.cells);
}
