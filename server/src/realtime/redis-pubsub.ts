import type { Redis } from 'ioredis';
import { lazyRequire } from '../lib/lazy-require.js';
import { AppError } from '../graphql/errors.js';
import { createInProcessPubSub, type PubSub, TopicRegistry } from './pubsub.js';

/** ioredis loads only in a process configured with REDIS_URL. */
const ioredis = lazyRequire<typeof import('ioredis')>('ioredis');

const PREFIX = 'medoffice:';

/**
 * Pub/sub through Redis so several server instances share events. A subscribed connection cannot
 * issue other commands, hence one connection to publish and one to subscribe. Each instance
 * subscribes to a Redis channel only while it has a local subscriber on that topic; its own
 * publications come back through Redis like everyone else's (no local shortcut, no duplicates).
 *
 * When the subscribing connection drops, events may be lost: every open subscription ends with
 * SERVICE_UNAVAILABLE (its last payload is INTERRUPTED) and new ones are refused the same way until
 * ioredis has reconnected; publishing fails after a few retries (publishers treat that as best effort).
 * @param url - redis://host:port
 * @param onError - called with connection errors (ioredis reconnects by itself)
 * @param onState - called with 'lost' and 'restored' as the subscribing connection drops and comes back
 */
export function createRedisPubSub(url: string, onError: (err: Error) => void = () => {}, onState: (state: 'lost' | 'restored') => void = () => {}): PubSub {
  const options = { lazyConnect: false, maxRetriesPerRequest: 3 } as const;
  const { Redis } = ioredis();
  const pub = new Redis(url, options);
  // The registry is emptied when the connection drops, so there is nothing for ioredis to resubscribe.
  const sub = new Redis(url, { ...options, autoResubscribe: false });
  pub.on('error', onError);
  sub.on('error', onError);
  let lost = false;
  let closing = false;
  const registry = new TopicRegistry(
    (topic) => void sub.subscribe(PREFIX + topic).catch(onError),
    (topic) => void sub.unsubscribe(PREFIX + topic).catch(onError),
  );
  sub.on('message', (channel: string, message: string) => {
    if (!channel.startsWith(PREFIX)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch {
      return;
    }
    registry.deliver(channel.slice(PREFIX.length), payload);
  });
  sub.on('close', () => {
    if (lost || closing) return;
    lost = true;
    onState('lost');
    registry.interruptAll();
  });
  sub.on('ready', () => {
    if (!lost) return;
    lost = false;
    onState('restored');
  });
  return {
    async publish(topic, payload) {
      await pub.publish(PREFIX + topic, JSON.stringify(payload));
    },
    subscribe: (topic) => {
      if (lost) throw new AppError('SERVICE_UNAVAILABLE', 'Live updates are unavailable (pub/sub connection lost); retry shortly');
      return registry.subscribe(topic);
    },
    localSubscriberCount: (topic) => registry.count(topic),
    async close() {
      closing = true;
      registry.endAll();
      // quit() queues behind commands waiting for a connection (a publish sent while Redis was down), so
      // with Redis unreachable it would never settle and shutdown would hang: a connection that is not
      // ready is dropped at once, and a quit that takes over a second gives way to a disconnect.
      await Promise.allSettled([sub, pub].map((c) => (c.status === 'ready' ? quitWithin(c, 1000) : Promise.resolve(c.disconnect()))));
    },
  };
}

/** QUIT, or a plain disconnect when the answer has not come within `ms`. */
async function quitWithin(c: Redis, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      c.disconnect();
      resolve();
    }, ms);
  });
  await Promise.race([c.quit().then(() => undefined, () => undefined), late]);
  clearTimeout(timer);
}

/** The configured pub/sub: Redis when a URL is given, in-process otherwise. */
export function createPubSub(redisUrl: string | undefined, onError?: (err: Error) => void, onState?: (state: 'lost' | 'restored') => void): PubSub {
  return redisUrl ? createRedisPubSub(redisUrl, onError, onState) : createInProcessPubSub();
}
