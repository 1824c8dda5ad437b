import { Redis } from 'ioredis';
import { createInProcessPubSub, type PubSub, TopicRegistry } from './pubsub.js';

const PREFIX = 'medoffice:';

/**
 * Pub/sub through Redis so several server instances share events. A subscribed connection cannot
 * issue other commands, hence one connection to publish and one to subscribe. Each instance
 * subscribes to a Redis channel only while it has a local subscriber on that topic; its own
 * publications come back through Redis like everyone else's (no local shortcut, no duplicates).
 * @param url - redis://host:port
 * @param onError - called with connection errors (ioredis reconnects by itself)
 */
export function createRedisPubSub(url: string, onError: (err: Error) => void = () => {}): PubSub {
  const options = { lazyConnect: false, maxRetriesPerRequest: 3 } as const;
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  pub.on('error', onError);
  sub.on('error', onError);
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
  return {
    async publish(topic, payload) {
      await pub.publish(PREFIX + topic, JSON.stringify(payload));
    },
    subscribe: (topic) => registry.subscribe(topic),
    localSubscriberCount: (topic) => registry.count(topic),
    async close() {
      registry.endAll();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}

/** The configured pub/sub: Redis when a URL is given, in-process otherwise. */
export function createPubSub(redisUrl: string | undefined, onError?: (err: Error) => void): PubSub {
  return redisUrl ? createRedisPubSub(redisUrl, onError) : createInProcessPubSub();
}
