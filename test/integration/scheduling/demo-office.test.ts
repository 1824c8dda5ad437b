import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { eligibilityChecks } from '../../../server/src/db/schema/insurance.js';
import { locations } from '../../../server/src/db/schema/locations.js';
import { recalls, reminderMessages, waitlistEntries } from '../../../server/src/db/schema/engagement.js';
import { appointmentTypes, appointments } from '../../../server/src/db/schema/scheduling.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { todayIn } from '../../../server/src/lib/dates.js';
import { DEMO_HOOK_TIMEOUT, demoNow, demoSeed } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { BOOK, bookInput, SCHEDULE, SLOTS } from './ops.js';

let server: TestServer;
const practiceId = DEMO_PRACTICE_ID;
// The run's demo is built around this instant; "today" below is its date, even if the run crosses midnight.
const seededAt = demoNow();
beforeAll(async () => {
  server = await startTestServer({}, { demo: true });
}, DEMO_HOOK_TIMEOUT);

const WAITING = /* GraphQL */ `query W($locationId: ID!) { waitingRoom(locationId: $locationId) { waitingMinutes appointment { id status } } }`;

describe('the demo practice is a working office on first start', () => {
  it('has visit types, rooms, four weeks of history and three weeks booked ahead', async () => {
    const db = server.database.db;
    const types = await db.select().from(appointmentTypes).where(eq(appointmentTypes.practiceId, practiceId));
    expect(types.map((t) => t.modality).sort()).toEqual(['BOTH', 'IN_PERSON', 'IN_PERSON', 'IN_PERSON', 'TELEHEALTH']);
    const appts = await db.select({ status: appointments.status, startsAt: appointments.startsAt }).from(appointments).where(eq(appointments.practiceId, practiceId));
    // The superbill demo adds older billed visits before the office's four weeks.
    expect(appts.length).toBeGreaterThanOrEqual(demoSeed().appointments);
    const statuses = new Set(appts.map((a) => a.status));
    for (const s of ['COMPLETED', 'NO_SHOW', 'CANCELLED', 'BOOKED', 'CONFIRMED']) expect(statuses).toContain(s);
    const now = Date.now();
    expect(appts.some((a) => a.startsAt.getTime() < now - 21 * 86_400_000)).toBe(true);
    expect(appts.some((a) => a.startsAt.getTime() > now + 14 * 86_400_000)).toBe(true);
    expect((await db.select().from(waitlistEntries).where(eq(waitlistEntries.practiceId, practiceId))).length).toBe(13); // 12 waiting patients + the incoming referral's booking request (seed-referrals.ts)
    expect((await db.select().from(recalls).where(eq(recalls.practiceId, practiceId))).length).toBe(40);
    expect((await db.select().from(reminderMessages).where(and(eq(reminderMessages.practiceId, practiceId), eq(reminderMessages.status, 'PENDING')))).length).toBeGreaterThan(0);
  });

  it('shows today in progress at every location: a day view with patients in rooms and a waiting room', async () => {
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const locs = await server.database.db.select().from(locations).where(eq(locations.practiceId, practiceId));
    for (const loc of locs) {
      const day = await server.gql(token, SCHEDULE, { locationId: loc.id, date: todayIn(loc.timeZone, seededAt), first: 200 });
      expect(day.errors).toBeUndefined();
      const statuses = day.data!.schedule.edges.map((e: { node: { status: string } }) => e.node.status);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses).toContain('ARRIVED');
      const waiting = await server.gql(token, WAITING, { locationId: loc.id });
      expect(waiting.errors).toBeUndefined();
      expect(waiting.data!.waitingRoom.length).toBeGreaterThan(0);
    }
  });

  it('has open slots in the coming days that book as the README shows', async () => {
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const [loc] = await server.database.db.select().from(locations).where(eq(locations.practiceId, practiceId));
    const [type] = await server.database.db.select().from(appointmentTypes).where(and(eq(appointmentTypes.practiceId, practiceId), eq(appointmentTypes.name, 'Follow-up visit')));
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const to = new Date(Date.now() + 8 * 86_400_000).toISOString();
    const slots = await server.gql(token, SLOTS, { typeId: type!.id, locationId: loc!.id, from, to });
    expect(slots.errors).toBeUndefined();
    expect(slots.data!.availableSlots.length).toBeGreaterThan(10);
    const slot = slots.data!.availableSlots[0];
    const [patient] = await server.database.db.select({ id: appointments.patientId }).from(appointments).where(eq(appointments.practiceId, practiceId)).limit(1);
    const booked = await server.gql(token, BOOK, { input: bookInput({ patientId: patient!.id, providerId: slot.providerId, locationId: loc!.id, appointmentTypeId: type!.id }, slot.startsAt) });
    expect(booked.errors).toBeUndefined();
    expect(booked.data!.bookAppointment.appointment.status).toBe('BOOKED');
  });

  it('holds eligibility checks in every outcome for today and the next working day', async () => {
    const rows = await server.database.db.select({ outcome: eligibilityChecks.outcome, raw270: eligibilityChecks.raw270 }).from(eligibilityChecks).where(eq(eligibilityChecks.practiceId, practiceId));
    expect(rows.length).toBe(demoSeed().eligibilityChecks);
    expect(new Set(rows.map((r) => r.outcome))).toEqual(new Set(['ELIGIBLE', 'NOT_ELIGIBLE', 'UNKNOWN']));
    expect(rows.every((r) => r.raw270.startsWith('ISA*'))).toBe(true);
  });
});
