import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { reminderMessages } from '../../../server/src/db/schema/engagement.js';
import { appointmentStatusHistory, appointments } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { schedulingWorld } from '../../factories/scheduling.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { BOOK, bookInput, CANCEL, CHECK_IN, RESCHEDULE } from './ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

// Tuesday 2027-01-12, 09:00 and 10:00 New York: inside the factory's 08–17 hours, far enough ahead for both reminders.
const AT_9 = '2027-01-12T14:00:00.000Z';
const AT_10 = '2027-01-12T15:00:00.000Z';

/** A practice with one provider, and a patient who consented to SMS and email reminders (2 offsets × 2 channels). */
async function world() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const w = await schedulingWorld(db, practiceId);
  const patient = await insertPatient(db, practiceId, {
    consents: { sms: true, email: true, voicemail: false, portal: false },
    email: 'reminders@example.test',
    phones: [{ kind: 'MOBILE', number: '+12125550100', primary: true }],
  });
  const ids = { patientId: patient.id, providerId: w.provider.id, locationId: w.location.id, appointmentTypeId: w.type.id };
  const desk = await server.token(practiceId, [Role.FRONT_DESK]);
  return { db, practiceId, ids, desk };
}

const pendingReminders = async (db: TestServer['database']['db'], appointmentId: string) =>
  (await db.select().from(reminderMessages).where(and(eq(reminderMessages.appointmentId, appointmentId), eq(reminderMessages.status, 'PENDING')))).map((r) => `${r.channel}:${r.offsetMinutes}:${r.dueAt.toISOString()}`).sort();

