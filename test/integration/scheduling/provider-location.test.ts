import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../server/src/db/client.js';
import { waitlistEntries } from '../../../server/src/db/schema/engagement.js';
import { providerLocations, providers } from '../../../server/src/db/schema/providers.js';
import { appointments } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { linkProvider } from '../../factories/catalog.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { insertProvider, schedulingWorld } from '../../factories/scheduling.factory.js';
import { availabilityRules } from '../../../server/src/db/schema/scheduling.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { waitUntil } from '../../helpers/ws-client.js';
import { BOOK, bookInput, RESCHEDULE, SLOTS } from './ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

// Tuesday 2027-01-12, 09:00 and 10:00 New York (EST).
const AT_9 = '2027-01-12T14:00:00.000Z';
const AT_10 = '2027-01-12T15:00:00.000Z';
const DAY = { from: '2027-01-12T00:00:00Z', to: '2027-01-13T00:00:00Z' };

const ADD = 'mutation($input: AddToWaitlistInput!) { addToWaitlist(input: $input) { entry { id } } }';
const OFFER = 'mutation($input: OfferSlotInput!) { offerSlot(input: $input) { offer { appointmentId } entry { status } } }';

/**
 * A practice whose provider works at `location` (linked, 08–17 daily), and a second provider with the
 * same weekly hours planted at `location` but linked only to `elsewhere`.
 */
async function setup() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const world = await schedulingWorld(db, practiceId);
  const elsewhere = await createLocation(db, practiceId);
  const stranger = await insertProvider(db, practiceId);
  await linkProvider(db, practiceId, stranger.id, elsewhere.id);
  await db.insert(availabilityRules).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ practiceId, providerId: stranger.id, locationId: world.location.id, weekday, startTime: '08:00', endTime: '17:00', effectiveFrom: '2026-01-01' })));
  const patient = await insertPatient(db, practiceId);
  const desk = await server.token(practiceId, [Role.FRONT_DESK]);
  const ids = { patientId: patient.id, providerId: world.provider.id, locationId: world.location.id, appointmentTypeId: world.type.id };
  const rows = () => db.select().from(appointments).where(eq(appointments.practiceId, practiceId));
  return { db, practiceId, ...world, elsewhere, stranger, patient, desk, ids, rows };
}

