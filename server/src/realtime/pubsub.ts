/**
 * Publish/subscribe for live events (GraphQL subscriptions). Two implementations share this interface:
 * in-process (one server) and Redis (several server instances see each other's events).
 * Payloads must be JSON-serializable: the Redis implementation sends them as JSON.
 */
export interface PubSub {
  /** Sends a payload to every subscriber of `topic` (on every instance when shared). */
  publish(topic: string, payload: unknown): Promise<void>;
  /** Payloads published on `topic` from now on; ending the iteration unsubscribes. */
  subscribe(topic: string): AsyncIterableIterator<unknown>;
  /** How many subscribers this instance has on `topic` (for readiness checks and tests). */
  localSubscriberCount(topic: string): number;
  /** Ends every subscription and releases connections. */
  close(): Promise<void>;
}

type Listener = (payload: unknown) => void;

/**
 * An async iterator fed by `attach(push)`; `attach` returns the detach function, called once when the
 * consumer stops (return/throw) or the pub/sub closes.
 */
export function listenerIterator(attach: (push: Listener) => () => void): AsyncIterableIterator<unknown> & { end(): void } {
  const queue: unknown[] = [];
  const waiting: ((r: IteratorResult<unknown>) => void)[] = [];
  let done = false;
  const detach = attach((payload) => {
    if (done) return;
    const next = waiting.shift();
    if (next) next({ value: payload, done: false });
    else queue.push(payload);
  });
  const end = () => {
    if (done) return;
    done = true;
    detach();
    queue.length = 0;
    for (const w of waiting.splice(0)) w({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: () => {
      end();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw: (err?: unknown) => {
      end();
      return Promise.reject(err);
    },
    end,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Topic → listeners, with a callback when a topic gains its first or loses its last listener. */
export class TopicRegistry {
  private readonly topics = new Map<string, Set<Listener>>();
  private readonly open = new Set<{ end(): void }>();

  constructor(private readonly onFirst: (topic: string) => void = () => {}, private readonly onLast: (topic: string) => void = () => {}) {}

  subscribe(topic: string): AsyncIterableIterator<unknown> {
    const it = listenerIterator((push) => {
      let set = this.topics.get(topic);
      if (!set) {
        set = new Set();
        this.topics.set(topic, set);
        this.onFirst(topic);
      }
      set.add(push);
      return () => {
        set.delete(push);
        this.open.delete(it);
        if (set.size === 0 && this.topics.get(topic) === set) {
          this.topics.delete(topic);
          this.onLast(topic);
        }
      };
    });
    this.open.add(it);
    return it;
  }

  deliver(topic: string, payload: unknown): void {
    for (const listener of [...(this.topics.get(topic) ?? [])]) listener(payload);
  }

  count(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  endAll(): void {
    for (const it of [...this.open]) it.end();
  }
}

/** Pub/sub within one process: the default when no REDIS_URL is configured. */
export function createInProcessPubSub(): PubSub {
  const registry = new TopicRegistry();
  return {
    // A JSON round trip, like Redis: the same payload semantics whichever implementation runs.
    publish: async (topic, payload) => registry.deliver(topic, JSON.parse(JSON.stringify(payload))),
    subscribe: (topic) => registry.subscribe(topic),
    localSubscriberCount: (topic) => registry.count(topic),
    close: async () => registry.endAll(),
  };
}

/**
 * type-graphql insists on a PubSub at schema build time. Our subscriptions take theirs from the
 * request context instead (one schema, any number of server instances), so this one only refuses.
 */
export const contextPubSubOnly = {
  publish(): void {
    throw new Error('publish through ctx.pubsub (publishAppointmentChanged), not the schema PubSub');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('subscriptions subscribe through ctx.pubsub');
  },
};
