import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { signToken } from '../../../server/src/graphql/auth.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { patientInput } from '../../factories/patient.factory.js';
import { REGISTER } from '../../helpers/patient-ops.js';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratch-database.js';
import { type Child, spawnServer } from '../../helpers/spawn-server.js';

const SECRET = 'failover-secret-failover-secret-0123456';
const WORKERS = 12;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  email: string;
  code: string;
  retryable?: boolean;
}

let scratch: ScratchDatabase | undefined;
let child: Child | undefined;
afterAll(async () => {
  if (child && child.proc.exitCode === null) {
    child.proc.kill('SIGTERM');
    await child.exited;
  }
  await scratch?.drop();
});

// PGlite runs inside the server process: it has no backends to terminate and no connections to lose.
describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL terminates every backend during write transactions (PostgreSQL)', () => {
  it('the server stays up, answers the requests caught in flight with a retryable SERVICE_UNAVAILABLE, serves again within seconds, and nothing is half-written', async () => {
    scratch = await createScratchDatabase('medoffice_failover');
    child = spawnServer({ DATABASE_URL: scratch.url, JWT_SECRET: SECRET, SEED_DEMO: 'always', DATABASE_POOL_SIZE: '10' });
    const { port } = (await child.waitForLog('medoffice listening')) as { port: number };
    const token = await signToken(SECRET, { userId: 'failover-test', practiceId: DEMO_PRACTICE_ID, roles: [Role.FRONT_DESK] });
    const register = async (email: string): Promise<Outcome> => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: REGISTER, variables: { input: patientInput({ email, confirmNotDuplicate: true }) } }),
      });
      const body = (await res.json()) as { errors?: { extensions: { code: string; retryable: boolean } }[] };
      const error = body.errors?.[0]?.extensions;
      return error ? { email, code: error.code, retryable: error.retryable } : { email, code: 'ok' };
    };

    // Write load: registrations (practice lock, MRN allocation, insert, audit row: one transaction each).
    const outcomes: Outcome[] = [];
    const transportErrors: string[] = [];
    let running = true;
    let n = 0;
    const worker = async () => {
      while (running) {
        n += 1;
        const email = `failover${n}@example.test`;
        try {
          outcomes.push(await register(email));
        } catch (err) {
          transportErrors.push((err as Error).message);
          await sleep(50);
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);
    while (outcomes.filter((o) => o.code === 'ok').length < 20) await sleep(50);

    // Terminate every backend of the server's database, as a restart or failover does. Again if no request
    // happened to be mid-transaction at that instant.
    const terminate = () => scratch!.sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${scratch!.name} and pid <> pg_backend_pid()`;
    let terminated = 0;
    for (let round = 0; round < 5 && !outcomes.some((o) => o.code === 'SERVICE_UNAVAILABLE'); round++) {
      terminated += (await terminate()).length;
      await sleep(1000);
    }
    await sleep(1000);
    running = false;
    await Promise.all(workers);

    expect(terminated).toBeGreaterThan(0);
    expect(child.proc.exitCode).toBeNull();
    expect(transportErrors).toEqual([]);
    const failed = outcomes.filter((o) => o.code !== 'ok');
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) expect(f).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(child.logs.some((l) => l.msg === 'unexpected error (masked as INTERNAL_SERVER_ERROR)')).toBe(false);
    expect(child.logs.some((l) => l.msg === 'database unavailable (answered SERVICE_UNAVAILABLE)')).toBe(true);

    // Serving normally again within seconds.
    const recovered = Date.now();
    let after: Outcome = { email: '', code: 'none' };
    for (let i = 0; i < 50 && after.code !== 'ok'; i++) {
      after = await register(`failover-after${i}@example.test`);
      if (after.code !== 'ok') await sleep(100);
    }
    expect(after.code).toBe('ok');
    expect(Date.now() - recovered).toBeLessThan(5000);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    // Nothing half-written: every stored registration has its audit row and every audited one is stored;
    // each one answered `ok` is stored exactly once.
    const stored = await scratch.sql<{ id: string; email: string }[]>`select id, email from patients where email like 'failover%@example.test'`;
    const audited = await scratch.sql<{ id: string }[]>`
      select unnest(entity_ids) as id from audit_batches where action = 'CREATE' and 'Patient' = any(entity_types) and user_id = 'failover-test'`;
    expect(new Set(audited.map((a) => a.id))).toEqual(new Set(stored.map((s) => s.id)));
    expect(audited).toHaveLength(stored.length);
    const emails = stored.map((s) => s.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const o of outcomes.filter((x) => x.code === 'ok')) expect(emails).toContain(o.email);
  }, 120_000);
});
