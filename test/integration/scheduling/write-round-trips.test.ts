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

describe('booking writes in few statements', () => {
  it('books with every write in place and reports the statements it took', async () => {
    const { db, practiceId, ids, desk } = await world();
    const input = bookInput(ids, AT_9);
    const res = await server.gql(desk, BOOK, { input });
    expect(res.errors).toBeUndefined();
    const id = res.data!.bookAppointment.appointment.id as string;
    console.log('book', res.extensions!.stats!.sqlStatements);
    const history = await db.select().from(appointmentStatusHistory).where(eq(appointmentStatusHistory.appointmentId, id));
    expect(history.map((h) => `${h.fromStatus}>${h.toStatus}`)).toEqual(['null>BOOKED']);
    expect((await auditEntries(db, { practiceId, entityId: id })).map((e) => e.action)).toEqual(['CREATE']);
    expect(await pendingReminders(db, id)).toEqual(['EMAIL:120:2027-01-12T12:00:00.000Z', 'EMAIL:2880:2027-01-10T14:00:00.000Z', 'SMS:120:2027-01-12T12:00:00.000Z', 'SMS:2880:2027-01-10T14:00:00.000Z']);

    const replay = await server.gql(desk, BOOK, { input });
    expect(replay.data!.bookAppointment.appointment.id).toBe(id);
    console.log('replay', replay.extensions!.stats!.sqlStatements);

    const checkIn = await server.gql(desk, CHECK_IN, { id, input: { arrivedAt: '2026-01-01T00:00:00.000Z', demographicsConfirmed: true, insuranceCardConfirmed: true, intakeFormsStatus: 'COMPLETE', copayDue: 0 } });
    expect(checkIn.errors).toBeUndefined();
    console.log('check-in', checkIn.extensions!.stats!.sqlStatements);
  });

  it('reschedules and cancels', async () => {
    const { db, ids, desk } = await world();
    const booked = await server.gql(desk, BOOK, { input: bookInput(ids, AT_9) });
    const id = booked.data!.bookAppointment.appointment.id as string;
    const moved = await server.gql(desk, RESCHEDULE, { input: { id, expectedVersion: 1, startsAt: AT_10 } });
    expect(moved.errors).toBeUndefined();
    console.log('reschedule', moved.extensions!.stats!.sqlStatements);
    expect(await pendingReminders(db, id)).toEqual(['EMAIL:120:2027-01-12T13:00:00.000Z', 'EMAIL:2880:2027-01-10T15:00:00.000Z', 'SMS:120:2027-01-12T13:00:00.000Z', 'SMS:2880:2027-01-10T15:00:00.000Z']);
    const cancelled = await server.gql(desk, CANCEL, { input: { id, expectedVersion: 2, reason: 'patient called' } });
    expect(cancelled.errors).toBeUndefined();
    console.log('cancel', cancelled.extensions!.stats!.sqlStatements);
    expect(await pendingReminders(db, id)).toEqual([]);
    expect((await db.select().from(appointments).where(eq(appointments.id, id)))[0]!.status).toBe('CANCELLED');
  });
});
