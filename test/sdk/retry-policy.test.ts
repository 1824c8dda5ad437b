import { describe, expect, it } from 'vitest';
import { backoffDelay, isSafeToRetry, retryAfterMs } from '../../sdk/src/retry.js';

const opts = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };

describe('retry policy', () => {
  it('backs off exponentially with full jitter, capped', () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, opts, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffDelay(3, opts, () => 0)).toBe(0);
    expect(backoffDelay(2, opts, () => 0.5)).toBe(200);
  });

  it('retries queries, and mutations only with an idempotency key', () => {
    expect(isSafeToRetry('query', undefined)).toBe(true);
    expect(isSafeToRetry('mutation', { input: { id: 'x' } })).toBe(false);
    expect(isSafeToRetry('mutation', { input: { idempotencyKey: '' } })).toBe(false);
    expect(isSafeToRetry('mutation', { input: { idempotencyKey: 'k1' } })).toBe(true);
    expect(isSafeToRetry('mutation', { idempotencyKey: 'k1' })).toBe(true);
    expect(isSafeToRetry('subscription', { idempotencyKey: 'k1' })).toBe(false);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(new Date(Date.now() - 5000).toUTCString())).toBe(0);
  });
});
