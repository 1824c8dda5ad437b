import { createClient, type MedofficeClient, type RegisterPatientInput } from '@medoffice/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../server/src/db/client.js';
import { signToken } from '../../../server/src/graphql/auth.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { schedulingWorld } from '../../factories/scheduling.factory.js';
import { PGBOUNCER_BIN, type PgBouncer, startPgBouncer } from '../../helpers/pgbouncer.js';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratch-database.js';
import { type Child, spawnServer } from '../../helpers/spawn-server.js';

const SECRET = 'bouncer-secret-bouncer-secret-bouncer-01';
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (onPostgres && !PGBOUNCER_BIN) {
  console.warn('pgbouncer.test.ts: SKIPPED — no pgbouncer binary (apt-get install -y pgbouncer; .ci/run installs it)');
}

let scratch: ScratchDatabase;
let bouncer: PgBouncer;
let world: Awaited<ReturnType<typeof schedulingWorld>>;
let practiceId: string;
const children: Child[] = [];

/** A server process whose only way to the database is PgBouncer in transaction pooling mode. */
async function serverBehindBouncer(env: Record<string, string>) {
  const child = spawnServer({ DATABASE_URL: bouncer.through(scratch.url), JWT_SECRET: SECRET, SEED_DEMO: 'never', DATABASE_POOL_SIZE: '8', ...env });
  children.push(child);
  const { port } = (await child.waitForLog('medoffice listening')) as { port: number };
  const token = await signToken(SECRET, { userId: 'bouncer-test', practiceId, roles: [Role.FRONT_DESK] });
  return createClient({ url: `http://127.0.0.1:${port}/graphql`, token, retry: false });
}

/** Registers, edits, searches, books, pages the day view and cancels: the office's main operations, concurrently. */
async function frontDeskDay(client: MedofficeClient, tag: string) {
  const registered = await Promise.all(
    Array.from({ length: 6 }, (_, i) => client.registerPatient({ input: patientInput({ email: `${tag}${i}@example.test`, confirmNotDuplicate: true }) as RegisterPatientInput })),
  );
  const patients = registered.map((r) => r.registerPatient.patient!);
  const first = patients[0]!;
  const { updatePatient } = await client.updatePatient({ input: { id: first.id, expectedVersion: first.version, preferredName: 'Sam' } });
  expect(updatePatient.patient.version).toBe(first.version + 1);
  const { patient } = await client.patient({ id: first.id });
  expect(patient?.preferredName).toBe('Sam');
  const { patients: found } = await client.patients({ search: { mrn: first.mrn }, first: 5 });
  expect(found.edges.map((e) => e.node.id)).toEqual([first.id]);

  const date = '2027-03-10';
  const { availableSlots } = await client.availableSlots({ appointmentTypeId: world.type.id, locationId: world.location.id, providerId: world.provider.id, from: `${date}T00:00:00Z`, to: `${date}T23:59:59Z` });
  // Slots on the hour, so that no two bookings overlap.
  const slots = availableSlots.filter((s) => s.startsAt.endsWith(':00:00.000Z'));
  expect(slots.length).toBeGreaterThanOrEqual(4);
  const booked = await Promise.all(
    patients.slice(0, 4).map((p, i) =>
      client.bookAppointment({
        input: { patientId: p.id, providerId: world.provider.id, locationId: world.location.id, appointmentTypeId: world.type.id, startsAt: slots[i]!.startsAt, idempotencyKey: `bouncer-${tag}-${i}` },
      }),
    ),
  );
  // The day view runs drizzle's prepared statement (`.prepare('day_page')`): unnamed behind PgBouncer.
  const seen: string[] = [];
  for await (const node of client.paginate.schedule({ locationId: world.location.id, date, first: 2 })) seen.push(node.id);
  expect(seen.sort()).toEqual(booked.map((b) => b.bookAppointment.appointment.id).sort());
  const { cancelAppointment } = await client.cancelAppointment({ input: { id: seen[0]!, reason: 'patient called to cancel' } });
  expect(cancelAppointment.appointment.status).toBe('CANCELLED');
}

describe.skipIf(!onPostgres || !PGBOUNCER_BIN)('behind PgBouncer in transaction pooling mode (PostgreSQL)', () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase('medoffice_bouncer');
    const upstream = new URL(process.env.TEST_DATABASE_URL!);
    bouncer = await startPgBouncer({ host: upstream.hostname, port: Number(upstream.port || 5432) });
    const direct = openPostgres(scratch.url, 2);
    practiceId = await createPractice(direct.db);
    world = await schedulingWorld(direct.db, practiceId);
    await direct.close();
  });
  afterAll(async () => {
    for (const child of children) {
      if (child.proc.exitCode === null) {
        child.proc.kill('SIGTERM');
        await child.exited;
      }
    }
    await bouncer?.stop();
    await scratch?.drop();
  });

  it('with DATABASE_PREPARE=false, migrates at start and runs the main operations', async () => {
    const client = await serverBehindBouncer({ DATABASE_PREPARE: 'false' });
    await frontDeskDay(client, 'unnamed');
  }, 90_000);
});
