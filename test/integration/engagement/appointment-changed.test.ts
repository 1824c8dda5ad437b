import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../server/src/graphql/auth.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { appointmentTopic, publishAppointmentChanged } from '../../../server/src/modules/engagement/appointment-change.publisher.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../../helpers/test-server.js';
import { subscribe, type TestSubscription, waitUntil } from '../../helpers/ws-client.js';

const SUB = /* GraphQL */ `
  subscription Changed($locationId: ID!) {
    appointmentChanged(locationId: $locationId) { appointmentId kind status startsAt providerId locationId at }
  }`;

let server: TestServer;
const open: TestSubscription[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

function track(s: TestSubscription) {
  open.push(s);
  return s;
}

const event = (practiceId: string, locationId: string, appointmentId = '00000000-0000-4000-8000-000000000001') => ({
  practiceId,
  appointmentId,
  kind: 'BOOKED' as const,
  status: 'BOOKED',
  startsAt: new Date('2026-12-01T15:00:00Z'),
  providerId: '00000000-0000-4000-8000-0000000000aa',
  locationId,
  at: new Date('2026-11-27T00:00:00Z'),
});

describe('appointmentChanged subscription (in-process pub/sub)', () => {
  it('pushes an event of the subscribed location, with ids only', async () => {
    const practiceId = await createPractice(server.database.db);
    const loc = await createLocation(server.database.db, practiceId);
    const other = await createLocation(server.database.db, practiceId);
    const sub = track(subscribe(server.wsUrl, await server.token(practiceId, [Role.FRONT_DESK]), SUB, { locationId: loc.id }));
    await waitUntil(() => server.app.pubsub.localSubscriberCount(appointmentTopic(practiceId, loc.id)) === 1);
    // An event at another location of the same practice is not delivered; the next one is.
    await publishAppointmentChanged(server.app.pubsub, event(practiceId, other.id, '00000000-0000-4000-8000-000000000009'));
    await publishAppointmentChanged(server.app, event(practiceId, loc.id));
    const msg = await sub.next();
    expect(msg.errors).toBeUndefined();
    expect(msg.data!.appointmentChanged).toEqual({
      appointmentId: '00000000-0000-4000-8000-000000000001',
      kind: 'BOOKED',
      status: 'BOOKED',
      startsAt: '2026-12-01T15:00:00.000Z',
      providerId: '00000000-0000-4000-8000-0000000000aa',
      locationId: loc.id,
      at: '2026-11-27T00:00:00.000Z',
    });
  });

  it('never delivers another practice\'s events, and treats its location as NOT_FOUND', async () => {
    const db = server.database.db;
    const [mine, theirs] = [await createPractice(db), await createPractice(db)];
    const [myLoc, theirLoc] = [await createLocation(db, mine), await createLocation(db, theirs)];
    const token = await server.token(mine, [Role.FRONT_DESK]);
    const denied = track(subscribe(server.wsUrl, token, SUB, { locationId: theirLoc.id }));
    const res = await denied.next();
    expect(res.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(server.app.pubsub.localSubscriberCount(appointmentTopic(mine, theirLoc.id))).toBe(0);

    // Events are routed by the publisher's practice: the same location id under another practice never arrives.
    const sub = track(subscribe(server.wsUrl, token, SUB, { locationId: myLoc.id }));
    await waitUntil(() => server.app.pubsub.localSubscriberCount(appointmentTopic(mine, myLoc.id)) === 1);
    await publishAppointmentChanged(server.app.pubsub, event(theirs, myLoc.id, '00000000-0000-4000-8000-000000000002'));
    await publishAppointmentChanged(server.app.pubsub, event(mine, myLoc.id, '00000000-0000-4000-8000-000000000003'));
    expect((await sub.next()).data!.appointmentChanged.appointmentId).toBe('00000000-0000-4000-8000-000000000003');
  });

  it('closes connections without a valid token before any operation runs', async () => {
    const practiceId = await createPractice(server.database.db);
    const loc = await createLocation(server.database.db, practiceId);
    const none = track(subscribe(server.wsUrl, null, SUB, { locationId: loc.id }));
    expect(await none.closed).toBe(4403);
    const forged = track(subscribe(server.wsUrl, 'not.a.token', SUB, { locationId: loc.id }));
    expect(await forged.closed).toBe(4403);
    expect(server.app.pubsub.localSubscriberCount(appointmentTopic(practiceId, loc.id))).toBe(0);
  });

  it('closes a subscription when its token expires', async () => {
    const practiceId = await createPractice(server.database.db);
    const loc = await createLocation(server.database.db, practiceId);
    const shortLived = await signToken(TEST_JWT_SECRET, { userId: 'u-expiring', practiceId, roles: [Role.FRONT_DESK] }, { expiresIn: '2s' });
    const sub = track(subscribe(server.wsUrl, shortLived, SUB, { locationId: loc.id }));
    await waitUntil(() => server.app.pubsub.localSubscriberCount(appointmentTopic(practiceId, loc.id)) === 1);
    expect(await sub.closed).toBe(4401);
    // The server ends the subscription as the socket closes (the test timeout bounds the wait).
    await waitUntil(() => server.app.pubsub.localSubscriberCount(appointmentTopic(practiceId, loc.id)) === 0);
  });

  it('refuses roles without PHI access and queries over WebSocket', async () => {
    const practiceId = await createPractice(server.database.db);
    const loc = await createLocation(server.database.db, practiceId);
    const analyst = track(subscribe(server.wsUrl, await server.token(practiceId, [Role.ANALYST]), SUB, { locationId: loc.id }));
    expect((await analyst.next()).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const query = track(subscribe(server.wsUrl, await server.token(practiceId, [Role.FRONT_DESK]), '{ patient(id: "x") { id } }'));
    await expect(query.next()).rejects.toBeDefined();
  });

  it('stopping the server closes open subscriptions and the pub/sub', async () => {
    const second = await startTestServer({}, { database: server.database });
    const practiceId = await createPractice(server.database.db);
    const loc = await createLocation(server.database.db, practiceId);
    const sub = track(subscribe(second.wsUrl, await second.token(practiceId, [Role.FRONT_DESK]), SUB, { locationId: loc.id }));
    await waitUntil(() => second.app.pubsub.localSubscriberCount(appointmentTopic(practiceId, loc.id)) === 1);
    await second.app.stop();
    expect(await sub.closed).toBe(1001);
    expect(second.app.pubsub.localSubscriberCount(appointmentTopic(practiceId, loc.id))).toBe(0);
  });
});
