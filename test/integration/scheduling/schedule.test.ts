import { beforeAll, describe, expect, it } from 'vitest';
import { appointments } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { busyDay, insertProvider, insertWeeklyHours, schedulingWorld } from '../../factories/scheduling.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { type GqlResult, startTestServer, type TestServer } from '../../helpers/test-server.js';
import { BOOK, bookInput, CHECK_IN, SCHEDULE, SLOTS } from './ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

/** A practice with `n` appointments spread over providers on 2027-01-12 (New York), inserted directly. */
async function dayWith(n: number) {
  const db = server.database.db;
  const { practiceId, location, type, providers, patients } = await busyDay(db, n);
  const desk = await server.token(practiceId, [Role.FRONT_DESK]);
  return { db, practiceId, location, type, providers, patients, desk };
}

describe('schedule (day view)', () => {
  it('answers with the same number of SQL statements for 3 and 30 appointments', async () => {
    const small = await dayWith(3);
    const large = await dayWith(30);
    const a = await server.gql(small.desk, SCHEDULE, { locationId: small.location.id, date: '2027-01-12' });
    const b = await server.gql(large.desk, SCHEDULE, { locationId: large.location.id, date: '2027-01-12' });
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data!.schedule.edges).toHaveLength(3);
    expect(b.data!.schedule.edges).toHaveLength(30);
    // One statement for the root field, one for the batched audit of the reads.
    expect(a.extensions!.stats!.sqlStatements).toBe(2);
    expect(b.extensions!.stats!.sqlStatements).toBe(2);
    const first = b.data!.schedule.edges[0].node;
    expect(first.patient.mrn).toMatch(/^T/);
    expect(first.provider.familyName).toMatch(/^Testdoc/);
    expect(first.appointmentType.durationMinutes).toBe(30);
  });

  it('pages through the day in start order and audits every patient read', async () => {
    const { db, practiceId, location, desk } = await dayWith(7);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: GqlResult = await server.gql(desk, SCHEDULE, { locationId: location.id, date: "2027-01-12", first: 3, after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.schedule.edges.map((e: { node: { startsAt: string; id: string } }) => `${e.node.startsAt}|${e.node.id}`));
      if (!res.data!.schedule.pageInfo.hasNextPage) break;
      after = res.data!.schedule.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(7);
    expect([...seen].sort()).toEqual(seen);
    const reads = await auditEntries(db, { practiceId, action: 'READ', entityType: 'Patient' });
    expect(new Set(reads.map((r) => r.entityId)).size).toBe(7);
  });

  it('pages backwards with last/before to the same order', async () => {
    const { location, desk } = await dayWith(7);
    const all = await server.gql(desk, SCHEDULE, { locationId: location.id, date: '2027-01-12' });
    const ids = all.data!.schedule.edges.map((e: { node: { id: string } }) => e.node.id);
    const BACK = `query B($l: ID!, $d: LocalDate!, $before: String) { schedule(locationId: $l, date: $d, last: 3, before: $before) {
      edges { node { id } } pageInfo { hasPreviousPage startCursor } } }`;
    const seen: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: GqlResult = await server.gql(desk, BACK, { l: location.id, d: '2027-01-12', before });
      expect(res.errors).toBeUndefined();
      seen.unshift(...res.data!.schedule.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!res.data!.schedule.pageInfo.hasPreviousPage) break;
      before = res.data!.schedule.pageInfo.startCursor;
    }
    expect(seen).toEqual(ids);
  });

  it('reads only what is selected, and what it reads equals the full records', async () => {
    const { location, desk, patients } = await dayWith(3);
    const PATIENT_FIELDS = 'id mrn legalName { given middle family } preferredName dateOfBirth sexAtBirth genderIdentity phones { kind number primary } email address { line1 line2 city state postalCode country } preferredLanguage emergencyContacts { name relationship phone } consents { sms email voicemail portal } status notes version createdAt updatedAt';
    const FULL = `query F($l: ID!, $d: LocalDate!) { schedule(locationId: $l, date: $d) { edges { node {
      id patientId providerId locationId appointmentTypeId startsAt endsAt status modality placeOfServiceCode reason notes outsideAvailabilityOverride cancelReason cancelledBy cancelledAt checkIn { arrivedAt } version createdAt updatedAt
      patient { ${PATIENT_FIELDS} } provider { id givenName familyName credentials npi taxonomyCode specialty active version createdAt updatedAt }
      appointmentType { id name durationMinutes } } } } }`;
    const full = await server.gql(desk, FULL, { l: location.id, d: '2027-01-12' });
    expect(full.errors).toBeUndefined();
    const node = full.data!.schedule.edges[0].node;
    const direct = await server.gql(desk, `query P($id: ID!) { patient(id: $id) { ${PATIENT_FIELDS} } }`, { id: node.patient.id });
    expect(node.patient).toEqual(direct.data!.patient);
    expect(patients.map((p) => p.id)).toContain(node.patient.id);
    expect(node.appointmentType.durationMinutes).toBe(30);
    const idsOnly = await server.gql(desk, 'query I($l: ID!, $d: LocalDate!) { schedule(locationId: $l, date: $d) { edges { node { id } } pageInfo { hasNextPage } } }', { l: location.id, d: '2027-01-12' });
    expect(idsOnly.data!.schedule.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(full.data!.schedule.edges.map((e: { node: { id: string } }) => e.node.id));
    // A narrow selection (only the patient's MRN) gives the same patients in the same order.
    const nested = await server.gql(desk, 'query N($l: ID!, $d: LocalDate!) { schedule(locationId: $l, date: $d) { edges { node { patient { mrn } } } } }', { l: location.id, d: '2027-01-12' });
    expect(nested.data!.schedule.edges.map((e: { node: { patient: { mrn: string } } }) => e.node.patient.mrn)).toEqual(full.data!.schedule.edges.map((e: { node: { patient: { mrn: string } } }) => e.node.patient.mrn));
  });

  it('uses the location\'s zone for the day bounds (an appointment at 23:30 local belongs to that date)', async () => {
    const { db, practiceId, location, type, desk, patients } = await dayWith(1);
    const prov = await insertProvider(db, practiceId);
    // 2027-01-12 23:30 New York = 2027-01-13 04:30Z.
    await db.insert(appointments).values({ practiceId, patientId: (await insertPatient(db, practiceId)).id, providerId: prov.id, locationId: location.id, appointmentTypeId: type.id, startsAt: new Date('2027-01-13T04:30:00Z'), endsAt: new Date('2027-01-13T05:00:00Z'), modality: 'IN_PERSON', placeOfServiceCode: '11' });
    const day = await server.gql(desk, SCHEDULE, { locationId: location.id, date: '2027-01-12' });
    expect(day.data!.schedule.edges).toHaveLength(2);
    const next = await server.gql(desk, SCHEDULE, { locationId: location.id, date: '2027-01-13' });
    expect(next.data!.schedule.edges).toHaveLength(0);
    expect(patients).toHaveLength(1);
  });

  it('filters by provider and hides other practices\' locations', async () => {
    const { location, desk, providers } = await dayWith(6);
    const res = await server.gql(desk, SCHEDULE, { locationId: location.id, date: '2027-01-12', providerIds: [providers[0]!.id] });
    expect(res.data!.schedule.edges).toHaveLength(2);
    const other = await dayWith(1);
    const hidden = await server.gql(desk, SCHEDULE, { locationId: other.location.id, date: '2027-01-12' });
    expect(hidden.errors![0]!.extensions.code).toBe('NOT_FOUND');
    const analyst = await server.token(other.practiceId, [Role.ANALYST]);
    expect((await server.gql(analyst, SCHEDULE, { locationId: other.location.id, date: '2027-01-12' })).errors![0]!.extensions.code).toBe('FORBIDDEN');
  });
});