describe('a provider is booked only where they work', () => {
  it('refuses to book a provider at a location they are not linked to, changing nothing; accepts once linked', async () => {
    const s = await setup();
    const refused = await server.gql(s.desk, BOOK, { input: bookInput({ ...s.ids, providerId: s.stranger.id }, AT_9, { overrideAvailability: true }) });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.locationId', message: 'is not a location where the provider works' }] });
    expect(await s.rows()).toHaveLength(0);

    await linkProvider(s.db, s.practiceId, s.stranger.id, s.location.id);
    const booked = await server.gql(s.desk, BOOK, { input: bookInput({ ...s.ids, providerId: s.stranger.id }, AT_9) });
    expect(booked.errors).toBeUndefined();
    expect(booked.data!.bookAppointment.appointment).toMatchObject({ providerId: s.stranger.id, status: 'BOOKED' });
  });

  it('refuses an inactive provider on input.providerId, even where linked', async () => {
    const s = await setup();
    await s.db.update(providers).set({ active: false }).where(eq(providers.id, s.provider.id));
    const refused = await server.gql(s.desk, BOOK, { input: bookInput(s.ids, AT_9) });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.providerId', message: 'is an inactive provider' }] });
    expect(await s.rows()).toHaveLength(0);
    // Another practice's provider is still NOT_FOUND, never a hint that it exists.
    const foreign = await insertProvider(s.db, await createPractice(s.db));
    const missing = await server.gql(s.desk, BOOK, { input: bookInput({ ...s.ids, providerId: foreign.id }, AT_9) });
    expect(missing.errors![0]!.extensions.code).toBe('NOT_FOUND');
  });

  it('refuses working hours and extra hours at a location where the provider does not work; time off needs no location', async () => {
    const s = await setup();
    const admin = await server.token(s.practiceId, [Role.PRACTICE_ADMIN]);
    const RULE = 'mutation($input: CreateAvailabilityRuleInput!) { createAvailabilityRule(input: $input) { rule { id } } }';
    const EXCEPTION = 'mutation($input: CreateAvailabilityExceptionInput!) { createAvailabilityException(input: $input) { exception { id } } }';
    const rule = { providerId: s.stranger.id, locationId: s.location.id, weekday: 2, startTime: '18:00', endTime: '20:00', effectiveFrom: '2027-01-01' };
    const refused = await server.gql(admin, RULE, { input: rule });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.locationId' }] });
    const extra = await server.gql(admin, EXCEPTION, { input: { providerId: s.stranger.id, locationId: s.location.id, kind: 'EXTRA_HOURS', startsAt: AT_9, endsAt: AT_10 } });
    expect(extra.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.locationId' }] });
    const timeOff = await server.gql(admin, EXCEPTION, { input: { providerId: s.stranger.id, kind: 'TIME_OFF', startsAt: AT_9, endsAt: AT_10 } });
    expect(timeOff.errors).toBeUndefined();
    expect((await server.gql(admin, RULE, { input: { ...rule, locationId: s.elsewhere.id } })).errors).toBeUndefined();
  });

  it('offers no slots for a provider who does not work at the location, whatever hours are on file there', async () => {
    const s = await setup();
    const of = async (providerId?: string) => {
      const res = await server.gql(s.desk, SLOTS, { typeId: s.type.id, locationId: s.location.id, ...DAY, providerId });
      expect(res.errors).toBeUndefined();
      return res.data!.availableSlots as { providerId: string; startsAt: string }[];
    };
    expect(await of(s.stranger.id)).toEqual([]);
    const everyone = await of();
    expect(everyone.length).toBeGreaterThan(0);
    expect(new Set(everyone.map((slot) => slot.providerId))).toEqual(new Set([s.provider.id]));

    await linkProvider(s.db, s.practiceId, s.stranger.id, s.location.id);
    expect((await of(s.stranger.id))[0]!.startsAt).toBe(AT_9.replace('14:00', '13:00'));
    expect(new Set((await of()).map((slot) => slot.providerId))).toEqual(new Set([s.provider.id, s.stranger.id]));
    await s.db.update(providers).set({ active: false }).where(eq(providers.id, s.stranger.id));
    expect(await of(s.stranger.id)).toEqual([]);
  });

  it('refuses to reschedule to a provider who does not work at the appointment\'s location; accepts one who does', async () => {
    const s = await setup();
    const booked = (await server.gql(s.desk, BOOK, { input: bookInput(s.ids, AT_9) })).data!.bookAppointment.appointment;
    const refused = await server.gql(s.desk, RESCHEDULE, { input: { id: booked.id, expectedVersion: booked.version, startsAt: AT_10, providerId: s.stranger.id } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.providerId', message: 'is not a location where the provider works' }] });
    const [unchanged] = await s.rows();
    expect(unchanged).toMatchObject({ providerId: s.provider.id, startsAt: new Date(AT_9), version: booked.version });

    // Moving the time alone does not re-check the provider's own link.
    const sameProvider = await server.gql(s.desk, RESCHEDULE, { input: { id: booked.id, expectedVersion: booked.version, startsAt: AT_10 } });
    expect(sameProvider.errors).toBeUndefined();

    await linkProvider(s.db, s.practiceId, s.stranger.id, s.location.id);
    const moved = await server.gql(s.desk, RESCHEDULE, { input: { id: booked.id, expectedVersion: booked.version + 1, startsAt: AT_9, providerId: s.stranger.id } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.rescheduleAppointment.appointment).toMatchObject({ providerId: s.stranger.id, startsAt: AT_9 });
  });

  it('refuses to hold a waitlist slot with a provider who does not work at the location; holds it once linked', async () => {
    const s = await setup();
    const entry = (await server.gql(s.desk, ADD, { input: { patientId: s.patient.id, appointmentTypeId: s.type.id, locationId: s.location.id } })).data!.addToWaitlist.entry;
    const slot = { providerId: s.stranger.id, locationId: s.location.id, startsAt: AT_9, endsAt: AT_10.replace('15:00', '14:30') };
    const refused = await server.gql(s.desk, OFFER, { input: { waitlistEntryId: entry.id, slot } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.slot.locationId', message: 'is not a location where the provider works' }] });
    expect(await s.rows()).toHaveLength(0);
    const [waiting] = await s.db.select().from(waitlistEntries).where(and(eq(waitlistEntries.practiceId, s.practiceId), eq(waitlistEntries.id, entry.id)));
    expect(waiting!.status).toBe('WAITING');

    await linkProvider(s.db, s.practiceId, s.stranger.id, s.location.id);
    const held = await server.gql(s.desk, OFFER, { input: { waitlistEntryId: entry.id, slot } });
    expect(held.errors).toBeUndefined();
    expect(held.data!.offerSlot.entry.status).toBe('OFFERED');
  });

  // Needs two connections: PGlite has one, so an open transaction would block the booking forever.
  it.skipIf(!process.env.TEST_DATABASE_URL)('a booking racing an unlink waits for it and is refused, never booked where the provider no longer works (PostgreSQL)', async () => {
    const s = await setup();
    let booking: Promise<unknown> | undefined;
    await s.db.transaction(async (tx) => {
      await tx.delete(providerLocations).where(and(eq(providerLocations.providerId, s.provider.id), eq(providerLocations.locationId, s.location.id)));
      // The pre-checks still see the link (uncommitted delete); the booking's locked re-check must wait for this commit.
      booking = server.gql(s.desk, BOOK, { input: bookInput(s.ids, AT_9) });
      await waitUntil(async () => {
        const [row] = rowsOf<{ n: number }>(await s.db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`));
        return Number(row!.n) > 0;
      });
    });
    const res = (await booking) as Awaited<ReturnType<TestServer['gql']>>;
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.locationId' }] });
    expect(await s.rows()).toHaveLength(0);
  });
});