// Before: booking 12 statements, check-in 4, reschedule 10, cancel 5. Now one read and one write each.
describe('booking, check-in, reschedule and cancel write in two statements', () => {
  it('books in 2 statements with the appointment, its history, audit and reminders all written; a replay takes 1', async () => {
    const { db, practiceId, ids, desk } = await world();
    const input = bookInput(ids, AT_9);
    const res = await server.gql(desk, BOOK, { input });
    expect(res.errors).toBeUndefined();
    const id = res.data!.bookAppointment.appointment.id as string;
    expect(res.extensions!.stats!.sqlStatements).toBe(2);
    const history = await db.select().from(appointmentStatusHistory).where(eq(appointmentStatusHistory.appointmentId, id));
    expect(history.map((h) => `${h.fromStatus}>${h.toStatus}`)).toEqual(['null>BOOKED']);
    expect((await auditEntries(db, { practiceId, entityId: id })).map((e) => e.action)).toEqual(['CREATE']);
    expect(await pendingReminders(db, id)).toEqual(['EMAIL:120:2027-01-12T12:00:00.000Z', 'EMAIL:2880:2027-01-10T14:00:00.000Z', 'SMS:120:2027-01-12T12:00:00.000Z', 'SMS:2880:2027-01-10T14:00:00.000Z']);

    const replay = await server.gql(desk, BOOK, { input });
    expect(replay.data!.bookAppointment.appointment).toEqual(res.data!.bookAppointment.appointment);
    // The booking read returns the whole previous row: no second read for a replay.
    expect(replay.extensions!.stats!.sqlStatements).toBe(1);
    expect(await db.$count(appointments, eq(appointments.practiceId, practiceId))).toBe(1);

    const checkIn = await server.gql(desk, CHECK_IN, { id, input: { arrivedAt: '2026-01-01T00:00:00.000Z', demographicsConfirmed: true, insuranceCardConfirmed: true, intakeFormsStatus: 'COMPLETE', copayDue: 0 } });
    expect(checkIn.errors).toBeUndefined();
    // A read, then update + history + audit in one statement guarded by the version read (no transaction).
    expect(checkIn.extensions!.stats!.sqlStatements).toBe(2);
    const after = await db.select().from(appointmentStatusHistory).where(eq(appointmentStatusHistory.appointmentId, id));
    expect(after.map((h) => `${h.fromStatus}>${h.toStatus}`).sort()).toEqual(['BOOKED>ARRIVED', 'null>BOOKED']);
    expect((await auditEntries(db, { practiceId, entityId: id })).map((e) => e.action)).toEqual(['CREATE', 'UPDATE']);
  });

  it('books outside availability by override in 2 statements, audited twice and noted in the history', async () => {
    const { db, practiceId, ids, desk } = await world();
    // 06:00 New York: before the provider's hours.
    const res = await server.gql(desk, BOOK, { input: bookInput(ids, '2027-01-12T11:00:00.000Z', { overrideAvailability: true }) });
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.stats!.sqlStatements).toBe(2);
    const id = res.data!.bookAppointment.appointment.id as string;
    expect(res.data!.bookAppointment.appointment.outsideAvailabilityOverride).toBe(true);
    expect((await auditEntries(db, { practiceId, entityId: id })).map((e) => e.action)).toEqual(['CREATE', 'OVERRIDE']);
    expect((await db.select().from(appointmentStatusHistory).where(eq(appointmentStatusHistory.appointmentId, id)))[0]!.note).toBe('OVERRIDE_AVAILABILITY');
  });

  it('a refused booking (slot taken) writes nothing: no appointment, history, audit or reminder', async () => {
    const { db, practiceId, ids, desk } = await world();
    const first = await server.gql(desk, BOOK, { input: bookInput(ids, AT_9) });
    expect(first.errors).toBeUndefined();
    const other = await insertPatient(db, practiceId, { consents: { sms: true, email: true, voicemail: false, portal: false }, email: 'other@example.test' });
    const clash = await server.gql(desk, BOOK, { input: bookInput({ ...ids, patientId: other.id }, AT_9) });
    expect(clash.errors![0]!.extensions.code).toBe('SLOT_CONFLICT');
    expect(await db.$count(appointments, eq(appointments.practiceId, practiceId))).toBe(1);
    expect(await db.$count(reminderMessages, eq(reminderMessages.practiceId, practiceId))).toBe(4);
    expect((await auditEntries(db, { practiceId, action: 'CREATE' })).length).toBe(1);
  });

  it('reschedules in 2 statements, moving the reminders (and back again), and cancels in 2', async () => {
    const { db, ids, desk } = await world();
    const booked = await server.gql(desk, BOOK, { input: bookInput(ids, AT_9) });
    const id = booked.data!.bookAppointment.appointment.id as string;
    const moved = await server.gql(desk, RESCHEDULE, { input: { id, expectedVersion: 1, startsAt: AT_10 } });
    expect(moved.errors).toBeUndefined();
    expect(moved.extensions!.stats!.sqlStatements).toBe(2);
    expect(await pendingReminders(db, id)).toEqual(['EMAIL:120:2027-01-12T13:00:00.000Z', 'EMAIL:2880:2027-01-10T15:00:00.000Z', 'SMS:120:2027-01-12T13:00:00.000Z', 'SMS:2880:2027-01-10T15:00:00.000Z']);
    // Back to 09:00: its cancelled reminders come back, 10:00's are cancelled.
    const back = await server.gql(desk, RESCHEDULE, { input: { id, expectedVersion: 2, startsAt: AT_9 } });
    expect(back.errors).toBeUndefined();
    expect(await pendingReminders(db, id)).toEqual(['EMAIL:120:2027-01-12T12:00:00.000Z', 'EMAIL:2880:2027-01-10T14:00:00.000Z', 'SMS:120:2027-01-12T12:00:00.000Z', 'SMS:2880:2027-01-10T14:00:00.000Z']);
    // The same time again (a no-op move): the pending reminders stay pending.
    const same = await server.gql(desk, RESCHEDULE, { input: { id, expectedVersion: 3, startsAt: AT_9 } });
    expect(same.errors).toBeUndefined();
    expect(await pendingReminders(db, id)).toHaveLength(4);
    expect(await db.$count(reminderMessages, eq(reminderMessages.appointmentId, id))).toBe(8);
    const cancelled = await server.gql(desk, CANCEL, { input: { id, expectedVersion: 4, reason: 'patient called' } });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.extensions!.stats!.sqlStatements).toBe(2);
    expect(await pendingReminders(db, id)).toEqual([]);
    expect((await db.select().from(appointments).where(eq(appointments.id, id)))[0]!.status).toBe('CANCELLED');
  });
});
