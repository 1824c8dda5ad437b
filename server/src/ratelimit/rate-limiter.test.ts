import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './rate-limit.store.js';
import { createRateLimiter } from './rate-limiter.js';

const budgets = { windowSeconds: 60, subjectRequests: 2, subjectCost: 100, ipRequests: 0, ipCost: 0 };

describe('rate limiter (fixed windows)', () => {
  it('refuses the request over budget with the seconds left in the window, and starts afresh in the next', async () => {
    let now = 60_000 * 1000 + 15_000; // 15 s into a window
    const limiter = createRateLimiter(budgets, createMemoryStore(), () => {}, () => now);
    const alice = { ip: '10.0.0.1', subject: 'p/alice' };
    expect(await limiter.request(alice)).toBeUndefined();
    expect(await limiter.request(alice)).toBeUndefined();
    const refused = await limiter.request(alice);
    expect(refused?.code).toBe('RATE_LIMITED');
    expect(refused?.extensions).toMatchObject({ retryAfterSeconds: 45, limit: 2, windowSeconds: 60, http: { status: 429 } });
    expect(await limiter.request({ ip: '10.0.0.1', subject: 'p/bob' })).toBeUndefined();
    now += 45_000;
    expect(await limiter.request(alice)).toBeUndefined();
  });

  it('charges cost separately from requests, and a budget of 0 never limits', async () => {
    const limiter = createRateLimiter(budgets, createMemoryStore(), () => {});
    const caller = { ip: '10.0.0.2', subject: 'p/carol' };
    expect(await limiter.cost(caller, 100)).toBeUndefined();
    expect((await limiter.cost(caller, 1))?.message).toContain('query cost for this token subject');
    for (let i = 0; i < 5; i++) expect(await limiter.request({ ip: '10.0.0.3' })).toBeUndefined();
  });

  it('lets the request through when the store fails, and reports it', async () => {
    const errors: Error[] = [];
    const broken = { add: () => Promise.reject(new Error('down')), close: async () => {} };
    const limiter = createRateLimiter(budgets, broken, (e) => errors.push(e));
    for (let i = 0; i < 3; i++) expect(await limiter.request({ ip: '10.0.0.4', subject: 'p/dan' })).toBeUndefined();
    expect(errors.map((e) => e.message)).toEqual(['down', 'down', 'down']);
  });
});
