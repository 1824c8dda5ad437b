import { Redis, type RedisOptions } from 'ioredis';

/** The machine's Redis, which the Redis tests use (they skip with a warning when it does not answer). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Whether a Redis answers PING, without retrying or leaving a connection open.
 * @param target - a URL or ioredis options (default: the machine's Redis)
 */
export async function redisAnswers(target: string | RedisOptions = TEST_REDIS_URL): Promise<boolean> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null };
  const probe = typeof target === 'string' ? new Redis(target, options) : new Redis({ ...target, ...options });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
