import { lazyRequire } from '../lib/lazy-require.js';
import type { RateLimitStore } from './rate-limit.store.js';

/** ioredis loads only in a process configured with REDIS_URL. */
const ioredis = lazyRequire<typeof import('ioredis')>('ioredis');

/**
 * Counters in Redis, so every instance pointing at the same Redis shares one budget. One round trip per
 * charge set: INCRBY each key of the current window and let it expire with the window.
 * @param url - redis://host:port
 * @param prefix - key prefix (`RATE_LIMIT_REDIS_PREFIX`); keys are `<prefix><window>:<kind>:<who>`
 * @param onError - connection errors (ioredis reconnects by itself)
 */
export function createRedisStore(url: string, prefix: string, onError: (err: Error) => void = () => {}): RateLimitStore {
  // A slow or absent Redis must not hold requests: commands fail fast and the limiter lets the request through.
  const { Redis } = ioredis();
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 500, enableOfflineQueue: false });
  redis.on('error', onError);
  // Without the offline queue, commands sent before the first connection fail: wait for it once (at most 1 s).
  const ready = new Promise<void>((resolve) => {
    redis.once('ready', () => resolve());
    setTimeout(resolve, 1000).unref();
  });
  return {
    async add(charges, window) {
      await ready;
      const multi = redis.multi();
      for (const c of charges) {
        const key = `${prefix}${window.index}:${c.key}`;
        multi.incrby(key, c.amount);
        multi.pexpire(key, window.ms + 1000);
      }
      const results = (await multi.exec()) ?? [];
      return charges.map((_c, i) => {
        const [err, value] = results[i * 2] ?? [new Error('no reply'), null];
        if (err) throw err;
        return Number(value);
      });
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
