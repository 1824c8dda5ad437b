import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('clearinghouse and eligibility configuration', () => {
  it('defaults to the simulated clearinghouse with a 24-hour freshness window', () => {
    const c = loadConfig({});
    expect(c.clearinghouse).toMatchObject({ mode: 'simulated', timeoutMs: 15000, retries: 2, usage: 'T' });
    expect(c.eligibility).toEqual({ freshnessHours: 24, batchConcurrency: 4 });
  });

  it('reads the HTTP client settings and requires a URL in http mode', () => {
    const c = loadConfig({ CLEARINGHOUSE_MODE: 'http', CLEARINGHOUSE_URL: 'https://ch.example.test/270', CLEARINGHOUSE_TIMEOUT_MS: '5000', ELIGIBILITY_FRESHNESS_HOURS: '6' });
    expect(c.clearinghouse).toMatchObject({ mode: 'http', url: 'https://ch.example.test/270', timeoutMs: 5000 });
    expect(c.eligibility.freshnessHours).toBe(6);
    expect(() => loadConfig({ CLEARINGHOUSE_MODE: 'http' })).toThrow(ConfigError);
    expect(() => loadConfig({ X12_SENDER_ID: 'has*star' })).toThrow(/X12_SENDER_ID/);
  });
});
