import { describe, expect, it } from 'vitest';
import { AppError } from '../graphql/errors.js';
import { createInProcessPubSub, INTERRUPTED, throwIfInterrupted, TopicRegistry } from './pubsub.js';

describe('in-process pub/sub', () => {
  it('delivers in order to every subscriber of a topic, and only from subscription on', async () => {
    const ps = createInProcessPubSub();
    await ps.publish('t', { n: 0 });
    const a = ps.subscribe('t');
    const b = ps.subscribe('t');
    const other = ps.subscribe('u');
    await ps.publish('t', { n: 1 });
    await ps.publish('t', { n: 2 });
    expect([(await a.next()).value, (await a.next()).value]).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await b.next()).value).toEqual({ n: 1 });
    expect(ps.localSubscriberCount('t')).toBe(2);
    await a.return!();
    expect(ps.localSubscriberCount('t')).toBe(1);
    const pending = other.next();
    await ps.close();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(ps.localSubscriberCount('t')).toBe(0);
  });

  it('delivers JSON like the Redis implementation: a copy, with dates as strings', async () => {
    const ps = createInProcessPubSub();
    const a = ps.subscribe('t');
    const sent = { list: [1], at: new Date('2027-01-01T00:00:00Z') };
    await ps.publish('t', sent);
    sent.list.push(2);
    expect((await a.next()).value).toEqual({ list: [1], at: '2027-01-01T00:00:00.000Z' });
    await ps.close();
  });
});

describe('interrupted subscriptions (the shared connection was lost)', () => {
  it('deliver what was queued, then INTERRUPTED, then end; the topics are released', async () => {
    const released: string[] = [];
    const registry = new TopicRegistry(() => {}, (topic) => released.push(topic));
    const queued = registry.subscribe('t');
    const waiting = registry.subscribe('u');
    registry.deliver('t', { n: 1 });
    const pending = waiting.next();
    registry.interruptAll();
    expect(await queued.next()).toEqual({ value: { n: 1 }, done: false });
    expect(await queued.next()).toEqual({ value: INTERRUPTED, done: false });
    expect(await queued.next()).toEqual({ value: undefined, done: true });
    expect(await pending).toEqual({ value: INTERRUPTED, done: false });
    expect(await waiting.next()).toEqual({ value: undefined, done: true });
    expect(released.sort()).toEqual(['t', 'u']);
    expect(registry.size()).toBe(0);
  });

  it('becomes a retryable SERVICE_UNAVAILABLE in the resolver; other payloads pass', () => {
    expect(throwIfInterrupted({ n: 1 })).toEqual({ n: 1 });
    const err = (() => {
      try {
        throwIfInterrupted(INTERRUPTED);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('SERVICE_UNAVAILABLE');
  });
});
