import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type AppointmentChangedSubscription, createClient, isMedofficeError, type MedofficeClient, type MedofficeError } from '@medoffice/sdk';
import { webSocketUrlOf } from '../../sdk/src/subscriptions.js';
import { signToken } from '../../server/src/graphql/auth.js';
import { Role } from '../../server/src/graphql/roles.js';
import { appointmentTopic } from '../../server/src/modules/engagement/appointment-change.publisher.js';
import { insertPatient } from '../factories/patient.factory.js';
import { createPractice } from '../factories/practice.factory.js';
import { schedulingWorld } from '../factories/scheduling.factory.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/ws-client.js';

type Change = AppointmentChangedSubscription['appointmentChanged'];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

async function frontDesk(token?: string) {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const world = await schedulingWorld(db, practiceId);
  const patient = await insertPatient(db, practiceId);
  const client: MedofficeClient = createClient({ url: server.url, token: token ?? (await server.token(practiceId, [Role.FRONT_DESK])), retry: false, webSocketImpl: WebSocket });
  const listening = (n: number) => waitUntil(() => server.app.pubsub.localSubscriberCount(appointmentTopic(practiceId, world.location.id)) === n);
  const book = (startsAt: string) =>
    client.bookAppointment({ input: { idempotencyKey: `sdk-sub-${practiceId}-${startsAt}`, patientId: patient.id, providerId: world.provider.id, locationId: world.location.id, appointmentTypeId: world.type.id, startsAt } });
  return { db, practiceId, world, patient, client, listening, book };
}

/** Collects a callback subscription's events and its error. */
function collector() {
  const events: Change[] = [];
  let error: MedofficeError | undefined;
  return { events, error: () => error, handlers: { onData: (d: AppointmentChangedSubscription) => events.push(d.appointmentChanged), onError: (e: MedofficeError) => (error = e) } };
}

describe('SDK: appointmentChanged over graphql-ws', () => {
  it('streams a booking and its cancellation, made through the SDK, to an iterating subscriber', async () => {
    const s = await frontDesk();
    const stream = s.client.appointmentChanged({ locationId: s.world.location.id })[Symbol.asyncIterator]();
    const first = stream.next(); // starts the subscription
    await s.listening(1);
    const { bookAppointment } = await s.book('2027-01-12T14:00:00.000Z');
    const appt = bookAppointment.appointment;
    await s.client.cancelAppointment({ input: { id: appt.id, reason: 'patient called to cancel' } });

    const booked = (await first).value as AppointmentChangedSubscription;
    expect(booked.appointmentChanged).toMatchObject({ appointmentId: appt.id, kind: 'BOOKED', status: 'BOOKED', startsAt: '2027-01-12T14:00:00.000Z', providerId: s.world.provider.id, locationId: s.world.location.id });
    const cancelled = (await stream.next()).value as AppointmentChangedSubscription;
    expect(cancelled.appointmentChanged).toMatchObject({ appointmentId: appt.id, kind: 'CANCELLED', status: 'CANCELLED' });
    expect(Date.parse(cancelled.appointmentChanged.at)).not.toBeNaN();

    // Ending the iteration unsubscribes on the server.
    await stream.return!();
    await s.listening(0);
  });

  it('delivers to callbacks until unsubscribed', async () => {
    const s = await frontDesk();
    const c = collector();
    const stop = s.client.subscribe.appointmentChanged({ locationId: s.world.location.id }, c.handlers);
    await s.listening(1);
    const first = (await s.book('2027-01-12T15:00:00.000Z')).bookAppointment.appointment;
    await waitUntil(() => c.events.length === 1);
    expect(c.events[0]).toMatchObject({ appointmentId: first.id, kind: 'BOOKED' });

    stop();
    stop();
    await s.listening(0);
    await s.book('2027-01-12T16:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(c.events).toHaveLength(1);
    expect(c.error()).toBeUndefined();
  });

  it('refuses a bad token with a typed UNAUTHENTICATED MedofficeError', async () => {
    const s = await frontDesk('not-a-valid-token');
    const err = await (async () => {
      for await (const _ of s.client.appointmentChanged({ locationId: s.world.location.id })) return 'an event arrived';
      return 'completed';
    })().catch((e: unknown) => e);
    expect(isMedofficeError(err, 'UNAUTHENTICATED')).toBe(true);
    expect(err).toMatchObject({ kind: 'websocket', retryable: false, extensions: { closeCode: 4403 } });

    const c = collector();
    s.client.subscribe.appointmentChanged({ locationId: s.world.location.id }, c.handlers);
    await waitUntil(() => c.error() !== undefined);
    expect(c.error()!.code).toBe('UNAUTHENTICATED');
  });

  it('ends with UNAUTHENTICATED when the token expires mid-subscription', async () => {
    const practiceId = await createPractice(server.database.db);
    const world = await schedulingWorld(server.database.db, practiceId);
    const shortLived = await signToken(TEST_JWT_SECRET, { userId: 'sdk-expiring', practiceId, roles: [Role.FRONT_DESK] }, { expiresIn: '2s' });
    const client = createClient({ url: server.url, token: shortLived, webSocketImpl: WebSocket });
    const c = collector();
    client.subscribe.appointmentChanged({ locationId: world.location.id }, c.handlers);
    await waitUntil(() => c.error() !== undefined);
    expect(c.error()).toMatchObject({ code: 'UNAUTHENTICATED', extensions: { closeCode: 4401 } });
  });

  it('reports another practice\'s location as NOT_FOUND and a role without PHI access as FORBIDDEN', async () => {
    const mine = await frontDesk();
    const theirs = await frontDesk();
    const c = collector();
    mine.client.subscribe.appointmentChanged({ locationId: theirs.world.location.id }, c.handlers);
    await waitUntil(() => c.error() !== undefined);
    expect(c.error()).toMatchObject({ code: 'NOT_FOUND', kind: 'graphql' });

    const analyst = createClient({ url: server.url, token: await server.token(mine.practiceId, [Role.ANALYST]), webSocketImpl: WebSocket });
    const err = await analyst.appointmentChanged({ locationId: mine.world.location.id })[Symbol.asyncIterator]().next().catch((e: unknown) => e);
    expect(isMedofficeError(err, 'FORBIDDEN')).toBe(true);
  });

  it('needs a WebSocket implementation on Node 20, and says how to pass one', async () => {
    expect((globalThis as { WebSocket?: unknown }).WebSocket).toBeUndefined();
    const client = createClient({ url: server.url, token: 'x' });
    expect(() => client.appointmentChanged({ locationId: 'x' })).toThrow(/webSocketImpl.*'ws'/);
    // HTTP operations do not need one.
    await expect(client.appointmentTypes()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('derives the WebSocket URL from the HTTP endpoint', () => {
    expect(webSocketUrlOf('http://127.0.0.1:4000/graphql')).toBe('ws://127.0.0.1:4000/graphql');
    expect(webSocketUrlOf('https://api.example.test/v1/graphql?x=1')).toBe('wss://api.example.test/v1/graphql?x=1');
    expect(() => webSocketUrlOf('ftp://example.test/graphql')).toThrow(/subscriptionUrl/);
  });
});