describe('waitingRoom and Patient.appointments', () => {
  it('lists checked-in patients with minutes waited', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const { location, provider, type } = await schedulingWorld(db, practiceId);
    const patient = await insertPatient(db, practiceId);
    const desk = await server.token(practiceId, [Role.FRONT_DESK]);
    const soon = new Date(Math.ceil(Date.now() / 900_000) * 900_000 + 900_000).toISOString();
    const booked = await server.gql(desk, BOOK, { input: bookInput({ patientId: patient.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id }, soon, { overrideAvailability: true }) });
    const id = booked.data!.bookAppointment.appointment.id;
    await server.gql(desk, CHECK_IN, { id, input: { arrivedAt: new Date(Date.now() - 12 * 60_000).toISOString(), demographicsConfirmed: true, insuranceCardConfirmed: true, intakeFormsStatus: 'COMPLETE', copayDue: 0 } });
    const res = await server.gql(desk, `query($l: ID!) { waitingRoom(locationId: $l) { waitingMinutes appointment { id patient { id } } } }`, { l: location.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.waitingRoom).toHaveLength(1);
    expect(res.data!.waitingRoom[0].appointment.id).toBe(id);
    expect(res.data!.waitingRoom[0].waitingMinutes).toBeGreaterThanOrEqual(12);
  });

  it('batches Patient.appointments across patients (statement count does not grow)', async () => {
    const small = await dayWith(2);
    const large = await dayWith(12);
    const q = `query { patients(first: 50) { edges { node { id appointments(from: "2027-01-01T00:00:00Z") { id startsAt provider { id } } } } } }`;
    const a = await server.gql(small.desk, q, {});
    const b = await server.gql(large.desk, q, {});
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const withAppts = b.data!.patients.edges.filter((e: { node: { appointments: unknown[] } }) => e.node.appointments.length === 1);
    expect(withAppts).toHaveLength(12);
    expect(b.extensions!.stats!.sqlStatements).toBe(a.extensions!.stats!.sqlStatements);
  });
});

