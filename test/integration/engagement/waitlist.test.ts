import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { reminderMessages, waitlistEntries, waitlistOffers } from '../../../server/src/db/schema/engagement.js';
import { appointments } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { appointmentTopic } from '../../../server/src/modules/engagement/appointment-change.publisher.js';
import { releaseExpiredHolds } from '../../../server/src/modules/engagement/hold.repo.js';
import { createAppointmentType, createProvider, insertAppointment, officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const ADD = /* GraphQL */ `
  mutation Add($input: AddToWaitlistInput!) { addToWaitlist(input: $input) { entry { id status createdAt preferredTimes { weekdays start end } } } }`;
const MATCHES = /* GraphQL */ `
  query Matches($slot: SlotInput!, $first: Int, $after: String) {
    waitlistMatches(slot: $slot, first: $first, after: $after) { edges { node { fitsPreferredTimes entry { id patientId } } } pageInfo { hasNextPage endCursor } }
  }`;
const OFFER = /* GraphQL */ `
  mutation Offer($input: OfferSlotInput!) { offerSlot(input: $input) { offer { id appointmentId status expiresAt } entry { id status } } }`;
const ACCEPT = /* GraphQL */ `
  mutation Accept($input: OfferResponseInput!) { acceptOffer(input: $input) { offer { id status respondedAt } entry { id status } } }`;
const DECLINE = /* GraphQL */ `
  mutation Decline($input: OfferResponseInput!) { declineOffer(input: $input) { offer { id status } entry { id status } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

// Wednesday 2027-03-10, 14:00–14:30 in New York (EST, before the March 14 change).
const SLOT_START = new Date('2027-03-10T19:00:00Z');
const SLOT_END = new Date('2027-03-10T19:30:00Z');

async function setup() {
  const db = server.database.db;
  const { practiceId, location, provider, type } = await officeWithProvider(db);
  const token = await server.token(practiceId, [Role.FRONT_DESK]);
  const slot = { providerId: provider.id, locationId: location.id, startsAt: SLOT_START.toISOString(), endsAt: SLOT_END.toISOString() };
  const newPatient = () => insertPatient(db, practiceId, { consents: { sms: true, email: false, voicemail: false, portal: false }, phones: [{ kind: 'MOBILE', number: '+12125550100', primary: true }] });
  const add = async (input: Record<string, unknown> = {}) => {
    const patient = await newPatient();
    const res = await server.gql(token, ADD, { input: { patientId: patient.id, appointmentTypeId: type.id, locationId: location.id, ...input } });
    expect(res.errors).toBeUndefined();
    return { ...res.data!.addToWaitlist.entry, patientId: patient.id };
  };
  return { db, practiceId, location, provider, type, token, slot, add, newPatient };
}

describe('waitlist', () => {
  it('validates entries and writes nothing when refused', async () => {
    const { db, practiceId, location, type, token, newPatient } = await setup();
    const patient = await newPatient();
    const base = { patientId: patient.id, appointmentTypeId: type.id, locationId: location.id };
    const bad = await server.gql(token, ADD, { input: { ...base, preferredTimes: [{ weekdays: [1], start: '12:00', end: '09:00' }], earliestDate: '2027-02-01', latestDate: '2027-01-01' } });
    expect(bad.errors?.[0]?.extensions.fields).toEqual([
      { path: 'input.preferredTimes.0.end', message: 'must be after start' },
      { path: 'input.latestDate', message: 'must not be before earliestDate' },
    ]);
    const weekday = await server.gql(token, ADD, { input: { ...base, preferredTimes: [{ weekdays: [8], start: '09:00', end: '10:00' }] } });
    expect(weekday.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const foreign = await server.gql(token, ADD, { input: { ...base, locationId: (await createLocation(db, await createPractice(db))).id } });
    expect(foreign.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const [n] = await db.select({ n: count() }).from(waitlistEntries).where(eq(waitlistEntries.practiceId, practiceId));
    expect(n!.n).toBe(0);
  });

  it('lists candidates longest-waiting first, then by preference fit, leaving out those who cannot take the slot', async () => {
    const s = await setup();
    const { db, practiceId, provider, type, location } = s;
    const tuesdayMornings = await s.add({ preferredTimes: [{ weekdays: [2], start: '09:00', end: '12:00' }] });
    const anyTime = await s.add({ providerId: provider.id });
    const wednesdayAfternoons = await s.add({ preferredTimes: [{ weekdays: [3, 5], start: '13:00', end: '17:00' }], earliestDate: '2027-03-10', latestDate: '2027-03-10' });
    await s.add({ providerId: (await createProvider(db, practiceId)).id }); // another provider
    await s.add({ latestDate: '2027-03-09' }); // too late for them
    await s.add({ appointmentTypeId: (await createAppointmentType(db, practiceId, { durationMinutes: 60 })).id }); // visit too long
    const busy = await s.add();
    await insertAppointment(db, practiceId, { patientId: busy.patientId, providerId: (await createProvider(db, practiceId)).id, locationId: location.id, appointmentTypeId: type.id }, new Date(SLOT_START.getTime() - 15 * 60_000));
    const res = await server.gql(s.token, MATCHES, { slot: s.slot, first: 2 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.waitlistMatches.edges.map((e: any) => [e.node.entry.id, e.node.fitsPreferredTimes])).toEqual([
      [tuesdayMornings.id, false],
      [anyTime.id, true],
    ]);
    const next = await server.gql(s.token, MATCHES, { slot: s.slot, after: res.data!.waitlistMatches.pageInfo.endCursor });
    expect(next.data!.waitlistMatches.edges.map((e: any) => e.node.entry.id)).toEqual([wednesdayAfternoons.id]);
    expect(next.data!.waitlistMatches.pageInfo.hasNextPage).toBe(false);
    // One location lookup, one match query, one audit flush, whatever the number of candidates.
    expect(res.extensions!.stats!.sqlStatements).toBeLessThanOrEqual(3);

    // Entries created at the same instant: the one the slot suits comes first.
    const s2 = await setup();
    const [p1, p2] = [await s2.newPatient(), await s2.newPatient()];
    const sameTime = await db
      .insert(waitlistEntries)
      .values([
        { practiceId: s2.practiceId, patientId: p1.id, appointmentTypeId: s2.type.id, locationId: s2.location.id, preferredTimes: [{ weekdays: [1], start: '08:00', end: '09:00' }], createdBy: 't' },
        { practiceId: s2.practiceId, patientId: p2.id, appointmentTypeId: s2.type.id, locationId: s2.location.id, preferredTimes: [{ weekdays: [3], start: '14:00', end: '14:30' }], createdBy: 't' },
      ])
      .returning();
    const tie = await server.gql(s2.token, MATCHES, { slot: s2.slot });
    expect(tie.data!.waitlistMatches.edges.map((e: any) => [e.node.entry.id, e.node.fitsPreferredTimes])).toEqual([
      [sameTime[1]!.id, true],
      [sameTime[0]!.id, false],
    ]);
  });

  it('offers a slot with a hold that blocks others, publishes it, and books it on accept (once)', async () => {
    const s = await setup();
    const first = await s.add();
    const second = await s.add();
    const events = server.app.pubsub.subscribe(appointmentTopic(s.practiceId, s.location.id));
    const offered = await server.gql(s.token, OFFER, { input: { waitlistEntryId: first.id, slot: s.slot, holdMinutes: 15 } });
    expect(offered.errors).toBeUndefined();
    const { offer, entry } = offered.data!.offerSlot;
    expect(entry.status).toBe('OFFERED');
    expect((await events.next()).value).toMatchObject({ appointmentId: offer.appointmentId, kind: 'BOOKED', status: 'HELD', providerId: s.provider.id });
    const [held] = await s.db.select().from(appointments).where(eq(appointments.id, offer.appointmentId));
    expect(held).toMatchObject({ status: 'HELD', patientId: first.patientId, active: true });
    expect(held!.holdExpiresAt!.getTime()).toBe(new Date(offer.expiresAt).getTime());

    const short = await server.gql(s.token, OFFER, { input: { waitlistEntryId: second.id, slot: { ...s.slot, startsAt: '2027-03-10T18:45:00Z', endsAt: '2027-03-10T19:00:00Z' } } });
    expect(short.errors?.[0]?.extensions.fields).toEqual([{ path: 'input.slot.endsAt', message: "leaves less than the visit's 30 minutes" }]);
    const taken = await server.gql(s.token, OFFER, { input: { waitlistEntryId: second.id, slot: s.slot } });
    expect(taken.errors?.[0]?.extensions.code).toBe('SLOT_CONFLICT');
    const [stillWaiting] = await s.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, second.id));
    expect(stillWaiting!.status).toBe('WAITING');

    const accepted = await server.gql(s.token, ACCEPT, { input: { offerId: offer.id } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptOffer.offer.status).toBe('ACCEPTED');
    expect(accepted.data!.acceptOffer.entry.status).toBe('BOOKED');
    expect((await events.next()).value).toMatchObject({ appointmentId: offer.appointmentId, kind: 'STATUS_CHANGED', status: 'BOOKED' });
    const [booked] = await s.db.select().from(appointments).where(eq(appointments.id, offer.appointmentId));
    expect(booked).toMatchObject({ status: 'BOOKED', holdExpiresAt: null });
    const reminders = await s.db.select().from(reminderMessages).where(eq(reminderMessages.appointmentId, offer.appointmentId));
    expect(reminders.map((r) => r.channel)).toEqual(['SMS', 'SMS']);
    const again = await server.gql(s.token, ACCEPT, { input: { offerId: offer.id } });
    expect(again.data!.acceptOffer.offer).toEqual(accepted.data!.acceptOffer.offer);
    const decline = await server.gql(s.token, DECLINE, { input: { offerId: offer.id } });
    expect(decline.errors?.[0]?.extensions.fields).toEqual([{ path: 'input.offerId', message: 'is ACCEPTED' }]);
    await events.return!();
  });

  it('cancelling an entry takes it out of the matches; an offered entry must be answered first', async () => {
    const s = await setup();
    const CANCEL = /* GraphQL */ `mutation Cancel($input: CancelWaitlistEntryInput!) { cancelWaitlistEntry(input: $input) { entry { id status version } } }`;
    const [a, b] = [await s.add(), await s.add()];
    const stale = await server.gql(s.token, CANCEL, { input: { id: a.id, expectedVersion: 7 } });
    expect(stale.errors?.[0]?.extensions.code).toBe('VERSION_CONFLICT');
    const cancelled = await server.gql(s.token, CANCEL, { input: { id: a.id, expectedVersion: 1 } });
    expect(cancelled.data!.cancelWaitlistEntry.entry).toEqual({ id: a.id, status: 'CANCELLED', version: 2 });
    const matches = await server.gql(s.token, MATCHES, { slot: s.slot });
    expect(matches.data!.waitlistMatches.edges.map((e: any) => e.node.entry.id)).toEqual([b.id]);
    await server.gql(s.token, OFFER, { input: { waitlistEntryId: b.id, slot: s.slot } });
    const offered = await server.gql(s.token, CANCEL, { input: { id: b.id, expectedVersion: 2 } });
    expect(offered.errors?.[0]?.extensions.fields).toEqual([{ path: 'input.id', message: 'is OFFERED, not WAITING' }]);
  });

  it('declining frees the slot and keeps the patient waiting', async () => {
    const s = await setup();
    const [first, second] = [await s.add(), await s.add()];
    const offer = (await server.gql(s.token, OFFER, { input: { waitlistEntryId: first.id, slot: s.slot } })).data!.offerSlot.offer;
    const declined = await server.gql(s.token, DECLINE, { input: { offerId: offer.id } });
    expect(declined.data!.declineOffer).toMatchObject({ offer: { status: 'DECLINED' }, entry: { status: 'WAITING' } });
    const [appt] = await s.db.select().from(appointments).where(eq(appointments.id, offer.appointmentId));
    expect(appt).toMatchObject({ status: 'CANCELLED', cancelReason: 'OFFER_DECLINED', active: false });
    const next = await server.gql(s.token, OFFER, { input: { waitlistEntryId: second.id, slot: s.slot } });
    expect(next.errors).toBeUndefined();
  });

  it('an expired hold stops blocking once released, and cannot be accepted', async () => {
    const s = await setup();
    const [first, second] = [await s.add(), await s.add()];
    const offer = (await server.gql(s.token, OFFER, { input: { waitlistEntryId: first.id, slot: s.slot } })).data!.offerSlot.offer;
    const expire = () => s.db.update(appointments).set({ holdExpiresAt: sql`now() - interval '1 minute'` }).where(eq(appointments.id, offer.appointmentId));
    await expire();
    // Booking code releases expired holds in its own transaction before inserting.
    const patient = await s.newPatient();
    const direct = await s.db.transaction(async (tx) => {
      const released = await releaseExpiredHolds(tx, s.practiceId, { providerId: s.provider.id, startsAt: SLOT_START, endsAt: SLOT_END });
      const appt = await insertAppointment(tx, s.practiceId, { patientId: patient.id, providerId: s.provider.id, locationId: s.location.id, appointmentTypeId: s.type.id }, SLOT_START);
      return { released, appt };
    });
    expect(direct.released.map((r) => r.id)).toEqual([offer.appointmentId]);
    const [offerRow] = await s.db.select().from(waitlistOffers).where(eq(waitlistOffers.id, offer.id));
    expect(offerRow!.status).toBe('EXPIRED');
    const [entryRow] = await s.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, first.id));
    expect(entryRow!.status).toBe('WAITING');
    const late = await server.gql(s.token, ACCEPT, { input: { offerId: offer.id } });
    expect(late.errors?.[0]?.extensions.fields).toEqual([{ path: 'input.offerId', message: 'is EXPIRED' }]);

    // Accepting after expiry but before anyone released it: released now, reported expired.
    await s.db.update(appointments).set({ status: 'CANCELLED' }).where(eq(appointments.id, direct.appt.id));
    const offer2 = (await server.gql(s.token, OFFER, { input: { waitlistEntryId: second.id, slot: s.slot } })).data!.offerSlot.offer;
    await s.db.update(appointments).set({ holdExpiresAt: sql`now() - interval '1 minute'` }).where(eq(appointments.id, offer2.appointmentId));
    const late2 = await server.gql(s.token, ACCEPT, { input: { offerId: offer2.id } });
    expect(late2.errors?.[0]?.extensions.fields).toEqual([{ path: 'input.offerId', message: 'has expired' }]);
    const [appt2] = await s.db.select().from(appointments).where(eq(appointments.id, offer2.appointmentId));
    expect(appt2).toMatchObject({ status: 'CANCELLED', cancelReason: 'HOLD_EXPIRED' });
    // offerSlot itself releases an expired hold in its way.
    const offer3 = await server.gql(s.token, OFFER, { input: { waitlistEntryId: second.id, slot: s.slot } });
    expect(offer3.errors).toBeUndefined();
  });

  it('of many simultaneous offers of one slot exactly one holds it', async () => {
    const s = await setup();
    const entries = [];
    for (let i = 0; i < 10; i++) entries.push(await s.add());
    const results = await Promise.all(entries.map((e) => server.gql(s.token, OFFER, { input: { waitlistEntryId: e.id, slot: s.slot } })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions.code === 'SLOT_CONFLICT')).toHaveLength(9);
    const held = await s.db.select().from(appointments).where(and(eq(appointments.providerId, s.provider.id), eq(appointments.status, 'HELD')));
    expect(held).toHaveLength(1);
  });
});
