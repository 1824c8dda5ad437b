import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/client.js';
import { startApp } from '../../helpers/start-app.js';
import { openTestDatabase } from '../../helpers/test-db.js';

let database: Database;
const start = (env: Record<string, string> = {}, db: Database = database) => startApp(db, { env });

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
    // Stopping twice (a second SIGTERM, a second owner) is the same shutdown, not an error.
    await Promise.all([app.stop(), app.stop()]);
    await app.stop();
  });

  it('/readyz answers 503 when the database is unreachable, while /healthz stays 200', async () => {
    const broken: Database = { ...database, ping: () => Promise.reject(new Error('connection refused')), close: async () => {} };
    const { app, base } = await start({}, broken);
    expect(await get(`${base}/readyz`)).toEqual({ status: 503, body: { status: 'unavailable' } });
    expect((await get(`${base}/healthz`)).status).toBe(200);
    await app.stop();
  });

  it('/readyz answers 503 when the database does not answer at all', async () => {
    const hung: Database = { ...database, ping: () => new Promise<void>(() => {}), close: async () => {} };
    const { app, base } = await start({}, hung);
    expect(await get(`${base}/readyz`)).toEqual({ status: 503, body: { status: 'unavailable' } });
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
