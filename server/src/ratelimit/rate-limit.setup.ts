import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createMemoryStore } from './rate-limit.store.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { createRedisStore } from './redis-rate-limit.store.js';

/** A failing store is reported at most this often, not once per request. */
const WARN_EVERY_MS = 10_000;

/**
 * The configured rate limiter: undefined when RATE_LIMIT is off, counters in Redis when REDIS_URL is set
 * (one budget for every instance), in memory otherwise (one budget per instance).
 */
export function createConfiguredRateLimiter(config: Config, logger: Logger): RateLimiter | undefined {
  if (!config.rateLimit.enabled) return undefined;
  let lastWarned = 0;
  const warn = (err: Error) => {
    if (Date.now() - lastWarned < WARN_EVERY_MS) return;
    lastWarned = Date.now();
    logger.warn({ err: { message: err.message } }, 'rate limit store unavailable; requests are not limited meanwhile');
  };
  const store = config.redisUrl ? createRedisStore(config.redisUrl, config.rateLimit.redisPrefix, warn) : createMemoryStore();
  return createRateLimiter(config.rateLimit, store, warn);
}
