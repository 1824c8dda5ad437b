import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rebuildRollups } from './rollup.repo.js';

/**
 * Rebuilds one practice's analytics rollups from its appointments in one transaction (readers see the
 * old rollups until it commits).
 * @returns the new `asOf` and how many cells were written
 */
export function refreshRollups(db: Db, practiceId: string): Promise<{ refreshedAt: Date; cells: number }> {
  return db.transaction((tx) => rebuildRollups(tx, practiceId));
}

/**
 * Rebuilds the rollups of every practice that has appointments, one practice per transaction.
 * @returns how many practices were refreshed
 */
export async function refreshAllRollups(db: Db): Promise<number> {
  const result = await db.execute(sql`select distinct practice_id from appointments`);
  const ids = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { practice_id: string }[];
  for (const { practice_id } of ids) await refreshRollups(db, practice_id);
  return ids.length;
}
