import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appointments } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { insertAppointmentType, insertProvider, schedulingWorld } from '../../factories/scheduling.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { BOOK, bookInput } from './ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

// Tuesday 2027-01-12; the provider works 08:00–17:00 New York time (EST, UTC-5).
const AT_9 = '2027-01-12T14:00:00.000Z';
const AT_930 = '2027-01-12T14:30:00.000Z';
const AT_915 = '2027-01-12T14:15:00.000Z';

async function setup() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const world = await schedulingWorld(db, practiceId);
  const patient = await insertPatient(db, practiceId);
  const ids = { patientId: patient.id, providerId: world.provider.id, locationId: world.location.id, appointmentTypeId: world.type.id };
  const desk = await server.token(practiceId, [Role.FRONT_DESK]);
  return { db, practiceId, world, patient, ids, desk };
}

const count = async (db: TestServer['database']['db'], practiceId: string) => (await db.select().from(appointments).where(eq(appointments.practiceId, practiceId))).length;

describe('bookAppointment', () => {
  it('books a visit with the type\'s duration and the location\'s place of service', async () => {
    const { ids, desk } = await setup();
    const res = await server.gql(desk, BOOK, { input: bookInput(ids, AT_9, { reason: 'annual physical' }) });
    expect(res.errors).toBeUndefined();
    const a = res.data!.bookAppointment.appointment;
    expect(a).toMatchObject({ status: 'BOOKED', startsAt: AT_9, endsAt: AT_930, placeOfServiceCode: '11', modality: 'IN_PERSON', outsideAvailabilityOverride: false });
  });

  it('uses place of service 10 (home) or 02 (elsewhere) for telehealth', async () => {
    const { ids, desk } = await setup();
    const home = await server.gql(desk, BOOK, { input: bookInput(ids, AT_9, { modality: 'TELEHEALTH', patientAtHome: true }) });
    const away = await server.gql(desk, BOOK, { input: bookInput(ids, AT_930, { modality: 'TELEHEALTH', patientAtHome: false }) });
    expect(home.data!.bookAppointment.appointment.placeOfServiceCode).toBe('10');
    expect(away.data!.bookAppointment.appointment.placeOfServiceCode).toBe('02');
  });

  it('returns the same appointment for a retried key and refuses the key for other input', async () => {
    const { db, practiceId, ids, desk } = await setup();
    const input = bookInput(ids, AT_9);
    const first = await server.gql(desk, BOOK, { input });
    const retry = await server.gql(desk, BOOK, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.bookAppointment.appointment.id).toBe(first.data!.bookAppointment.appointment.id);
    const reused = await server.gql(desk, BOOK, { input: { ...input, startsAt: AT_930 } });
    expect(reused.errors![0]!.extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count(db, practiceId)).toBe(1);
  });

  it('refuses overlapping times for the provider and for the patient, allows back-to-back', async () => {
    const { db, practiceId, ids, desk, world } = await setup();
    expect((await server.gql(desk, BOOK, { input: bookInput(ids, AT_9) })).errors).toBeUndefined();
    const other = await insertPatient(db, practiceId);
    const clash = await server.gql(desk, BOOK, { input: bookInput({ ...ids, patientId: other.id }, AT_915) });
    expect(clash.errors![0]!.extensions.code).toBe('SLOT_CONFLICT');
    // Same patient with another provider at an overlapping time: the patient constraint refuses it.
    const second = await insertProvider(db, practiceId);
    const { insertWeeklyHours } = await import('../../factories/scheduling.factory.js');
    await insertWeeklyHours(db, practiceId, second.id, world.location.id);
    const patientClash = await server.gql(desk, BOOK, { input: bookInput({ ...ids, providerId: second.id }, AT_915) });
    expect(patientClash.errors![0]!.extensions.code).toBe('SLOT_CONFLICT');
    const backToBack = await server.gql(desk, BOOK, { input: bookInput({ ...ids, patientId: other.id }, AT_930) });
    expect(backToBack.errors).toBeUndefined();
    expect(await count(db, practiceId)).toBe(2);
  });

  it('respects buffers of the booked type', async () => {
    const { db, practiceId, ids, desk } = await setup();
    const buffered = await insertAppointmentType(db, practiceId, { bufferAfterMinutes: 15 });
    expect((await server.gql(desk, BOOK, { input: bookInput({ ...ids, appointmentTypeId: buffered.id }, AT_9) })).errors).toBeUndefined();
    const other = await insertPatient(db, practiceId);
    const tooClose = await server.gql(desk, BOOK, { input: bookInput({ ...ids, patientId: other.id }, AT_930) });
    expect(tooClose.errors![0]!.extensions.code).toBe('SLOT_CONFLICT');
  });

  it('refuses a time outside availability with BAD_USER_INPUT and changes nothing', async () => {
    const { db, practiceId, ids, desk } = await setup();
    const res = await server.gql(desk, BOOK, { input: bookInput(ids, '2027-01-12T23:00:00.000Z') }); // 18:00 local
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.startsAt', message: "is outside the provider's availability" }] });
    expect(await count(db, practiceId)).toBe(0);
  });

  it('lets FRONT_DESK override availability, recorded on the appointment and in the audit trail', async () => {
    const { db, practiceId, ids, desk } = await setup();
    const res = await server.gql(desk, BOOK, { input: bookInput(ids, '2027-01-12T23:00:00.000Z', { overrideAvailability: true }) });
    expect(res.errors).toBeUndefined();
    const a = res.data!.bookAppointment.appointment;
    expect(a.outsideAvailabilityOverride).toBe(true);
    const events = await auditEntries(db, { practiceId, entityId: a.id });
    expect(events.map((e) => e.action).sort()).toEqual(['CREATE', 'OVERRIDE']);
  });

  it('forbids the override to other roles', async () => {
    const { db, practiceId, ids } = await setup();
    const admin = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
    const res = await server.gql(admin, BOOK, { input: bookInput(ids, '2027-01-12T23:00:00.000Z', { overrideAvailability: true }) });
    expect(res.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect(await count(db, practiceId)).toBe(0);
  });

  it('rejects bad input without writing', async () => {
    const { db, practiceId, ids, desk } = await setup();
    const inPersonOnly = await insertAppointmentType(db, practiceId, { modality: 'IN_PERSON' });
    const modality = await server.gql(desk, BOOK, { input: bookInput({ ...ids, appointmentTypeId: inPersonOnly.id }, AT_9, { modality: 'TELEHEALTH' }) });
    expect(modality.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.modality' }] });
    const shortKey = await server.gql(desk, BOOK, { input: { ...bookInput(ids, AT_9), idempotencyKey: 'k' } });
    expect(shortKey.errors![0]!.extensions.fields![0]!.path).toBe('input.idempotencyKey');
    const past = await server.gql(desk, BOOK, { input: bookInput(ids, '2020-01-07T14:00:00.000Z') });
    expect(past.errors![0]!.extensions.fields![0]).toMatchObject({ path: 'input.startsAt', message: "is sooner than the type's minimum notice" });
    expect(await count(db, practiceId)).toBe(0);
  });

  it('treats another practice\'s patient, provider, location or type as missing', async () => {
    const { ids, desk } = await setup();
    const other = await setup();
    for (const key of ['patientId', 'providerId', 'locationId', 'appointmentTypeId'] as const) {
      const res = await server.gql(desk, BOOK, { input: bookInput({ ...ids, [key]: other.ids[key] }, AT_9) });
      expect(res.errors![0]!.extensions.code, key).toBe('NOT_FOUND');
    }
    const malformed = await server.gql(desk, BOOK, { input: bookInput({ ...ids, patientId: 'not-a-uuid' }, AT_9) });
    expect(malformed.errors![0]!.extensions.code).toBe('NOT_FOUND');
  });

  it('allows only FRONT_DESK and PRACTICE_ADMIN to book', async () => {
    const { practiceId, ids } = await setup();
    for (const role of [Role.CLINICIAN, Role.BILLER, Role.ANALYST]) {
      const res = await server.gql(await server.token(practiceId, [role]), BOOK, { input: bookInput(ids, AT_9) });
      expect(res.errors![0]!.extensions.code, role).toBe('FORBIDDEN');
    }
  });
});
