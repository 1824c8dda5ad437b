import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appointmentStatusHistory, appointments } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { schedulingWorld } from '../../factories/scheduling.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { BOOK, bookInput, CANCEL, CHANGE_STATUS, CHECK_IN, HISTORY, NO_SHOW, RESCHEDULE } from './ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const AT_9 = '2027-01-12T14:00:00.000Z';
const AT_10 = '2027-01-12T15:00:00.000Z';

async function booked(startsAt = AT_9, extra: Record<string, unknown> = {}) {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const world = await schedulingWorld(db, practiceId);
  const patient = await insertPatient(db, practiceId);
  const ids = { patientId: patient.id, providerId: world.provider.id, locationId: world.location.id, appointmentTypeId: world.type.id };
  const userId = `desk-${practiceId.slice(0, 6)}`;
  const desk = await server.token(practiceId, [Role.FRONT_DESK], userId);
  const res = await server.gql(desk, BOOK, { input: bookInput(ids, startsAt, extra) });
  expect(res.errors).toBeUndefined();
  return { db, practiceId, ids, desk, userId, appt: res.data!.bookAppointment.appointment as { id: string; version: number } };
}

const rowOf = async (db: TestServer['database']['db'], id: string) => (await db.select().from(appointments).where(eq(appointments.id, id)))[0]!;

