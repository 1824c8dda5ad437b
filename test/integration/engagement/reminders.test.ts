import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { reminderMessages, reminderPolicies } from '../../../server/src/db/schema/engagement.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { cancelReminders, moveReminders, scheduleReminders } from '../../../server/src/modules/engagement/reminder.outbox.js';
import { createLoggingSender, type OutgoingReminder } from '../../../server/src/modules/engagement/reminder.sender.js';
import { deliverDueReminders } from '../../../server/src/modules/engagement/reminder.worker.js';
import { createAppointmentType, createProvider, insertAppointment } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const NOW = new Date('2027-01-01T00:00:00Z');
const FAR = new Date('2030-01-01T00:00:00Z');
const HOUR = 3_600_000;

async function practiceWithVisit(startsAt = new Date(NOW.getTime() + 7 * 24 * HOUR)) {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const location = await createLocation(db, practiceId);
  const provider = await createProvider(db, practiceId);
  const type = await createAppointmentType(db, practiceId);
  const patient = await insertPatient(db, practiceId, { consents: { sms: true, email: true, voicemail: false, portal: false }, phones: [{ kind: 'MOBILE', number: '+12125550100', primary: true }], email: 'p@example.test' });
  const refs = { patientId: patient.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id };
  const visit = await insertAppointment(db, practiceId, refs, startsAt);
  return { db, practiceId, refs, visit, patient };
}

const remindersOf = (appointmentId: string) =>
  server.database.db.select().from(reminderMessages).where(eq(reminderMessages.appointmentId, appointmentId)).orderBy(reminderMessages.dueAt, reminderMessages.channel);

describe('reminder outbox', () => {
  it('schedules 48 h and 2 h reminders per consented channel, idempotently, skipping offsets already past', async () => {
    const { db, visit } = await practiceWithVisit();
    expect(await db.transaction((tx) => scheduleReminders(tx, visit, NOW))).toBe(4);
    expect(await db.transaction((tx) => scheduleReminders(tx, visit, NOW))).toBe(4);
    const rows = await remindersOf(visit.id);
    expect(rows.map((r) => [r.channel, r.offsetMinutes, r.dueAt.toISOString(), r.status])).toEqual([
      ['EMAIL', 2880, new Date(visit.startsAt.getTime() - 48 * HOUR).toISOString(), 'PENDING'],
      ['SMS', 2880, new Date(visit.startsAt.getTime() - 48 * HOUR).toISOString(), 'PENDING'],
      ['EMAIL', 120, new Date(visit.startsAt.getTime() - 2 * HOUR).toISOString(), 'PENDING'],
      ['SMS', 120, new Date(visit.startsAt.getTime() - 2 * HOUR).toISOString(), 'PENDING'],
    ]);

    const soon = await practiceWithVisit(new Date(NOW.getTime() + 10 * HOUR));
    expect(await db.transaction((tx) => scheduleReminders(tx, soon.visit, NOW))).toBe(2);
    const noConsent = await insertPatient(db, soon.practiceId);
    const other = await insertAppointment(db, soon.practiceId, { ...soon.refs, patientId: noConsent.id }, new Date(NOW.getTime() + 50 * HOUR));
    expect(await db.transaction((tx) => scheduleReminders(tx, other, NOW))).toBe(0);
  });

  it('uses the practice\'s own offsets, moves reminders with the visit and cancels them with it', async () => {
    const { db, practiceId, visit } = await practiceWithVisit();
    await db.insert(reminderPolicies).values({ practiceId, offsetsMinutes: [24 * 60] });
    await db.transaction((tx) => scheduleReminders(tx, visit, NOW));
    const moved = { ...visit, startsAt: new Date(visit.startsAt.getTime() + 24 * HOUR) };
    await db.transaction((tx) => moveReminders(tx, moved, visit.id, NOW));
    const rows = await remindersOf(visit.id);
    expect(rows.map((r) => [r.status, r.dueAt.toISOString()])).toEqual([
      ['CANCELLED', new Date(visit.startsAt.getTime() - 24 * HOUR).toISOString()],
      ['CANCELLED', new Date(visit.startsAt.getTime() - 24 * HOUR).toISOString()],
      ['PENDING', visit.startsAt.toISOString()],
      ['PENDING', visit.startsAt.toISOString()],
    ]);
    // Moving back revives the cancelled reminders instead of duplicating them.
    await db.transaction((tx) => moveReminders(tx, visit, visit.id, NOW));
    expect((await remindersOf(visit.id)).filter((r) => r.status === 'PENDING').map((r) => r.dueAt.toISOString())).toEqual([
      new Date(visit.startsAt.getTime() - 24 * HOUR).toISOString(),
      new Date(visit.startsAt.getTime() - 24 * HOUR).toISOString(),
    ]);
    expect(await db.transaction((tx) => cancelReminders(tx, practiceId, visit.id))).toBe(2);
    expect((await remindersOf(visit.id)).every((r) => r.status === 'CANCELLED')).toBe(true);
  });
});

