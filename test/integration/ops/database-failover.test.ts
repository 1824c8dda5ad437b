import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../server/src/db/client.js';
import { signToken } from '../../../server/src/graphql/auth.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient, patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { schedulingWorld } from '../../factories/scheduling.factory.js';
import { REGISTER } from '../../helpers/patient-ops.js';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratch-database.js';
import { type Child, spawnServer } from '../../helpers/spawn-server.js';

const SECRET = 'failover-secret-failover-secret-0123456';
const WORKERS = 12;
const BOOK = /* GraphQL */ `
  mutation Book($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id status } } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  /** The registration's email or the booking's idempotency key. */
  key: string;
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
    const direct = openPostgres(scratch.url, 2);
    const practiceId = await createPractice(direct.db);
    const world = await schedulingWorld(direct.db, practiceId);
    const patientIds: string[] = [];
    for (let i = 0; i < 24; i++) patientIds.push((await insertPatient(direct.db, practiceId)).id);
    await direct.close();

    child = spawnServer({ DATABASE_URL: scratch.url, JWT_SECRET: SECRET, SEED_DEMO: 'never', DATABASE_POOL_SIZE: '10' });
    const { port } = (await child.waitForLog('medoffice listening')) as { port: number };
    const token = await signToken(SECRET, { userId: 'failover-test', practiceId, roles: [Role.FRONT_DESK] });
    const post = async (key: string, query: string, input: Record<string, unknown>): Promise<Outcome> => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { input } }),
      });
      const body = (await res.json()) as { errors?: { extensions: { code: string; retryable: boolean } }[] };
      const error = body.errors?.[0]?.extensions;
      return error ? { key, code: error.code, retryable: error.retryable } : { key, code: 'ok' };
    };
    const register = (email: string) => post(email, REGISTER, patientInput({ email, confirmNotDuplicate: true }));
    // A random half hour in June 2027, inside the provider's hours (09:00–15:30 New York): bookings seldom collide.
    const book = (key: string) => {
      const day = String(1 + Math.floor(Math.random() * 30)).padStart(2, '0');
      const minutes = Math.floor(Math.random() * 14) * 30;
      const startsAt = new Date(Date.parse(`2027-06-${day}T13:00:00Z`) + minutes * 60_000).toISOString();
      const patientId = patientIds[Math.floor(Math.random() * patientIds.length)]!;
      return post(key, BOOK, { patientId, providerId: world.provider.id, locationId: world.location.id, appointmentTypeId: world.type.id, startsAt, idempotencyKey: key });
    };

    // Write load: registrations (practice lock, MRN allocation, insert, audit) and bookings (provider lock,
    // hold release, insert, status history, audit, reminders): one transaction each.
    const registrations: Outcome[] = [];
    const bookings: Outcome[] = [];
    const transportErrors: string[] = [];
    let running = true;
    let n = 0;
    const worker = async (kind: 'register' | 'book') => {
      while (running) {
        n += 1;
        try {
          if (kind === 'register') registrations.push(await register(`failover${n}@example.test`));
          else bookings.push(await book(`failover-booking-${n}`));
        } catch (err) {
          transportErrors.push((err as Error).message);
          await sleep(50);
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, i) => worker(i % 2 === 0 ? 'register' : 'book'));
    const outcomes = () => [...registrations, ...bookings];
    while (outcomes().filter((o) => o.code === 'ok').length < 20) await sleep(50);

    // Terminate every backend of the server's database, as a restart or failover does. Again if no request
    // happened to be mid-transaction at that instant.
    const terminate = () => scratch!.sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${scratch!.name} and pid <> pg_backend_pid()`;
    let terminated = 0;
    for (let round = 0; round < 5 && !outcomes().some((o) => o.code === 'SERVICE_UNAVAILABLE'); round++) {
      terminated += (await terminate()).length;
      await sleep(1000);
    }
    await sleep(1000);
    running = false;
    await Promise.all(workers);

    expect(terminated).toBeGreaterThan(0);
    expect(child.proc.exitCode).toBeNull();
    expect(transportErrors).toEqual([]);
    // Two bookings may want the same time: SLOT_CONFLICT is an answer, not a fault.
    const failed = outcomes().filter((o) => o.code !== 'ok' && o.code !== 'SLOT_CONFLICT');
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) expect(f).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(registrations.filter((o) => o.code === 'ok').length).toBeGreaterThan(0);
    expect(bookings.filter((o) => o.code === 'ok').length).toBeGreaterThan(0);
    expect(child.logs.some((l) => l.msg === 'unexpected error (masked as INTERNAL_SERVER_ERROR)')).toBe(false);
    expect(child.logs.some((l) => l.msg === 'database unavailable (answered SERVICE_UNAVAILABLE)')).toBe(true);

    // Serving normally again within seconds.
    const recovered = Date.now();
    let after: Outcome = { key: '', code: 'none' };
    for (let i = 0; i < 50 && after.code !== 'ok'; i++) {
      after = await register(`failover-after${i}@example.test`);
      if (after.code !== 'ok') await sleep(100);
    }
    expect(after.code).toBe('ok');
    expect(Date.now() - recovered).toBeLessThan(5000);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    // Nothing half-written: every stored registration and booking has its audit row (and a booking its
    // status history) and every audited one is stored; each one answered `ok` is stored exactly once.
    const audited = async (entity: string) =>
      (
        await scratch!.sql<{ id: string }[]>`
          select unnest(entity_ids) as id from audit_batches where action = 'CREATE' and ${entity} = any(entity_types) and user_id = 'failover-test'`
      ).map((a) => a.id);
    const stored = await scratch.sql<{ id: string; email: string }[]>`select id, email from patients where email like 'failover%@example.test'`;
    const auditedPatients = await audited('Patient');
    expect(new Set(auditedPatients)).toEqual(new Set(stored.map((s) => s.id)));
    expect(auditedPatients).toHaveLength(stored.length);
    const emails = stored.map((s) => s.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const o of registrations.filter((x) => x.code === 'ok')) expect(emails).toContain(o.key);

    const appointments = await scratch.sql<{ id: string; key: string; history: number }[]>`
      select a.id, a.idempotency_key as key, (select count(*)::int from appointment_status_history h where h.appointment_id = a.id) as history
      from appointments a where a.practice_id = ${practiceId}`;
    const auditedAppointments = await audited('Appointment');
    expect(new Set(auditedAppointments)).toEqual(new Set(appointments.map((a) => a.id)));
    expect(auditedAppointments).toHaveLength(appointments.length);
    for (const a of appointments) expect(a.history).toBe(1);
    const keys = appointments.map((a) => a.key);
    for (const o of bookings.filter((x) => x.code === 'ok')) expect(keys).toContain(o.key);
  }, 120_000);
});
