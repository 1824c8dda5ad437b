import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../server/src/db/client.js';
import { reminderMessages } from '../../../server/src/db/schema/engagement.js';
import { appointmentStatusHistory, appointments } from '../../../server/src/db/schema/scheduling.js';
import type { Principal } from '../../../server/src/graphql/auth.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { AuditTrail } from '../../../server/src/modules/audit/audit-trail.js';
import { AppointmentStatus } from '../../../server/src/modules/scheduling/appointment-status.js';
import { cancelAppointment, changeStatus, rescheduleAppointment } from '../../../server/src/modules/scheduling/appointment.service.js';
import { checkInPatient } from '../../../server/src/modules/scheduling/check-in.service.js';
import { createInProcessPubSub } from '../../../server/src/realtime/pubsub.js';
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

// Tuesday 2027-01-12, 09:00 / 10:00 / 11:00 New York: inside the factory's hours, both reminders ahead.
const AT_9 = '2027-01-12T14:00:00.000Z';
const AT_10 = '2027-01-12T15:00:00.000Z';
const AT_11 = '2027-01-12T16:00:00.000Z';
const pubsub = createInProcessPubSub();
const CHECK_IN_INPUT = { demographicsConfirmed: true, insuranceCardConfirmed: true, intakeFormsStatus: 'COMPLETE', copayDue: 0 } as const;

/** A practice with one provider and a patient with SMS and email reminders, and one appointment booked at 09:00. */
async function booked() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const w = await schedulingWorld(db, practiceId);
  const patient = await insertPatient(db, practiceId, { consents: { sms: true, email: true, voicemail: false, portal: false }, email: 'r@example.test', phones: [{ kind: 'MOBILE', number: '+12125550100', primary: true }] });
  const desk = await server.token(practiceId, [Role.FRONT_DESK]);
  const res = await server.gql(desk, BOOK, { input: bookInput({ patientId: patient.id, providerId: w.provider.id, locationId: w.location.id, appointmentTypeId: w.type.id }, AT_9) });
  expect(res.errors).toBeUndefined();
  const id = res.data!.bookAppointment.appointment.id as string;
  const principal: Principal = { userId: 'desk-user', practiceId, roles: [Role.FRONT_DESK] };
  return { db, practiceId, id, desk, principal, audit: () => new AuditTrail(principal, `req-${Math.random()}`, 'test') };
}

/**
 * The database handle with another change landing just before the `nth` raw statement on it (the optimistic
 * write), as a second office computer would between this request's read and its write.
 */
function interfered(db: Db, nth: number, change: () => Promise<unknown>): Db {
  let calls = 0;
  return new Proxy(db, {
    get(target, p, receiver) {
      if (p !== 'execute') return Reflect.get(target, p, receiver);
      return async (...args: Parameters<Db['execute']>) => {
        if (++calls === nth) await change();
        return target.execute(...args);
      };
    },
  });
}

const history = async (db: Db, id: string) =>
  (await db.select().from(appointmentStatusHistory).where(eq(appointmentStatusHistory.appointmentId, id)).orderBy(asc(appointmentStatusHistory.changedAt), asc(appointmentStatusHistory.id))).map((h) => `${h.fromStatus}>${h.toStatus}`);
const actions = async (db: Db, practiceId: string, id: string) => (await auditEntries(db, { practiceId, entityId: id })).map((e) => e.action);
const pending = async (db: Db, id: string) => db.$count(reminderMessages, and(eq(reminderMessages.appointmentId, id), eq(reminderMessages.status, 'PENDING')));