describe('availableSlots', () => {
  it('lists free 30-minute slots every 15 minutes, minus bookings, for one or all providers', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const location = await createLocation(db, practiceId, { timeZone: 'Asia/Kolkata' });
    const { type } = await schedulingWorld(db, practiceId);
    const [p1, p2] = [await insertProvider(db, practiceId), await insertProvider(db, practiceId)];
    await insertWeeklyHours(db, practiceId, p1.id, location.id, '09:00', '10:00', [2]);
    await insertWeeklyHours(db, practiceId, p2.id, location.id, '09:30', '10:00', [2]);
    const patient = await insertPatient(db, practiceId);
    const desk = await server.token(practiceId, [Role.FRONT_DESK]);
    // Tuesday 2027-01-12 09:00 IST = 03:30Z.
    const booked = await server.gql(desk, BOOK, { input: bookInput({ patientId: patient.id, providerId: p1.id, locationId: location.id, appointmentTypeId: type.id }, '2027-01-12T03:30:00.000Z') });
    expect(booked.errors).toBeUndefined();
    const vars = { typeId: type.id, locationId: location.id, from: '2027-01-11T00:00:00Z', to: '2027-01-13T00:00:00Z' };
    const all = await server.gql(desk, SLOTS, vars);
    expect(all.errors).toBeUndefined();
    // Ordered by start, then provider id.
    const expected = [p1.id, p2.id].sort().map((id) => `${id === p1.id ? 'p1' : 'p2'} 04:00`);
    expect(all.data!.availableSlots.map((s: { providerId: string; startsAt: string }) => `${s.providerId === p1.id ? 'p1' : 'p2'} ${s.startsAt.slice(11, 16)}`)).toEqual(expected);
    expect(all.extensions!.stats!.sqlStatements).toBe(2);
    const one = await server.gql(desk, SLOTS, { ...vars, providerId: p2.id });
    expect(one.data!.availableSlots).toHaveLength(1);
    const tooLong = await server.gql(desk, SLOTS, { ...vars, to: '2027-06-01T00:00:00Z' });
    expect(tooLong.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const other = await createPractice(db);
    const foreign = await server.gql(await server.token(other, [Role.FRONT_DESK]), SLOTS, vars);
    expect(foreign.errors![0]!.extensions.code).toBe('NOT_FOUND');
  });
});
