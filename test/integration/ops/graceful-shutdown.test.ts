import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../server/src/graphql/auth.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { spawnServer } from '../../helpers/spawn-server.js';

const SECRET = 'shutdown-secret-shutdown-secret-0123456';
const dataDir = mkdtempSync(join(tmpdir(), 'medoffice-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Opens a TCP connection and reports whether the server accepted it. */
const connects = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('graceful shutdown on SIGTERM', () => {
  it('finishes the in-flight request, refuses new connections and exits 0', async () => {
    // The hold sweep runs every second, so shutdown has a background job to stop too.
    const child = spawnServer({ PGLITE_DATA_DIR: dataDir, JWT_SECRET: SECRET, SEED_DEMO: 'always', HOLD_SWEEP_INTERVAL_SECONDS: '1' });
    const { port } = (await child.waitForLog('medoffice listening')) as { port: number };
    const token = await signToken(SECRET, { userId: 'shutdown-test', practiceId: DEMO_PRACTICE_ID, roles: [Role.FRONT_DESK] });
    const body = JSON.stringify({ query: '{ patients(first: 3) { edges { node { mrn } } } }' });

    // A request whose body arrives in two parts. `Expect: 100-continue` makes the server confirm it has the
    // request before we send a byte of the body, so the request is provably in flight before SIGTERM.
    let inFlight!: http.ClientRequest;
    const continued = new Promise<void>((resolve) => {
      inFlight = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}`, expect: '100-continue' } });
      inFlight.on('continue', () => resolve());
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      inFlight.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      inFlight.on('error', reject);
    });
    inFlight.flushHeaders();
    await continued;
    inFlight.write(body.slice(0, 10));
    expect(await connects(port)).toBe(true);

    child.proc.kill('SIGTERM');
    await child.waitForLog('shutting down: draining requests');
    // The listener closes a moment after the signal is handled: wait for that state, with the request still open.
    let accepted = true;
    for (let i = 0; i < 200 && accepted; i++) {
      accepted = await connects(port);
      if (accepted) await new Promise((r) => setTimeout(r, 25));
    }
    expect(accepted).toBe(false);
    expect(child.logs.some((l) => l.msg === 'stopped')).toBe(false);

    inFlight.end(body.slice(10));
    const res = await response;
    expect(res.status).toBe(200);
    const parsed = JSON.parse(res.body) as { data: { patients: { edges: { node: { mrn: string } }[] } } };
    expect(parsed.data.patients.edges.map((e) => e.node.mrn)).toHaveLength(3);

    expect(await child.exited).toBe(0);
    expect(child.logs.some((l) => l.msg === 'stopped')).toBe(true);
  }, 90_000);
});