const DUE = /* GraphQL */ `
  query Due($before: DateTime!, $first: Int, $after: String) {
    dueReminders(before: $before, first: $first, after: $after) { edges { node { id appointmentId channel status } } pageInfo { hasNextPage endCursor } }
  }`;
const MARK = /* GraphQL */ `
  mutation Mark($input: MarkReminderSentInput!) { markReminderSent(input: $input) { transitioned reminder { id status sentAt } } }`;

describe('dueReminders and markReminderSent', () => {
  it('lists due reminders and marks one sent exactly once under concurrent calls', async () => {
    const { db, practiceId, visit } = await practiceWithVisit();
    await db.transaction((tx) => scheduleReminders(tx, visit, NOW));
    const { token } = await partnerToken(server, practiceId, [Scope.REMINDERS_SEND]);
    const page = await server.gql(token, DUE, { before: FAR.toISOString(), first: 3 });
    expect(page.errors).toBeUndefined();
    expect(page.data!.dueReminders.edges).toHaveLength(3);
    expect(page.data!.dueReminders.pageInfo.hasNextPage).toBe(true);
    const id = page.data!.dueReminders.edges[0].node.id;
    const results = await Promise.all(Array.from({ length: 10 }, () => server.gql(token, MARK, { input: { id } })));
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(results.filter((r) => r.data!.markReminderSent.transitioned)).toHaveLength(1);
    const sentAt = new Set(results.map((r) => r.data!.markReminderSent.reminder.sentAt));
    expect(sentAt.size).toBe(1);
    const [row] = await db.select().from(reminderMessages).where(eq(reminderMessages.id, id));
    expect(row).toMatchObject({ status: 'SENT', attemptCount: 1, version: 2 });
    const rest = await server.gql(token, DUE, { before: FAR.toISOString() });
    expect(rest.data!.dueReminders.edges.map((e: any) => e.node.id)).not.toContain(id);
  });

  it('is for senders only and keeps practices apart', async () => {
    const { db, practiceId, visit } = await practiceWithVisit();
    await db.transaction((tx) => scheduleReminders(tx, visit, NOW));
    const [r] = await remindersOf(visit.id);
    const frontDesk = await server.gql(await server.token(practiceId, [Role.FRONT_DESK]), MARK, { input: { id: r!.id } });
    expect(frontDesk.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const stranger = await server.gql(await server.token(await createPractice(db), [Role.PRACTICE_ADMIN]), MARK, { input: { id: r!.id } });
    expect(stranger.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const [after] = await db.select().from(reminderMessages).where(eq(reminderMessages.id, r!.id));
    expect(after!.status).toBe('PENDING');
  });
});

describe('reminder policy', () => {
  const POLICY = /* GraphQL */ `query { reminderPolicy { offsetsMinutes isDefault } }`;
  const SET = /* GraphQL */ `mutation Set($input: SetReminderOffsetsInput!) { setReminderOffsets(input: $input) { policy { offsetsMinutes isDefault } } }`;

  it('an admin sets the practice\'s offsets and new bookings use them', async () => {
    const { db, practiceId, refs } = await practiceWithVisit();
    const admin = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
    expect((await server.gql(admin, POLICY)).data!.reminderPolicy).toEqual({ offsetsMinutes: [2880, 120], isDefault: true });
    const bad = await server.gql(admin, SET, { input: { offsetsMinutes: [1] } });
    expect(bad.errors?.[0]?.extensions.fields).toEqual([{ path: 'input.offsetsMinutes', message: 'each value in offsetsMinutes must not be less than 5' }]);
    const frontDesk = await server.gql(await server.token(practiceId, [Role.FRONT_DESK]), SET, { input: { offsetsMinutes: [60] } });
    expect(frontDesk.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await server.gql(admin, POLICY)).data!.reminderPolicy.isDefault).toBe(true);
    const set = await server.gql(admin, SET, { input: { offsetsMinutes: [60, 1440, 60] } });
    expect(set.data!.setReminderOffsets.policy).toEqual({ offsetsMinutes: [1440, 60], isDefault: false });
    const v = await insertAppointment(db, practiceId, refs, new Date(NOW.getTime() + 5 * 24 * HOUR));
    await db.transaction((tx) => scheduleReminders(tx, v, NOW));
    expect([...new Set((await remindersOf(v.id)).map((r) => r.offsetMinutes))]).toEqual([1440, 60]);
  });
});

describe('deliverDueReminders', () => {
  it('two concurrent workers deliver every due reminder exactly once', async () => {
    const { db, practiceId, refs } = await practiceWithVisit();
    for (let i = 0; i < 20; i++) {
      const v = await insertAppointment(db, practiceId, refs, new Date(NOW.getTime() + (10 + i) * 24 * HOUR));
      await db.transaction((tx) => scheduleReminders(tx, v, NOW));
    }
    const sent: string[] = [];
    const sender = {
      async send(r: OutgoingReminder) {
        // Yield so the other worker's transaction gets to run while this one holds its rows.
        await new Promise((resolve) => setImmediate(resolve));
        sent.push(r.id);
      },
    };
    const [a, b] = await Promise.all([
      deliverDueReminders(db, sender, FAR, { practiceId, batchSize: 7 }),
      deliverDueReminders(db, sender, FAR, { practiceId, batchSize: 7 }),
    ]);
    const total = (await db.select().from(reminderMessages).where(eq(reminderMessages.practiceId, practiceId))).length;
    expect(total).toBe(20 * 4);
    expect(sent).toHaveLength(total);
    expect(new Set(sent).size).toBe(total);
    expect(a.sent + b.sent).toBe(total);
    const pending = await db.select().from(reminderMessages).where(and(eq(reminderMessages.practiceId, practiceId), eq(reminderMessages.status, 'PENDING')));
    expect(pending).toHaveLength(0);
    expect(await deliverDueReminders(db, sender, FAR, { practiceId })).toEqual({ sent: 0, failed: 0 });
  });

  it('retries a failed send later, gives up after maxAttempts, and never sends for a cancelled visit', async () => {
    const { db, practiceId, visit, refs } = await practiceWithVisit();
    await db.transaction((tx) => scheduleReminders(tx, visit, NOW));
    const cancelled = await insertAppointment(db, practiceId, refs, new Date(NOW.getTime() + 30 * 24 * HOUR), { status: 'CANCELLED' });
    await db.transaction((tx) => scheduleReminders(tx, cancelled, NOW));
    const failing = { send: async () => Promise.reject(Object.assign(new Error('provider said +12125550100 is invalid'), { code: 'E_PROVIDER' })) };
    expect(await deliverDueReminders(db, failing, FAR, { practiceId, maxAttempts: 2 })).toEqual({ sent: 0, failed: 4 });
    let rows = await remindersOf(visit.id);
    expect(rows.every((r) => r.status === 'PENDING' && r.attemptCount === 1 && r.lastErrorCode === 'E_PROVIDER' && r.dueAt > FAR)).toBe(true);
    const later = new Date(FAR.getTime() + HOUR);
    expect(await deliverDueReminders(db, failing, later, { practiceId, maxAttempts: 2 })).toEqual({ sent: 0, failed: 4 });
    rows = await remindersOf(visit.id);
    expect(rows.every((r) => r.status === 'FAILED' && r.attemptCount === 2)).toBe(true);
    expect((await remindersOf(cancelled.id)).every((r) => r.status === 'PENDING' && r.attemptCount === 0)).toBe(true);
  });

  it('the logging adapter logs ids only', async () => {
    const logged: Record<string, unknown>[] = [];
    const sender = createLoggingSender({ info: (obj: Record<string, unknown>) => void logged.push(obj) } as never);
    await sender.send({ id: 'r1', practiceId: 'p1', appointmentId: 'a1', channel: 'SMS', dueAt: NOW, idempotencyKey: 'k1' });
    expect(Object.keys(logged[0]!).sort()).toEqual(['appointmentId', 'channel', 'idempotencyKey', 'practiceId', 'reminderId']);
  });
});
