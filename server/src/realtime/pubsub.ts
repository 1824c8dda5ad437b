import { AppError } from '../graphql/errors.js';

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
 * The last payload of a subscription whose events may have been lost (Redis went away): the resolver
 * turns it into a SERVICE_UNAVAILABLE error (see `throwIfInterrupted`), then the subscription completes,
 * and the client resubscribes and refetches what it may have missed.
 */
export const INTERRUPTED: unique symbol = Symbol('pubsub interrupted');

/**
 * For subscription resolvers: refuses the INTERRUPTED payload with the documented error.
 * @throws SERVICE_UNAVAILABLE (retryable) when `payload` is INTERRUPTED
 */
export function throwIfInterrupted<T>(payload: T | typeof INTERRUPTED): T {
  if (payload === INTERRUPTED) {
    throw new AppError('SERVICE_UNAVAILABLE', 'Live updates were interrupted (pub/sub connection lost); resubscribe and refetch');
  }
  return payload;
}

/**
 * An async iterator fed by `attach(push)`; `attach` returns the detach function, called once when the
 * consumer stops (return/throw) or the pub/sub closes.
 */
export function listenerIterator(attach: (push: Listener) => () => void): AsyncIterableIterator<unknown> & { end(): void; interrupt(): void } {
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
  // Delivers INTERRUPTED after what is queued, then ends: unlike end(), the consumer learns why.
  const interrupt = () => {
    if (done) return;
    const next = waiting.shift();
    if (next) next({ value: INTERRUPTED, done: false });
    else queue.push(INTERRUPTED);
    done = true;
    detach();
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
    interrupt,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Topic → listeners, with a callback when a topic gains its first or loses its last listener. */
export class TopicRegistry {
  private readonly topics = new Map<string, Set<Listener>>();
  private readonly open = new Set<{ end(): void; interrupt(): void }>();

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

  /** Ends every subscription with INTERRUPTED as its last payload. */
  interruptAll(): void {
    for (const it of [...this.open]) it.interrupt();
  }

  /** How many subscriptions are open, all topics together. */
  size(): number {
    return this.open.size;
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
