import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { reminderMessages } from '../../../server/src/db/schema/engagement.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { schedulingWorld } from '../../factories/scheduling.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { BOOK, bookInput, CANCEL, RESCHEDULE } from './ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('booking calls the engagement hooks', () => {
  it('puts reminders in the outbox on booking, moves them on reschedule, cancels them on cancel', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const world = await schedulingWorld(db, practiceId);
    const patient = await insertPatient(db, practiceId, { phones: [{ kind: 'MOBILE', number: '+12125550100', primary: true }], phoneDigits: '12125550100', consents: { sms: true, email: false, voicemail: false, portal: false } });
    const desk = await server.token(practiceId, [Role.FRONT_DESK]);
    const ids = { patientId: patient.id, providerId: world.provider.id, locationId: world.location.id, appointmentTypeId: world.type.id };
    const booked = await server.gql(desk, BOOK, { input: bookInput(ids, '2027-01-12T14:00:00.000Z') });
    const id = booked.data!.bookAppointment.appointment.id;
    const reminders = () => db.select().from(reminderMessages).where(eq(reminderMessages.appointmentId, id));
    const pending = (await reminders()).filter((r) => r.status === 'PENDING');
    expect(pending.map((r) => r.dueAt.toISOString()).sort()).toEqual(['2027-01-10T14:00:00.000Z', '2027-01-12T12:00:00.000Z']);

    await server.gql(desk, RESCHEDULE, { input: { id, expectedVersion: 1, startsAt: '2027-01-12T15:00:00.000Z' } });
    const moved = (await reminders()).filter((r) => r.status === 'PENDING');
    expect(moved.map((r) => r.dueAt.toISOString()).sort()).toEqual(['2027-01-10T15:00:00.000Z', '2027-01-12T13:00:00.000Z']);

    await server.gql(desk, CANCEL, { input: { id, reason: 'patient request' } });
    expect((await reminders()).filter((r) => r.status === 'PENDING')).toEqual([]);
  });
});
