import { createClient, isMedofficeError, type MedofficeClient } from '@medoffice/sdk';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rooms } from '../../../server/src/db/schema/rooms.js';
import { appointments, appointmentStatusHistory } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { schedulingWorld } from '../../factories/scheduling.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

/** A practice whose location has `n` appointments already checked in (ARRIVED), 30 minutes apart, and a front-desk SDK client. */
async function waiting(n: number) {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const { location, provider, type } = await schedulingWorld(db, practiceId);
  const patients = await Promise.all(Array.from({ length: n }, () => insertPatient(db, practiceId)));
  const appts = await db
    .insert(appointments)
    .values(patients.map((p, i) => {
      const start = Date.parse('2027-01-12T14:00:00Z') + i * 30 * 60_000;
      return { practiceId, patientId: p.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id, startsAt: new Date(start), endsAt: new Date(start + 30 * 60_000), modality: 'IN_PERSON', placeOfServiceCode: '11', status: 'ARRIVED' };
    }))
    .returning();
  const sdk = (roles: Role[]) => server.token(practiceId, roles).then((token): MedofficeClient => createClient({ url: server.url, token, retry: false }));
  const admin = await sdk([Role.PRACTICE_ADMIN]);
  const desk = await sdk([Role.FRONT_DESK]);
  const room = async (name: string, locationId = location.id) => (await admin.createRoom({ input: { locationId, name } })).createRoom.room;
  return { db, practiceId, location, appts: appts.map((a) => a.id), admin, desk, room };
}

