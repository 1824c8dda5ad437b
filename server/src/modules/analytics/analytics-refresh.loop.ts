import type { Db } from '../../db/client.js';
import { type Periodic, startPeriodic } from '../../lib/periodic.js';
import type { Logger } from '../../logger.js';
import { refreshAllRollups } from './rollup.service.js';

/**
 * Brings every practice's analytics rollups up to date every `intervalMs` (ANALYTICS_REFRESH_INTERVAL_SECONDS),
 * incrementally: only the months written since the last refresh are recomputed. The answers show how old
 * they are in `asOf`. Runs never overlap in one process.
 * @returns stop(): waits for a refresh in progress, then stops (call before closing the database)
 */
export function startAnalyticsRefreshLoop(db: Db, intervalMs: number, logger: Pick<Logger, 'info' | 'error'>): Periodic {
  return startPeriodic(
    async () => {
      const started = Date.now();
      const practices = await refreshAllRollups(db);
      logger.info({ practices, durationMs: Date.now() - started }, 'analytics rollups refreshed');
    },
    intervalMs,
    (err) => logger.error({ err: { message: err.message } }, 'analytics refresh failed'),
  );
}
