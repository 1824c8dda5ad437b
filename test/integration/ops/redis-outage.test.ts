import { Redis } from 'ioredis';
import { redisAnswers } from '../../helpers/redis-probe.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { appointmentTopic, publishAppointmentChanged } from '../../../server/src/modules/engagement/appointment-change.publisher.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { REGISTER } from '../../helpers/patient-ops.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { subscribe, type TestSubscription, waitUntil } from '../../helpers/ws-client.js';

const REDIS = { host: '127.0.0.1', port: 6379 };

const available = await redisAnswers(REDIS);

const SUB = /* GraphQL */ `
  subscription Changed($locationId: ID!) {
    appointmentChanged(locationId: $locationId) { appointmentId kind }
  }`;

const event = (practiceId: string, locationId: string, n: number) => ({
  practiceId,
  appointmentId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  kind: 'BOOKED' as const,
  status: 'BOOKED',
  startsAt: '2027-05-03T15:00:00Z',
  providerId: '00000000-0000-4000-8000-0000000000aa',
  locationId,
});

describe.skipIf(!available)('Redis drops while subscriptions are open', () => {
  let proxy: TcpProxy;
  let server: TestServer;
  let admin: Redis;
  const open: TestSubscription[] = [];
  beforeAll(async () => {
    // The server reaches Redis through a proxy the test can close and reopen: Redis itself stays up.
    proxy = await startTcpProxy(REDIS);
    server = await startTestServer({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
    admin = new Redis(REDIS);
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await admin.quit();
    await proxy.close();
  });

  it('ends open subscriptions with a retryable SERVICE_UNAVAILABLE, refuses new ones, keeps serving the API, and recovers when Redis is back', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const loc = await createLocation(db, practiceId);
    const topic = appointmentTopic(practiceId, loc.id);
    const channel = `medoffice:${topic}`;
    const numsub = async () => Number(((await admin.pubsub('NUMSUB', channel)) as [string, number])[1]);
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const first = subscribe(server.wsUrl, token, SUB, { locationId: loc.id });
    const second = subscribe(server.wsUrl, token, SUB, { locationId: loc.id });
    open.push(first, second);
    await waitUntil(async () => (await numsub()) === 1 && server.app.pubsub.localSubscriberCount(topic) === 2);
    expect(await publishAppointmentChanged(server.app, event(practiceId, loc.id, 1))).toBe(true);
    expect((await first.next()).data!.appointmentChanged.kind).toBe('BOOKED');
    expect((await second.next()).data!.appointmentChanged.kind).toBe('BOOKED');

    // Redis goes away (connections cut, nothing listening).
    const port = proxy.port;
    await proxy.close();
    for (const sub of [first, second]) {
      const msg = await sub.next();
      expect(msg.data ?? null).toBeNull();
      expect(msg.errors![0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      // ...and the subscription is over (the client resubscribes and refetches).
      await expect(sub.next()).rejects.toThrow('subscription completed');
    }
    expect(server.app.pubsub.localSubscriberCount(topic)).toBe(0);

    // While it is down: a new subscription is refused the same way; the rest of the API works, and a
    // mutation's event is dropped (best effort) without failing the mutation.
    const refused = subscribe(server.wsUrl, token, SUB, { locationId: loc.id });
    open.push(refused);
    const refusal = (await refused.next().catch((errors: unknown) => ({ errors }))) as { errors: { extensions: Record<string, unknown> }[] };
    expect(refusal.errors[0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    const registered = await server.gql(token, REGISTER, { input: patientInput() });
    expect(registered.errors).toBeUndefined();
    expect(await publishAppointmentChanged(server.app, event(practiceId, loc.id, 2))).toBe(false);

    // Redis is back: ioredis reconnects by itself, and subscriptions work again.
    proxy = await startTcpProxy(REDIS, port);
    let again: TestSubscription | undefined;
    await waitUntil(async () => {
      again = subscribe(server.wsUrl, token, SUB, { locationId: loc.id });
      open.push(again);
      for (let i = 0; i < 50 && server.app.pubsub.localSubscriberCount(topic) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      if (server.app.pubsub.localSubscriberCount(topic) > 0) return true;
      await again.close();
      await new Promise((r) => setTimeout(r, 200));
      return false;
    });
    await waitUntil(async () => (await numsub()) === 1);
    expect(await publishAppointmentChanged(server.app, event(practiceId, loc.id, 3))).toBe(true);
    expect((await again!.next()).data!.appointmentChanged.appointmentId).toBe(event(practiceId, loc.id, 3).appointmentId);
  }, 60_000);
});
