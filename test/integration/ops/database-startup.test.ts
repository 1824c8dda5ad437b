import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { signToken } from '../../../server/src/graphql/auth.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratch-database.js';
import { type Child, spawnServer } from '../../helpers/spawn-server.js';
import { freePort, startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';

const SECRET = 'startup-secret-startup-secret-startup-01';
let scratch: ScratchDatabase | undefined;
let proxy: TcpProxy | undefined;
let child: Child | undefined;
afterAll(async () => {
  if (child && child.proc.exitCode === null) {
    child.proc.kill('SIGTERM');
    await child.exited;
  }
  await proxy?.close();
  await scratch?.drop();
});

// The embedded database starts inside the server process: it cannot be unavailable at start.
describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL unavailable at start (PostgreSQL)', () => {
  it('waits and retries with a clear log line, /readyz 503 and /graphql SERVICE_UNAVAILABLE until connected, then serves', async () => {
    scratch = await createScratchDatabase('medoffice_startup');
    const upstream = new URL(process.env.TEST_DATABASE_URL!);
    // The server is pointed at a port where nothing listens yet; later a proxy to PostgreSQL opens there.
    const dbPort = await freePort();
    const url = new URL(scratch.url);
    url.port = String(dbPort);
    child = spawnServer({ DATABASE_URL: url.toString(), JWT_SECRET: SECRET, SEED_DEMO: 'always' });
    const { port } = (await child.waitForLog('http listening; waiting for the database')) as { port: number };
    const retry = await child.waitForLog('database unavailable at start; retrying');
    expect(retry).toMatchObject({ level: 40, attempt: 1, retryInMs: 500 });
    expect(JSON.stringify(retry)).not.toContain(String(dbPort)); // no connection details in the log

    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 503, body: { status: 'starting' } });
    const early = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('1');
    expect(((await early.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });

    // Still waiting after a few attempts, not exited.
    while (child.logs.filter((l) => l.msg === 'database unavailable at start; retrying').length < 3) await new Promise((r) => setTimeout(r, 100));
    expect(child.proc.exitCode).toBeNull();

    proxy = await startTcpProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) }, dbPort);
    expect(await child.waitForLog('medoffice listening')).toMatchObject({ port, database: 'postgres' });
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const token = await signToken(SECRET, { userId: 'startup-test', practiceId: DEMO_PRACTICE_ID, roles: [Role.FRONT_DESK] });
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ patients(first: 1) { edges { node { mrn } } } }' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { patients: { edges: unknown[] } } }).data.patients.edges).toHaveLength(1);
  }, 150_000);
});