describe('appointment lifecycle', () => {
  it('runs booked → confirmed → arrived → in room → completed, with history of who and when', async () => {
    const { desk, appt, userId, practiceId } = await booked();
    expect((await server.gql(desk, CHANGE_STATUS, { input: { id: appt.id, status: 'CONFIRMED' } })).errors).toBeUndefined();
    const checkIn = await server.gql(desk, CHECK_IN, {
      id: appt.id,
      input: { arrivedAt: '2026-01-01T00:00:00.000Z', demographicsConfirmed: true, insuranceCardConfirmed: false, intakeFormsStatus: 'PARTIAL', copayDue: 2500 },
    });
    expect(checkIn.errors).toBeUndefined();
    expect(checkIn.data!.checkInPatient.appointment.checkIn).toMatchObject({ late: false, minutesLate: 0, copayDue: 2500, intakeFormsStatus: 'PARTIAL', insuranceCardConfirmed: false, checkedInBy: userId });
    const clinician = await server.token(practiceId, [Role.CLINICIAN]);
    expect((await server.gql(clinician, CHANGE_STATUS, { input: { id: appt.id, status: 'IN_ROOM' } })).errors).toBeUndefined();
    const done = await server.gql(clinician, CHANGE_STATUS, { input: { id: appt.id, status: 'COMPLETED' } });
    expect(done.data!.changeAppointmentStatus.appointment.status).toBe('COMPLETED');
    const history = await server.gql(desk, HISTORY, { id: appt.id });
    expect(history.data!.appointmentStatusHistory.map((h: { fromStatus: string | null; toStatus: string }) => `${h.fromStatus}>${h.toStatus}`)).toEqual([
      'null>BOOKED', 'BOOKED>CONFIRMED', 'CONFIRMED>ARRIVED', 'ARRIVED>IN_ROOM', 'IN_ROOM>COMPLETED',
    ]);
    expect(history.data!.appointmentStatusHistory[0].changedBy).toBe(userId);
  });

  it('flags a late arrival and marks a started, unattended visit as no-show', async () => {
    // A visit that started 40 minutes ago, booked by front-desk override (it is in the past).
    const started = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 40 * 60_000).toISOString();
    const late = await booked(started, { overrideAvailability: true });
    const res = await server.gql(late.desk, CHECK_IN, { id: late.appt.id, input: { demographicsConfirmed: true, insuranceCardConfirmed: true, intakeFormsStatus: 'COMPLETE' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.checkInPatient.appointment.checkIn.late).toBe(true);
    expect(res.data!.checkInPatient.appointment.checkIn.minutesLate).toBeGreaterThanOrEqual(40);
    const missed = await booked(started, { overrideAvailability: true });
    const noShow = await server.gql(missed.desk, NO_SHOW, { id: missed.appt.id });
    expect(noShow.data!.markNoShow.appointment.status).toBe('NO_SHOW');
  });

  it('rejects illegal transitions with BAD_USER_INPUT and changes nothing', async () => {
    const { db, desk, appt } = await booked();
    const before = await rowOf(db, appt.id);
    const jump = await server.gql(desk, CHANGE_STATUS, { input: { id: appt.id, status: 'COMPLETED' } });
    expect(jump.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.status', message: 'cannot change from BOOKED to COMPLETED' }] });
    const viaGeneric = await server.gql(desk, CHANGE_STATUS, { input: { id: appt.id, status: 'CANCELLED' } });
    expect(viaGeneric.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const early = await server.gql(desk, NO_SHOW, { id: appt.id });
    expect(early.errors![0]!.extensions.fields![0]!.message).toBe('the appointment has not started yet');
    expect(await rowOf(db, appt.id)).toEqual(before);
    expect(await db.select().from(appointmentStatusHistory).where(eq(appointmentStatusHistory.appointmentId, appt.id))).toHaveLength(1);
  });

  it('cancels with reason and who, freeing the time; a cancelled appointment cannot be cancelled again', async () => {
    const { db, practiceId, desk, appt, userId, ids } = await booked();
    const res = await server.gql(desk, CANCEL, { input: { id: appt.id, reason: 'patient request' } });
    expect(res.data!.cancelAppointment.appointment).toMatchObject({ status: 'CANCELLED', cancelReason: 'patient request', cancelledBy: userId });
    const again = await server.gql(desk, CANCEL, { input: { id: appt.id, reason: 'twice' } });
    expect(again.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const other = await insertPatient(db, practiceId);
    const rebook = await server.gql(desk, BOOK, { input: bookInput({ ...ids, patientId: other.id }, AT_9) });
    expect(rebook.errors).toBeUndefined();
  });

  it('reschedules in place, records it in the history, and leaves everything unchanged on conflict', async () => {
    const { db, practiceId, desk, appt, ids } = await booked();
    await server.gql(desk, CHANGE_STATUS, { input: { id: appt.id, status: 'CONFIRMED' } });
    const moved = await server.gql(desk, RESCHEDULE, { input: { id: appt.id, expectedVersion: 2, startsAt: AT_10 } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.rescheduleAppointment.appointment).toMatchObject({ id: appt.id, startsAt: AT_10, status: 'BOOKED', version: 3 });
    const history = await server.gql(desk, HISTORY, { id: appt.id });
    expect(history.data!.appointmentStatusHistory.at(-1)).toMatchObject({ fromStatus: 'CONFIRMED', toStatus: 'BOOKED', note: `RESCHEDULED ${AT_9} -> ${AT_10}` });

    const other = await insertPatient(db, practiceId);
    const blocker = await server.gql(desk, BOOK, { input: bookInput({ ...ids, patientId: other.id }, AT_9) });
    expect(blocker.errors).toBeUndefined();
    const before = await rowOf(db, appt.id);
    const clash = await server.gql(desk, RESCHEDULE, { input: { id: appt.id, expectedVersion: 3, startsAt: '2027-01-12T14:15:00.000Z' } });
    expect(clash.errors![0]!.extensions.code).toBe('SLOT_CONFLICT');
    const stale = await server.gql(desk, RESCHEDULE, { input: { id: appt.id, expectedVersion: 1, startsAt: '2027-01-12T16:00:00.000Z' } });
    expect(stale.errors![0]!.extensions.code).toBe('VERSION_CONFLICT');
    expect(await rowOf(db, appt.id)).toEqual(before);
  });

  it('hides another practice\'s appointment (NOT_FOUND) for reads and writes', async () => {
    const mine = await booked();
    const theirs = await booked();
    const q = `query($id: ID!) { appointment(id: $id) { id } }`;
    expect((await server.gql(mine.desk, q, { id: theirs.appt.id })).errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(mine.desk, HISTORY, { id: theirs.appt.id })).errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(mine.desk, CANCEL, { input: { id: theirs.appt.id, reason: 'x' } })).errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(mine.desk, RESCHEDULE, { input: { id: theirs.appt.id, expectedVersion: 1, startsAt: AT_10 } })).errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(mine.desk, q, { id: 'nope' })).errors![0]!.extensions.code).toBe('NOT_FOUND');
  });

  it('lets ANALYST read no appointments and CLINICIAN not cancel', async () => {
    const { practiceId, appt } = await booked();
    const analyst = await server.token(practiceId, [Role.ANALYST]);
    expect((await server.gql(analyst, `query($id: ID!) { appointment(id: $id) { id } }`, { id: appt.id })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    const clinician = await server.token(practiceId, [Role.CLINICIAN]);
    expect((await server.gql(clinician, CANCEL, { input: { id: appt.id, reason: 'x' } })).errors![0]!.extensions.code).toBe('FORBIDDEN');
  });
});
