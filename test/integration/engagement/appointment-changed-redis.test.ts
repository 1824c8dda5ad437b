import { Redis } from 'ioredis';
import { redisAnswers } from '../../helpers/redis-probe.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { appointmentTopic, publishAppointmentChanged } from '../../../server/src/modules/engagement/appointment-change.publisher.js';
import { createAppointmentType, createProvider } from '../../factories/appointment.factory.js';
import { linkProvider } from '../../factories/catalog.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { subscribe, type TestSubscription, waitUntil } from '../../helpers/ws-client.js';

const REDIS_URL = 'redis://127.0.0.1:6379';


const available = await redisAnswers(REDIS_URL);

const SUB = /* GraphQL */ `
  subscription Changed($locationId: ID!) {
    appointmentChanged(locationId: $locationId) { appointmentId kind status locationId }
  }`;

describe.skipIf(!available)('appointmentChanged across two server instances through Redis', () => {
  let a: TestServer;
  let b: TestServer;
  let admin: Redis;
  const open: TestSubscription[] = [];
  beforeAll(async () => {
    a = await startTestServer({ REDIS_URL });
    b = await startTestServer({ REDIS_URL }, { database: a.database });
    admin = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await admin.quit();
  });

  it('a subscriber on instance B receives an event published by instance A', async () => {
    const practiceId = await createPractice(a.database.db);
    const loc = await createLocation(a.database.db, practiceId);
    const topic = appointmentTopic(practiceId, loc.id);
    const sub = subscribe(b.wsUrl, await b.token(practiceId, [Role.FRONT_DESK]), SUB, { locationId: loc.id });
    open.push(sub);
    await waitUntil(async () => {
      const [, n] = (await admin.pubsub('NUMSUB', `medoffice:${topic}`)) as [string, number];
      return Number(n) === 1;
    });
    expect(a.app.pubsub.localSubscriberCount(topic)).toBe(0);
    const sent = await publishAppointmentChanged(a.app, {
      practiceId,
      appointmentId: '00000000-0000-4000-8000-0000000000b1',
      kind: 'CANCELLED',
      status: 'CANCELLED',
      startsAt: '2026-12-01T15:00:00Z',
      providerId: '00000000-0000-4000-8000-0000000000aa',
      locationId: loc.id,
    });
    expect(sent).toBe(true);
    expect((await sub.next()).data!.appointmentChanged).toEqual({
      appointmentId: '00000000-0000-4000-8000-0000000000b1',
      kind: 'CANCELLED',
      status: 'CANCELLED',
      locationId: loc.id,
    });
  });

  it('a mutation on instance A (a waitlist offer) reaches a front-desk screen on instance B', async () => {
    const db = a.database.db;
    const practiceId = await createPractice(db);
    const loc = await createLocation(db, practiceId);
    const [provider, type, patient] = [await createProvider(db, practiceId), await createAppointmentType(db, practiceId), await insertPatient(db, practiceId)];
    await linkProvider(db, practiceId, provider.id, loc.id);
    const token = await a.token(practiceId, [Role.FRONT_DESK]);
    const sub = subscribe(b.wsUrl, token, SUB, { locationId: loc.id });
    open.push(sub);
    await waitUntil(async () => Number(((await admin.pubsub('NUMSUB', `medoffice:${appointmentTopic(practiceId, loc.id)}`)) as [string, number])[1]) === 1);
    const added = await a.gql(token, `mutation($input: AddToWaitlistInput!) { addToWaitlist(input: $input) { entry { id } } }`, {
      input: { patientId: patient.id, appointmentTypeId: type.id, locationId: loc.id },
    });
    const offered = await a.gql(token, `mutation($input: OfferSlotInput!) { offerSlot(input: $input) { offer { appointmentId } } }`, {
      input: { waitlistEntryId: added.data!.addToWaitlist.entry.id, slot: { providerId: provider.id, locationId: loc.id, startsAt: '2027-04-01T14:00:00Z', endsAt: '2027-04-01T14:30:00Z' } },
    });
    expect(offered.errors).toBeUndefined();
    expect((await sub.next()).data!.appointmentChanged).toEqual({
      appointmentId: offered.data!.offerSlot.offer.appointmentId,
      kind: 'BOOKED',
      status: 'HELD',
      locationId: loc.id,
    });
  });

  it('unsubscribes from Redis when the last local subscriber leaves', async () => {
    const practiceId = await createPractice(a.database.db);
    const loc = await createLocation(a.database.db, practiceId);
    const channel = `medoffice:${appointmentTopic(practiceId, loc.id)}`;
    const numsub = async () => Number(((await admin.pubsub('NUMSUB', channel)) as [string, number])[1]);
    const sub = subscribe(b.wsUrl, await b.token(practiceId, [Role.CLINICIAN]), SUB, { locationId: loc.id });
    await waitUntil(async () => (await numsub()) === 1);
    await sub.close();
    await waitUntil(async () => (await numsub()) === 0);
    expect(b.app.pubsub.localSubscriberCount(appointmentTopic(practiceId, loc.id))).toBe(0);
  });
});
