import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.js';

const messageOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected loadConfig to fail');
};

describe('loadConfig', () => {
  it('gives working defaults for the embedded demo', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 4000, pgliteDataDir: './.data', seedDemo: 'auto', printDemoTokens: true, introspection: 'authenticated', shutdownDelayMs: 0 });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('turns rate limits on by default, except under NODE_ENV=test unless RATE_LIMIT says so; reads INTROSPECTION', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).rateLimit).toMatchObject({ enabled: true, windowSeconds: 60, subjectRequests: 1200 });
    expect(loadConfig({ NODE_ENV: 'test' }).rateLimit.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', RATE_LIMIT: 'on' }).rateLimit.enabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', RATE_LIMIT: 'off' }).rateLimit.enabled).toBe(false);
    expect(loadConfig({ INTROSPECTION: 'off' }).introspection).toBe('off');
    expect(loadConfig({ INTROSPECTION: 'false' }).introspection).toBe('off');
    expect(loadConfig({ INTROSPECTION: 'true' }).introspection).toBe('authenticated');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_POOL_SIZE', '0'],
    ['LOG_LEVEL', 'loud'],
    ['SEED_DEMO', 'sometimes'],
    ['MAX_QUERY_DEPTH', '0'],
    ['SHUTDOWN_GRACE_MS', '-1'],
    ['NODE_ENV', 'staging'],
    ['HOLD_SWEEP_INTERVAL_SECONDS', '-1'],
    ['HOLD_SWEEP_INTERVAL_SECONDS', '1.5'],
    ['HOLD_SWEEP_INTERVAL_SECONDS', 'often'],
  ])('names %s when it is invalid (%s)', (name, value) => {
    expect(messageOf({ [name]: value })).toMatch(new RegExp(`^Invalid configuration \\(see \\.env\\.example\\):\\n  ${name}: `));
  });

  it('sweeps expired holds every 60 s by default; 0 turns the sweep off', () => {
    expect(loadConfig({}).holdSweepIntervalSeconds).toBe(60);
    expect(loadConfig({ HOLD_SWEEP_INTERVAL_SECONDS: '0' }).holdSweepIntervalSeconds).toBe(0);
    expect(loadConfig({ HOLD_SWEEP_INTERVAL_SECONDS: '5' }).holdSweepIntervalSeconds).toBe(5);
  });

  it('uses named prepared statements unless DATABASE_PREPARE=false (PgBouncer in transaction mode)', () => {
    expect(loadConfig({}).databasePrepare).toBe(true);
    expect(loadConfig({ DATABASE_PREPARE: 'false' }).databasePrepare).toBe(false);
    expect(messageOf({ DATABASE_PREPARE: 'no' })).toContain('  DATABASE_PREPARE: ');
  });

  it('names every bad variable at once', () => {
    const message = messageOf({ PORT: 'x', LOG_LEVEL: 'loud', INTROSPECTION: 'yes' });
    for (const name of ['PORT', 'LOG_LEVEL', 'INTROSPECTION']) expect(message).toContain(`  ${name}: `);
  });

  it('says why a short JWT_SECRET is rejected without echoing the secret', () => {
    const message = messageOf({ JWT_SECRET: 'hunter2-is-not-long' });
    expect(message).toContain('JWT_SECRET: must be at least 32 characters');
    expect(message).not.toContain('hunter2');
  });

  it('requires JWT_SECRET or JWT_JWKS_URL with an external database', () => {
    expect(messageOf({ DATABASE_URL: 'postgres://db.example.test/medoffice' })).toContain('JWT_SECRET: required when DATABASE_URL is set');
    expect(loadConfig({ DATABASE_URL: 'postgres://db.example.test/medoffice', JWT_JWKS_URL: 'https://idp.example.test/jwks.json' }).printDemoTokens).toBe(false);
  });
});

describe('.env.example', () => {
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  const documented = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);

  it('documents every variable the server reads, and no other', () => {
    expect([...new Set(documented)].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('holds values that load (the commented-out ones aside)', () => {
    const env = Object.fromEntries([...example.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(() => loadConfig(env)).not.toThrow();
  });
});
