import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, isMedofficeError, type MedofficeClient } from '@medoffice/sdk';
import { Role } from '../../server/src/graphql/roles.js';
import { insertPatient } from '../factories/patient.factory.js';
import { createPractice } from '../factories/practice.factory.js';
import { schedulingWorld } from '../factories/scheduling.factory.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

async function frontDesk() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const world = await schedulingWorld(db, practiceId);
  const client: MedofficeClient = createClient({ url: server.url, token: await server.token(practiceId, [Role.FRONT_DESK]), retry: false });
  return { db, practiceId, world, client };
}

describe('SDK: a front-desk day', () => {
  it('finds a slot, books, reschedules, checks in and cancels with typed results', async () => {
    const { db, practiceId, world, client } = await frontDesk();
    const patient = await insertPatient(db, practiceId);
    const { availableSlots } = await client.availableSlots({ appointmentTypeId: world.type.id, locationId: world.location.id, providerId: world.provider.id, from: '2027-01-12T00:00:00Z', to: '2027-01-13T00:00:00Z' });
    expect(availableSlots[0]!.startsAt).toBe('2027-01-12T13:00:00.000Z'); // 08:00 New York
    const base = { patientId: patient.id, providerId: world.provider.id, locationId: world.location.id, appointmentTypeId: world.type.id };
    const { bookAppointment } = await client.bookAppointment({ input: { ...base, idempotencyKey: 'sdk-booking-0001', startsAt: availableSlots[0]!.startsAt } });
    const appt = bookAppointment.appointment;
    expect(appt.status).toBe('BOOKED');

    const { rescheduleAppointment } = await client.rescheduleAppointment({ input: { id: appt.id, expectedVersion: appt.version, startsAt: '2027-01-12T15:00:00.000Z' } });
    expect(rescheduleAppointment.appointment).toMatchObject({ id: appt.id, startsAt: '2027-01-12T15:00:00.000Z', version: 2 });

    const { checkInPatient } = await client.checkInPatient({ appointmentId: appt.id, input: { demographicsConfirmed: true, insuranceCardConfirmed: true, intakeFormsStatus: 'COMPLETE', copayDue: 3000 } });
    expect(checkInPatient.appointment.checkIn).toMatchObject({ copayDue: 3000, late: false });

    const err = await client.cancelAppointment({ input: { id: appt.id, reason: 'left' , expectedVersion: 1 } }).catch((e: unknown) => e);
    expect(isMedofficeError(err, 'VERSION_CONFLICT')).toBe(true);
    const { cancelAppointment } = await client.cancelAppointment({ input: { id: appt.id, reason: 'patient left before rooming' } });
    expect(cancelAppointment.appointment.status).toBe('CANCELLED');

    const { appointmentStatusHistory } = await client.appointmentStatusHistory({ appointmentId: appt.id });
    expect(appointmentStatusHistory.map((h) => h.toStatus)).toEqual(['BOOKED', 'BOOKED', 'ARRIVED', 'CANCELLED']);
  });

  it('reports SLOT_CONFLICT as a typed error', async () => {
    const { db, practiceId, world, client } = await frontDesk();
    const [a, b] = [await insertPatient(db, practiceId), await insertPatient(db, practiceId)];
    const base = { providerId: world.provider.id, locationId: world.location.id, appointmentTypeId: world.type.id, startsAt: '2027-01-12T14:00:00Z' };
    await client.bookAppointment({ input: { ...base, patientId: a.id, idempotencyKey: 'sdk-conflict-a' } });
    const err = await client.bookAppointment({ input: { ...base, patientId: b.id, idempotencyKey: 'sdk-conflict-b' } }).catch((e: unknown) => e);
    expect(isMedofficeError(err, 'SLOT_CONFLICT')).toBe(true);
  });

  it('pages through the day view with the paginator', async () => {
    const { db, practiceId, world, client } = await frontDesk();
    for (let i = 0; i < 7; i++) {
      const p = await insertPatient(db, practiceId);
      await client.bookAppointment({ input: { patientId: p.id, providerId: world.provider.id, locationId: world.location.id, appointmentTypeId: world.type.id, idempotencyKey: `sdk-day-${i}-${practiceId.slice(0, 8)}`, startsAt: new Date(Date.parse('2027-01-12T13:00:00Z') + i * 30 * 60_000).toISOString() } });
    }
    const seen: string[] = [];
    for await (const node of client.paginate.schedule({ locationId: world.location.id, date: '2027-01-12', first: 3 })) seen.push(`${node.startsAt} ${node.patient.mrn}`);
    expect(seen).toHaveLength(7);
    expect([...seen].sort()).toEqual(seen);
  });
});
