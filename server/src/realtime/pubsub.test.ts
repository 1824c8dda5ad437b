import { describe, expect, it } from 'vitest';
import { createInProcessPubSub } from './pubsub.js';

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
