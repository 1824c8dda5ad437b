/**
 * Times each part of one practice's analytics refresh on the analytics bench database (built by
 * bench/analytics-bench.ts): the third-next-available snapshot, then the visit, finance and capacity
 * rollups, each in its own transaction.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/analytics-refresh-parts.ts
 */
import 'reflect-metadata';
import { openPostgres } from '../server/src/db/client.js';
import { rebuildCapacityRollups } from '../server/src/modules/analytics/capacity-rollup.repo.js';
import { rebuildFinanceRollups } from '../server/src/modules/analytics/finance-rollup.repo.js';
import { rebuildRollups } from '../server/src/modules/analytics/rollup.repo.js';
import { snapshotThirdNextAvailable } from '../server/src/modules/analytics/tnaa-snapshot.service.js';
import { PRACTICE_ID } from './dataset.js';

const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
url.pathname = '/medoffice_bench_analytics';
const database = openPostgres(url.toString(), 2);
const time = async (name: string, run: () => Promise<unknown>) => {
  const t = performance.now();
  await run();
  process.stdout.write(`- ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
};
try {
  const { db } = database;
  await time('third-next-available snapshot (slot finder, 5 locations)', () => snapshotThirdNextAvailable(db, PRACTICE_ID, new Date()));
  await time('visit rollups', () => db.transaction((tx) => rebuildRollups(tx, PRACTICE_ID)));
  await time('finance rollups', () => db.transaction((tx) => rebuildFinanceRollups(tx, PRACTICE_ID)));
  await time('capacity rollups', () => db.transaction((tx) => rebuildCapacityRollups(tx, PRACTICE_ID)));
} finally {
  await database.close();
}
