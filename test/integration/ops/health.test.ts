import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../server/src/app.js';
import { loadConfig } from '../../../server/src/config.js';
import type { Database } from '../../../server/src/db/client.js';
import { createTokenVerifier } from '../../../server/src/graphql/auth.js';
import { buildSchema } from '../../../server/src/graphql/build-schema.js';
import { createLogger } from '../../../server/src/logger.js';
import { openTestDatabase } from '../../helpers/test-db.js';

const SECRET = 'health-secret-health-secret-health-0123';
let database: Database;

async function start(env: Record<string, string> = {}, db: Database = database): Promise<{ app: App; base: string }> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET, LOG_LEVEL: 'silent', ...env });
  const app = await createApp({ config, database: db, schema: await buildSchema(), verifier: createTokenVerifier({ secret: SECRET }), logger: createLogger('silent') });
  const port = await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${port}` };
}

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('health endpoints', () => {
  it('/healthz and /readyz answer 200 when the database is reachable', async () => {
    const { app, base } = await start();
    expect(await get(`${base}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(`${base}/readyz`)).toEqual({ status: 200, body: { status: 'ready', database: database.engine } });
    await app.stop();
  });

  it('/readyz answers 503 when the database is unreachable, while /healthz stays 200', async () => {
    const broken: Database = { ...database, ping: () => Promise.reject(new Error('connection refused')), close: async () => {} };
    const { app, base } = await start({}, broken);
    expect(await get(`${base}/readyz`)).toEqual({ status: 503, body: { status: 'unavailable' } });
    expect((await get(`${base}/healthz`)).status).toBe(200);
    await app.stop();
  });

  it('/readyz answers 503 while draining, then the listener closes', async () => {
    // The delay only has to outlast two local requests; it is generous for a loaded machine.
    const { app, base } = await start({ SHUTDOWN_DELAY_MS: '3000' });
    expect((await get(`${base}/readyz`)).status).toBe(200);
    const stopping = app.stop();
    expect(await get(`${base}/readyz`)).toEqual({ status: 503, body: { status: 'draining' } });
    expect((await get(`${base}/healthz`)).status).toBe(200);
    await stopping;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
