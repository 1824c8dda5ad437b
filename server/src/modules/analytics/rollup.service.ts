import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rebuildCapacityRollups } from './capacity-rollup.repo.js';
import { rebuildFinanceRollups } from './finance-rollup.repo.js';
import { rebuildRollups } from './rollup.repo.js';
import { snapshotThirdNextAvailable } from './tnaa-snapshot.service.js';

/**
 * Takes today's third-next-available snapshot, then rebuilds one practice's analytics rollups from its
 * appointments, schedule and billing (ledger, claims, remittances) in one transaction (readers see the old
 * rollups until it commits).
 * @returns the new `asOf` and how many visit cells were written
 */
export async function refreshRollups(db: Db, practiceId: string, now = new Date()): Promise<{ refreshedAt: Date; cells: number }> {
  await snapshotThirdNextAvailable(db, practiceId, now);
  return db.transaction(async (tx) => {
    const done = await rebuildRollups(tx, practiceId);
    await rebuildFinanceRollups(tx, practiceId);
    await rebuildCapacityRollups(tx, practiceId);
    return done;
  });
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
