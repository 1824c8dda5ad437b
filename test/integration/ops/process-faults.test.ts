import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { signToken } from '../../../server/src/graphql/auth.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratch-database.js';
import { type Child, spawnServer } from '../../helpers/spawn-server.js';

const SECRET = 'faults-secret-faults-secret-faults-0123';
const injector = join(import.meta.dirname, '../../fixtures/fault-injector.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'medoffice-faults-'));
let scratch: ScratchDatabase | undefined;
let child: Child | undefined;
afterAll(async () => {
  if (child && child.proc.exitCode === null) {
    child.proc.kill('SIGKILL');
    await child.exited;
  }
  await scratch?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const engine = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`process-level fault policy (${engine})`, () => {
  it('logs an unhandled rejection and a lost-connection exception and keeps serving; exits 1 after draining on any other uncaught exception', async () => {
    scratch = process.env.TEST_DATABASE_URL ? await createScratchDatabase('medoffice_faults') : undefined;
    child = spawnServer({
      ...(scratch ? { DATABASE_URL: scratch.url } : { PGLITE_DATA_DIR: dataDir }),
      JWT_SECRET: SECRET,
      SEED_DEMO: 'always',
      NODE_OPTIONS: `--import ${injector}`,
      FAULT_SEQUENCE: 'rejection,db-exception,exception',
    });
    const { port } = (await child.waitForLog('medoffice listening')) as { port: number };
    const token = await signToken(SECRET, { userId: 'faults-test', practiceId: DEMO_PRACTICE_ID, roles: [Role.FRONT_DESK] });
    const serves = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ patients(first: 2) { edges { node { mrn } } } }' }),
      });
      const body = (await res.json()) as { data?: { patients: { edges: unknown[] } }; errors?: unknown };
      return res.status === 200 && !body.errors && body.data!.patients.edges.length === 2;
    };
    expect(await serves()).toBe(true);

    child.proc.kill('SIGUSR2');
    const rejection = await child.waitForLog('unhandled rejection; still serving');
    expect(rejection).toMatchObject({ level: 50, err: { type: 'RangeError' } });
    expect(JSON.stringify(rejection)).not.toContain('injected');
    expect(await serves()).toBe(true);

    child.proc.kill('SIGUSR2');
    expect(await child.waitForLog('uncaught exception: database unavailable; still serving')).toMatchObject({ level: 40 });
    expect(await serves()).toBe(true);
    expect(child.proc.exitCode).toBeNull();

    child.proc.kill('SIGUSR2');
    const fatal = await child.waitForLog('uncaught exception; state unknown, stopping for a restart');
    expect(fatal).toMatchObject({ level: 60, err: { type: 'TypeError' } });
    expect(JSON.stringify(fatal)).not.toContain('injected');
    expect(await child.exited).toBe(1);
    // It drained and closed the database on the way out, as on SIGTERM.
    expect(child.logs.find((l) => l.msg === 'stopped')).toMatchObject({ exitCode: 1 });
  }, 150_000);
});
