import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitlistEntries, waitlistOffers } from '../../../server/src/db/schema/engagement.js';
import { appointmentStatusHistory, appointments } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { createLogger } from '../../../server/src/logger.js';
import { appointmentTopic } from '../../../server/src/modules/engagement/appointment-change.publisher.js';
import { startHoldSweepLoop } from '../../../server/src/modules/engagement/hold-sweep.loop.js';
import { sweepExpiredHolds } from '../../../server/src/modules/engagement/hold.service.js';
import { officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { waitUntil } from '../../helpers/ws-client.js';

const ADD = 'mutation($input: AddToWaitlistInput!) { addToWaitlist(input: $input) { entry { id } } }';
const OFFER = 'mutation($input: OfferSlotInput!) { offerSlot(input: $input) { offer { id appointmentId } } }';
const BOOK = 'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id } } }';
const AUDIT = 'query($userId: String) { auditEvents(filter: { userId: $userId }, first: 200) { edges { node { action entityType entityId userId } } } }';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

// Wednesday 2027-03-10 from 09:00 New York, one half-hour slot per hold.
const slotAt = (i: number) => ({ startsAt: new Date(Date.parse('2027-03-10T14:00:00Z') + i * 30 * 60_000), endsAt: new Date(Date.parse('2027-03-10T14:30:00Z') + i * 30 * 60_000) });

interface Hold {
  appointmentId: string;
  offerId: string;
  entryId: string;
  startsAt: Date;
}

/** A practice with `n` waitlist offers (holds) made through the API; `expire` ends the first `k` of them. */
async function practiceWithHolds(n: number) {
  const db = server.database.db;
  const { practiceId, location, provider, type } = await officeWithProvider(db);
  const desk = await server.token(practiceId, [Role.FRONT_DESK]);
  const holds: Hold[] = [];
  for (let i = 0; i < n; i++) {
    const patient = await insertPatient(db, practiceId);
    const entry = (await server.gql(desk, ADD, { input: { patientId: patient.id, appointmentTypeId: type.id, locationId: location.id } })).data!.addToWaitlist.entry;
    const { startsAt, endsAt } = slotAt(i);
    const res = await server.gql(desk, OFFER, { input: { waitlistEntryId: entry.id, slot: { providerId: provider.id, locationId: location.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } } });
    expect(res.errors).toBeUndefined();
    holds.push({ ...res.data!.offerSlot.offer, offerId: res.data!.offerSlot.offer.id, entryId: entry.id, startsAt });
  }
  const expire = (some: Hold[]) =>
    db.update(appointments).set({ holdExpiresAt: sql`now() - interval '1 minute'` }).where(inArray(appointments.id, some.map((h) => h.appointmentId)));
  // Everything published at the location, from now on (in-process pub/sub delivers synchronously).
  const events: { appointmentId: string; kind: string; status: string }[] = [];
  const feed = server.app.pubsub.subscribe(appointmentTopic(practiceId, location.id));
  void (async () => {
    for await (const e of feed) events.push(e as (typeof events)[number]);
  })();
  return { db, practiceId, location, provider, type, desk, holds, expire, events, patient: () => insertPatient(db, practiceId) };
}

async function stateOf(db: TestServer['database']['db'], hold: Hold) {
  const [appt] = await db.select().from(appointments).where(eq(appointments.id, hold.appointmentId));
  const [offer] = await db.select().from(waitlistOffers).where(eq(waitlistOffers.id, hold.offerId));
  const [entry] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.id, hold.entryId));
  const history = await db
    .select()
    .from(appointmentStatusHistory)
    .where(and(eq(appointmentStatusHistory.appointmentId, hold.appointmentId), eq(appointmentStatusHistory.toStatus, 'CANCELLED')));
  return { appt: appt!, offer: offer!.status, entry: entry!.status, cancellations: history };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('sweeping expired waitlist holds', () => {
  it('releases expired holds of every practice like a colliding booking would, and leaves live holds alone', async () => {
    const a = await practiceWithHolds(3);
    const b = await practiceWithHolds(2);
    const expired = [a.holds[0]!, a.holds[1]!, b.holds[0]!];
    const live = [a.holds[2]!, b.holds[1]!];
    await a.expire(a.holds.slice(0, 2));
    await b.expire(b.holds.slice(0, 1));

    const released = await sweepExpiredHolds(server.database.db, server.app.pubsub);
    expect(released.map((r) => r.id)).toEqual(expect.arrayContaining(expired.map((h) => h.appointmentId)));
    for (const h of live) expect(released.map((r) => r.id)).not.toContain(h.appointmentId);
    for (const h of expired) {
      const s = await stateOf(a.db, h);
      expect(s.appt).toMatchObject({ status: 'CANCELLED', cancelReason: 'HOLD_EXPIRED', cancelledBy: 'system', active: false, version: 2 });
      expect(s.offer).toBe('EXPIRED');
      expect(s.entry).toBe('WAITING');
      expect(s.cancellations).toMatchObject([{ fromStatus: 'HELD', toStatus: 'CANCELLED', changedBy: 'system', note: 'HOLD_EXPIRED' }]);
    }
    for (const h of live) {
      const s = await stateOf(a.db, h);
      expect(s.appt).toMatchObject({ status: 'HELD', version: 1 });
      expect([s.offer, s.entry, s.cancellations.length]).toEqual(['PENDING', 'OFFERED', 0]);
    }

    await settle();
    expect(a.events.filter((e) => e.kind === 'CANCELLED')).toEqual([
      expect.objectContaining({ appointmentId: a.holds[0]!.appointmentId, status: 'CANCELLED' }),
      expect.objectContaining({ appointmentId: a.holds[1]!.appointmentId, status: 'CANCELLED' }),
    ]);
    expect(b.events.filter((e) => e.kind === 'CANCELLED').map((e) => e.appointmentId)).toEqual([b.holds[0]!.appointmentId]);

    // Audited as the system, in the right practice: the appointment and its offer, once each.
    const admin = await server.token(a.practiceId, [Role.PRACTICE_ADMIN]);
    const audit = (await server.gql(admin, AUDIT, { userId: 'system' })).data!.auditEvents.edges.map((e: { node: Record<string, string> }) => e.node);
    expect(audit).toHaveLength(4);
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'UPDATE', entityType: 'Appointment', entityId: a.holds[0]!.appointmentId, userId: 'system' },
        { action: 'UPDATE', entityType: 'WaitlistOffer', entityId: a.holds[0]!.offerId, userId: 'system' },
        { action: 'UPDATE', entityType: 'Appointment', entityId: a.holds[1]!.appointmentId, userId: 'system' },
        { action: 'UPDATE', entityType: 'WaitlistOffer', entityId: a.holds[1]!.offerId, userId: 'system' },
      ]),
    );

    // A second sweep finds nothing more to do: no new rows, events or audit.
    const again = await sweepExpiredHolds(server.database.db, server.app.pubsub);
    expect(again.filter((r) => [...expired, ...live].some((h) => h.appointmentId === r.id))).toEqual([]);
    await settle();
    expect(a.events.filter((e) => e.kind === 'CANCELLED')).toHaveLength(2);
    for (const h of expired) expect((await stateOf(a.db, h)).cancellations).toHaveLength(1);
    expect((await server.gql(admin, AUDIT, { userId: 'system' })).data!.auditEvents.edges).toHaveLength(4);
  });

  it('a booking that needs an expired hold\'s time releases it the same way, audited as the booking user', async () => {
    const p = await practiceWithHolds(1);
    const [hold] = p.holds;
    await p.expire(p.holds);
    const desk = await server.token(p.practiceId, [Role.FRONT_DESK], 'desk-user-7');
    const patient = await p.patient();
    const booked = await server.gql(desk, BOOK, {
      input: { idempotencyKey: `collide-${p.practiceId}`, patientId: patient.id, providerId: p.provider.id, locationId: p.location.id, appointmentTypeId: p.type.id, startsAt: hold!.startsAt.toISOString(), overrideAvailability: true },
    });
    expect(booked.errors).toBeUndefined();
    const s = await stateOf(p.db, hold!);
    expect(s.appt).toMatchObject({ status: 'CANCELLED', cancelReason: 'HOLD_EXPIRED', cancelledBy: 'system' });
    expect([s.offer, s.entry]).toEqual(['EXPIRED', 'WAITING']);
    expect(s.cancellations).toMatchObject([{ fromStatus: 'HELD', changedBy: 'system', note: 'HOLD_EXPIRED' }]);
    await settle();
    expect(p.events.filter((e) => e.kind === 'CANCELLED').map((e) => e.appointmentId)).toEqual([hold!.appointmentId]);
    const admin = await server.token(p.practiceId, [Role.PRACTICE_ADMIN]);
    const audit = (await server.gql(admin, AUDIT, { userId: 'desk-user-7' })).data!.auditEvents.edges.map((e: { node: Record<string, string> }) => e.node);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'UPDATE', entityType: 'Appointment', entityId: hold!.appointmentId }),
        expect.objectContaining({ action: 'UPDATE', entityType: 'WaitlistOffer', entityId: hold!.offerId }),
        expect.objectContaining({ action: 'CREATE', entityType: 'Appointment', entityId: booked.data!.bookAppointment.appointment.id }),
      ]),
    );
    expect(await sweepExpiredHolds(server.database.db, server.app.pubsub)).toEqual([]);
  });

  it('two sweeps at once, and a booking racing them, release each hold exactly once', async () => {
    const practices = [await practiceWithHolds(5), await practiceWithHolds(5), await practiceWithHolds(5)];
    for (const p of practices) await p.expire(p.holds);
    const all = practices.flatMap((p) => p.holds);
    // A booking that needs the first hold's time releases it itself, possibly before either sweep.
    const racer = practices[0]!;
    const patient = await racer.patient();
    const booking = server.gql(racer.desk, BOOK, {
      input: { idempotencyKey: `race-${racer.practiceId}`, patientId: patient.id, providerId: racer.provider.id, locationId: racer.location.id, appointmentTypeId: racer.type.id, startsAt: racer.holds[0]!.startsAt.toISOString(), overrideAvailability: true },
    });
    const [one, two, booked] = await Promise.all([
      sweepExpiredHolds(server.database.db, server.app.pubsub, { batchSize: 2 }),
      sweepExpiredHolds(server.database.db, server.app.pubsub, { batchSize: 2 }),
      booking,
    ]);
    expect(booked.errors).toBeUndefined();

    const swept = [...one, ...two].map((r) => r.id).filter((id) => all.some((h) => h.appointmentId === id));
    expect(new Set(swept).size).toBe(swept.length);
    const byBooking = all.filter((h) => !swept.includes(h.appointmentId));
    expect(byBooking.map((h) => h.appointmentId)).toEqual(byBooking.length ? [racer.holds[0]!.appointmentId] : []);
    await settle();
    for (const p of practices) {
      const cancelled = p.events.filter((e) => e.kind === 'CANCELLED').map((e) => e.appointmentId);
      expect([...cancelled].sort()).toEqual(p.holds.map((h) => h.appointmentId).sort());
      for (const h of p.holds) {
        const s = await stateOf(p.db, h);
        expect(s.appt.status).toBe('CANCELLED');
        expect(s.cancellations).toHaveLength(1);
        expect([s.offer, s.entry]).toEqual(['EXPIRED', 'WAITING']);
      }
    }
  });

  it('runs on an interval in the server process and stops cleanly', async () => {
    const p = await practiceWithHolds(2);
    await p.expire(p.holds.slice(0, 1));
    const loop = startHoldSweepLoop(server.database.db, server.app.pubsub, 20, createLogger('silent'));
    try {
      await waitUntil(async () => (await stateOf(p.db, p.holds[0]!)).appt.status === 'CANCELLED');
    } finally {
      await loop.stop();
    }
    // Stopped: a hold that expires now stays until something releases it.
    await p.expire(p.holds.slice(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await stateOf(p.db, p.holds[1]!)).appt.status).toBe('HELD');
  });
});
