import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appointments } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { insertProvider, insertWeeklyHours, schedulingWorld } from '../../factories/scheduling.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { BOOK, bookInput, CANCEL, RESCHEDULE } from './ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

/** mulberry32: a tiny seeded PRNG so a failing sequence can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ModelAppt {
  id: string;
  providerId: string;
  patientId: string;
  start: number;
  end: number;
  version: number;
}

const MIN = 60_000;
const DAY_START = Date.parse('2027-01-12T13:00:00Z'); // 08:00 New York
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

describe('booking agrees with an in-memory overlap model', () => {
  it('random book/cancel/reschedule sequences (seeded)', async () => {
    const seed = 20261127;
    const rand = prng(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const world = await schedulingWorld(db, practiceId);
    const second = await insertProvider(db, practiceId);
    await insertWeeklyHours(db, practiceId, second.id, world.location.id);
    const providerIds = [world.provider.id, second.id];
    const patientIds = (await Promise.all(Array.from({ length: 6 }, () => insertPatient(db, practiceId)))).map((p) => p.id);
    const desk = await server.token(practiceId, [Role.FRONT_DESK]);
    const live = new Map<string, ModelAppt>();
    // 30-minute visits on a 15-minute grid within 08:00–11:00: plenty of collisions.
    const randomStart = () => DAY_START + Math.floor(rand() * 11) * 15 * MIN;
    const clashes = (c: { providerId: string; patientId: string; start: number; end: number }, ignore?: string) =>
      [...live.values()].some((a) => a.id !== ignore && (a.providerId === c.providerId || a.patientId === c.patientId) && overlaps(a, c));

    let accepted = 0;
    let refused = 0;
    for (let step = 0; step < 300; step++) {
      const roll = rand();
      if (roll < 0.55 || live.size === 0) {
        const c = { providerId: pick(providerIds), patientId: pick(patientIds), start: randomStart(), end: 0 };
        c.end = c.start + 30 * MIN;
        const res = await server.gql(desk, BOOK, { input: bookInput({ providerId: c.providerId, patientId: c.patientId, locationId: world.location.id, appointmentTypeId: world.type.id }, new Date(c.start).toISOString()) });
        const expectOk = !clashes(c);
        expect(!res.errors, `step ${step} (seed ${seed}) book ${JSON.stringify(res.errors?.[0]?.extensions)}`).toBe(expectOk);
        if (res.errors) {
          expect(res.errors[0]!.extensions.code).toBe('SLOT_CONFLICT');
          refused++;
        } else {
          const a = res.data!.bookAppointment.appointment;
          live.set(a.id, { id: a.id, ...c, version: a.version });
          accepted++;
        }
      } else if (roll < 0.75) {
        const a = pick([...live.values()]);
        const res = await server.gql(desk, CANCEL, { input: { id: a.id, reason: 'model' } });
        expect(res.errors, `step ${step} cancel`).toBeUndefined();
        live.delete(a.id);
      } else {
        const a = pick([...live.values()]);
        const moved = { ...a, start: randomStart() };
        moved.end = moved.start + 30 * MIN;
        const res = await server.gql(desk, RESCHEDULE, { input: { id: a.id, expectedVersion: a.version, startsAt: new Date(moved.start).toISOString() } });
        const expectOk = !clashes(moved, a.id);
        expect(!res.errors, `step ${step} (seed ${seed}) reschedule ${JSON.stringify(res.errors?.[0]?.extensions)}`).toBe(expectOk);
        if (res.errors) expect(res.errors[0]!.extensions.code).toBe('SLOT_CONFLICT');
        else live.set(a.id, { ...moved, version: res.data!.rescheduleAppointment.appointment.version });
      }
    }
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
    const rows = await db.select().from(appointments).where(and(eq(appointments.practiceId, practiceId), eq(appointments.active, true)));
    expect(new Map(rows.map((r) => [r.id, r.startsAt.getTime()]))).toEqual(new Map([...live.values()].map((a) => [a.id, a.start])));
  }, 180_000);
});