const toRoom = (client: MedofficeClient, id: string, roomId?: string, note?: string) => client.changeAppointmentStatus({ input: { id, status: 'IN_ROOM', roomId, note } });
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe('rooming an appointment', () => {
  it('puts the patient in a room, notes it in the history, and frees the room on completion', async () => {
    const { db, appts: [a, b], desk, room } = await waiting(2);
    const exam1 = await room('Exam 1');
    const roomed = (await toRoom(desk, a!, exam1.id, 'vitals taken')).changeAppointmentStatus.appointment;
    expect(roomed).toMatchObject({ status: 'IN_ROOM', roomId: exam1.id, room: { id: exam1.id, name: 'Exam 1', active: true } });
    const { appointment } = await desk.appointment({ id: a! });
    expect(appointment.room).toEqual({ id: exam1.id, name: 'Exam 1', active: true });
    const { appointmentStatusHistory: history } = await desk.appointmentStatusHistory({ appointmentId: a! });
    expect(history.at(-1)).toMatchObject({ fromStatus: 'ARRIVED', toStatus: 'IN_ROOM', note: `ROOM ${exam1.id}; vitals taken` });

    const done = (await desk.changeAppointmentStatus({ input: { id: a!, status: 'COMPLETED' } })).changeAppointmentStatus.appointment;
    expect(done).toMatchObject({ status: 'COMPLETED', roomId: exam1.id, room: { name: 'Exam 1' } }); // kept as a record
    // The room is free again.
    const next = (await toRoom(desk, b!, exam1.id)).changeAppointmentStatus.appointment;
    expect(next).toMatchObject({ status: 'IN_ROOM', roomId: exam1.id });
    const inRoom = await db.select().from(appointments).where(and(eq(appointments.roomId, exam1.id), eq(appointments.status, 'IN_ROOM')));
    expect(inRoom.map((r) => r.id)).toEqual([b]);
    expect((await desk.appointmentStatusHistory({ appointmentId: b! })).appointmentStatusHistory.at(-1)!.note).toBe(`ROOM ${exam1.id}`);
  });

  it('refuses an occupied room with SLOT_CONFLICT on input.roomId and changes nothing; ENTERED_IN_ERROR frees it', async () => {
    const { db, appts: [a, b], desk, room } = await waiting(2);
    const exam1 = await room('Exam 1');
    await toRoom(desk, a!, exam1.id);
    const before = (await db.select().from(appointments).where(eq(appointments.id, b!)))[0];
    const err = await errorOf(toRoom(desk, b!, exam1.id));
    expect(isMedofficeError(err, 'SLOT_CONFLICT')).toBe(true);
    expect(err).toMatchObject({ fields: [{ path: 'input.roomId', message: 'is occupied' }], extensions: expect.objectContaining({ roomId: exam1.id }) });
    expect((await db.select().from(appointments).where(eq(appointments.id, b!)))[0]).toEqual(before);
    expect(await db.select().from(appointmentStatusHistory).where(eq(appointmentStatusHistory.appointmentId, b!))).toEqual([]);

    await desk.changeAppointmentStatus({ input: { id: a!, status: 'ENTERED_IN_ERROR' } });
    expect((await toRoom(desk, b!, exam1.id)).changeAppointmentStatus.appointment.roomId).toBe(exam1.id);
  });

  it('two simultaneous attempts to fill one room: exactly one wins, the other gets SLOT_CONFLICT (three rounds)', async () => {
    const { db, appts, desk, room } = await waiting(6);
    for (let round = 0; round < 3; round++) {
      const r = await room(`Exam ${round}`);
      const pair = [appts[2 * round]!, appts[2 * round + 1]!];
      const results = await Promise.allSettled(pair.map((id) => toRoom(desk, id, r.id)));
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
      expect(isMedofficeError(lost.reason, 'SLOT_CONFLICT')).toBe(true);
      const rows = await db.select().from(appointments).where(eq(appointments.roomId, r.id));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status).toBe('IN_ROOM');
      expect(rows.map((x) => x.id)).toEqual([(results.find((x) => x.status === 'fulfilled') as PromiseFulfilledResult<{ changeAppointmentStatus: { appointment: { id: string } } }>).value.changeAppointmentStatus.appointment.id]);
    }
  });

  it('the room must be an active room of the appointment\'s location; another practice\'s room is NOT_FOUND', async () => {
    const { db, practiceId, appts: [a], admin, desk, room } = await waiting(1);
    const elsewhere = await createLocation(db, practiceId);
    const farRoom = await room('Exam 9', elsewhere.id);
    const closed = await room('Old exam');
    await admin.updateRoom({ input: { id: closed.id, expectedVersion: closed.version, active: false } });
    const other = await waiting(1);
    const theirs = await other.room('Exam 1');
    const missing = '00000000-0000-4000-8000-000000000000';
    const before = (await db.select().from(appointments).where(eq(appointments.id, a!)))[0];

    expect(await errorOf(toRoom(desk, a!, farRoom.id))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.roomId', message: "is not a room of the appointment's location" }] });
    expect(await errorOf(toRoom(desk, a!, closed.id))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.roomId', message: 'is an inactive room' }] });
    const foreign = await errorOf(toRoom(desk, a!, theirs.id));
    const absent = await errorOf(toRoom(desk, a!, missing));
    expect(foreign).toMatchObject({ code: 'NOT_FOUND', extensions: expect.objectContaining({ entity: 'Room', id: theirs.id }) });
    expect(absent).toMatchObject({ code: 'NOT_FOUND', extensions: expect.objectContaining({ entity: 'Room', id: missing }) });
    expect((foreign as Error).message.replace(theirs.id, 'X')).toBe((absent as Error).message.replace(missing, 'X'));
    const confirm = await errorOf(desk.changeAppointmentStatus({ input: { id: a!, status: 'COMPLETED', roomId: closed.id } }));
    expect(confirm).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.roomId', message: 'is only accepted with status IN_ROOM' }] });
    expect((await db.select().from(appointments).where(eq(appointments.id, a!)))[0]).toEqual(before);
    // Their room is untouched and still free for them.
    expect((await toRoom(other.desk, other.appts[0]!, theirs.id)).changeAppointmentStatus.appointment.roomId).toBe(theirs.id);
  });

  it('a patient stays in a room deactivated meanwhile; nobody new can be put in it', async () => {
    const { appts: [a, b], admin, desk, room } = await waiting(2);
    const exam1 = await room('Exam 1');
    await toRoom(desk, a!, exam1.id);
    const off = (await admin.updateRoom({ input: { id: exam1.id, expectedVersion: 1, active: false } })).updateRoom.room;
    expect(off.active).toBe(false);
    expect((await desk.appointment({ id: a! })).appointment).toMatchObject({ status: 'IN_ROOM', room: { id: exam1.id, active: false } });
    expect(await errorOf(toRoom(desk, b!, exam1.id))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.roomId' }] });
    expect((await desk.changeAppointmentStatus({ input: { id: a!, status: 'COMPLETED' } })).changeAppointmentStatus.appointment.status).toBe('COMPLETED');
  });

  it('an office without rooms rooms patients as before: roomId is optional and several may be IN_ROOM at once', async () => {
    const { db, practiceId, appts, desk } = await waiting(3);
    for (const id of appts) {
      const appt = (await toRoom(desk, id)).changeAppointmentStatus.appointment;
      expect(appt).toMatchObject({ status: 'IN_ROOM', roomId: null, room: null });
    }
    expect((await desk.appointmentStatusHistory({ appointmentId: appts[0]! })).appointmentStatusHistory.at(-1)!.note).toBeNull();
    expect(await db.select().from(rooms).where(eq(rooms.practiceId, practiceId))).toEqual([]);
    expect((await desk.appointment({ id: appts[0]! })).appointment.room).toBeNull();
  });

  it('the day view shows each appointment\'s room, whether or not roomId is selected, in a bounded number of statements', async () => {
    const counts: number[] = [];
    for (const n of [2, 8]) {
      const { location, appts, desk, room, practiceId } = await waiting(n);
      for (const [i, id] of appts.entries()) await toRoom(desk, id, (await room(`Exam ${i}`)).id);
      const token = await server.token(practiceId, [Role.FRONT_DESK]);
      const names = (r: { data?: any }) => r.data!.schedule.edges.map((e: { node: { room: { name: string } | null } }) => e.node.room?.name);
      const want = appts.map((_, i) => `Exam ${i}`);
      const bare = await server.gql(token, `query D($l: ID!) { schedule(locationId: $l, date: "2027-01-12") { edges { node { id room { name } } } } }`, { l: location.id });
      expect(bare.errors).toBeUndefined();
      expect(names(bare)).toEqual(want);
      const withId = await server.gql(token, `query D($l: ID!) { schedule(locationId: $l, date: "2027-01-12") { edges { node { id roomId room { name } } } } }`, { l: location.id });
      expect(names(withId)).toEqual(want);
      counts.push(bare.extensions!.stats!.sqlStatements);
    }
    // The day's statement, the rooms' batched loader, the audit: the same for 2 and 8 rows.
    expect(counts).toEqual([3, 3]);
  });
});
