import type { Logger } from '../logger.js';
import { errorForLog } from '../logger.js';
import type { Database } from './client.js';
import { isDatabaseUnavailable } from './connection-errors.js';

const PING_TIMEOUT_MS = 5000;

/**
 * Waits until the database answers, retrying with backoff (0.5 s doubling to `maxDelayMs`) and one log
 * line per failed attempt, so that a server started before its database (or during a failover) comes up
 * by itself instead of exiting. An error other than "unavailable" (bad password, unknown database) is
 * not retried.
 * @param database - the opened database (postgres.js connects lazily)
 * @param logger - for the "database unavailable at start; retrying" lines
 * @param maxDelayMs - the longest pause between attempts
 * @throws the first error that does not mean "unavailable"
 */
export async function waitForDatabase(database: Database, logger: Logger, maxDelayMs = 5000): Promise<void> {
  let delay = 500;
  for (let attempt = 1; ; attempt++) {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('ping timed out'), { code: 'ETIMEDOUT' })), PING_TIMEOUT_MS);
      });
      await Promise.race([database.ping(), timeout]);
      if (attempt > 1) logger.info({ attempt }, 'database available');
      return;
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      logger.warn({ attempt, retryInMs: delay, err: errorForLog(err) }, 'database unavailable at start; retrying');
    } finally {
      clearTimeout(timer);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, maxDelayMs);
  }
}