describe('status changes and reschedules write without a transaction, guarded by the version read', () => {
  it('check-in, cancel and reschedule open no transaction when nothing changes in between', async () => {
    const { db, id, desk } = await booked();
    const spy = vi.spyOn(db, 'transaction');
    try {
      const moved = await server.gql(desk, RESCHEDULE, { input: { id, expectedVersion: 1, startsAt: AT_10 } });
      expect(moved.errors).toBeUndefined();
      const checkedIn = await server.gql(desk, CHECK_IN, { id, input: CHECK_IN_INPUT });
      expect(checkedIn.errors).toBeUndefined();
      expect(checkedIn.data!.checkInPatient.appointment.version).toBe(3);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    const { db: db2, id: id2, desk: desk2 } = await booked();
    const spy2 = vi.spyOn(db2, 'transaction');
    try {
      const cancelled = await server.gql(desk2, CANCEL, { input: { id: id2, expectedVersion: 1, reason: 'patient called' } });
      expect(cancelled.errors).toBeUndefined();
      expect(spy2).not.toHaveBeenCalled();
    } finally {
      spy2.mockRestore();
    }
  });

  it('a cancel whose row was confirmed meanwhile is judged again under lock: the history shows CONFIRMED>CANCELLED, nothing written twice', async () => {
    const { db, practiceId, id, principal, audit } = await booked();
    const racing = interfered(db, 1, () => changeStatus(db, principal, audit(), pubsub, { id, status: AppointmentStatus.CONFIRMED }));
    const spy = vi.spyOn(db, 'transaction');
    const row = await cancelAppointment(racing, principal, audit(), pubsub, { id, reason: 'patient called' }, new Date());
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(row.status).toBe('CANCELLED');
    expect(row.version).toBe(3);
    expect(await history(db, id)).toEqual(['null>BOOKED', 'BOOKED>CONFIRMED', 'CONFIRMED>CANCELLED']);
    expect(await actions(db, practiceId, id)).toEqual(['CREATE', 'UPDATE', 'UPDATE']);
    expect(await pending(db, id)).toBe(0);
  });

  it('a check-in at version 1 after a confirm landed meanwhile is a VERSION_CONFLICT that writes nothing', async () => {
    const { db, practiceId, id, principal, audit } = await booked();
    const racing = interfered(db, 1, () => changeStatus(db, principal, audit(), pubsub, { id, status: AppointmentStatus.CONFIRMED }));
    await expect(checkInPatient(racing, principal, audit(), pubsub, id, { ...CHECK_IN_INPUT, expectedVersion: 1 } as never, new Date())).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const [now] = await db.select().from(appointments).where(eq(appointments.id, id));
    expect(now!.status).toBe('CONFIRMED');
    expect(now!.checkIn).toBeNull();
    expect(await history(db, id)).toEqual(['null>BOOKED', 'BOOKED>CONFIRMED']);
    expect(await actions(db, practiceId, id)).toEqual(['CREATE', 'UPDATE']);
  });

  it('a check-in of an appointment cancelled meanwhile is refused by the state machine; the cancelled reminders stay cancelled', async () => {
    const { db, practiceId, id, principal, audit } = await booked();
    const racing = interfered(db, 1, () => cancelAppointment(db, principal, audit(), pubsub, { id, reason: 'called' }, new Date()));
    await expect(checkInPatient(racing, principal, audit(), pubsub, id, CHECK_IN_INPUT as never, new Date())).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await history(db, id)).toEqual(['null>BOOKED', 'BOOKED>CANCELLED']);
    expect(await actions(db, practiceId, id)).toEqual(['CREATE', 'UPDATE']);
    expect(await pending(db, id)).toBe(0);
  });

  it('a reschedule whose row moved meanwhile is a VERSION_CONFLICT: the other move and its reminders stand', async () => {
    const { db, practiceId, id, principal, audit } = await booked();
    // The reschedule's read is the 1st raw statement, its guarded move the 2nd.
    const racing = interfered(db, 2, () => rescheduleAppointment(db, principal, audit(), pubsub, { id, expectedVersion: 1, startsAt: new Date(AT_11), overrideAvailability: false }, new Date()));
    await expect(rescheduleAppointment(racing, principal, audit(), pubsub, { id, expectedVersion: 1, startsAt: new Date(AT_10), overrideAvailability: false }, new Date())).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const [now] = await db.select().from(appointments).where(eq(appointments.id, id));
    expect(now!.startsAt.toISOString()).toBe(AT_11);
    expect(now!.version).toBe(2);
    expect(await history(db, id)).toEqual(['null>BOOKED', 'BOOKED>BOOKED']);
    expect(await actions(db, practiceId, id)).toEqual(['CREATE', 'UPDATE']);
    const due = (await db.select().from(reminderMessages).where(and(eq(reminderMessages.appointmentId, id), eq(reminderMessages.status, 'PENDING')))).map((r) => r.idempotencyKey.endsWith(AT_11));
    expect(due).toEqual([true, true, true, true]);
  });
});
