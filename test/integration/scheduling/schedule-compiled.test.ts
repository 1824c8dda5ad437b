import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { cachedShapes } from '../../../server/src/db/compile/node-sql.js';
import { appointments } from '../../../server/src/db/schema/scheduling.js';
import { SQL_TYPES } from '../../../server/src/graphql/compiled-types.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { busyDay } from '../../factories/scheduling.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// The day view is read by the selection compiler (one statement builds every appointment as JSON);
// `appointment(id)` still maps rows and loads patient, provider and type. Both must answer the same.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const PATIENT = `id mrn legalName { given middle family } preferredName dateOfBirth sexAtBirth genderIdentity phones { kind number primary } email
  address { line1 line2 city state postalCode country } preferredLanguage emergencyContacts { name relationship phone } consents { sms email voicemail portal } status notes version createdAt updatedAt`;
const EVERY_FIELD = `id patientId providerId locationId appointmentTypeId startsAt endsAt status modality placeOfServiceCode reason notes
  outsideAvailabilityOverride cancelReason cancelledBy cancelledAt roomId version createdAt updatedAt
  checkIn { arrivedAt demographicsConfirmed insuranceCardConfirmed intakeFormsStatus copayDue copayCollected copayPaymentId late minutesLate checkedInBy }
  patient { ${PATIENT} } provider { id givenName familyName credentials npi taxonomyCode specialty active billsUnderGroup version createdAt updatedAt }
  appointmentType { id name durationMinutes modality bufferBeforeMinutes bufferAfterMinutes minNoticeMinutes maxAdvanceDays color serviceTypeCode active version }
  room { id }`;
const DAY = `query DayCompiled($l: ID!, $d: LocalDate!) { schedule(locationId: $l, date: $d, includeInactive: true) { edges { cursor node { ${EVERY_FIELD} } } } }`;
const ONE = `query OneMapped($id: ID!) { appointment(id: $id) { ${EVERY_FIELD} } }`;

type Node = Record<string, any> & { id: string };

/** A day of 5 appointments: one checked in (copay posted), one checked in before copays were posted, one cancelled, one with notes. */
async function world() {
  const day = await busyDay(server.database.db, 5);
  const db = server.database.db;
  const [a, b, c, d] = day.appointments;
  const arrived = { arrivedAt: '2027-01-12T13:04:00.000Z', demographicsConfirmed: true, insuranceCardConfirmed: false, intakeFormsStatus: 'PARTIAL', copayDue: 2_500, late: false, minutesLate: 0, checkedInBy: 'desk-1' };
  await db.update(appointments).set({ status: 'ARRIVED', arrivedAt: new Date(arrived.arrivedAt), checkIn: { ...arrived, copayCollected: 2_500, copayPaymentId: '00000000-0000-4000-8000-00000000c0de' } }).where(eq(appointments.id, a!.id));
  await db.update(appointments).set({ status: 'ARRIVED', arrivedAt: new Date(arrived.arrivedAt), checkIn: arrived }).where(eq(appointments.id, b!.id));
  await db.update(appointments).set({ status: 'CANCELLED', cancelReason: 'synthetic reason', cancelledBy: 'desk-2', cancelledAt: new Date('2027-01-11T10:00:00Z') }).where(eq(appointments.id, c!.id));
  await db.update(appointments).set({ reason: 'synthetic visit reason', notes: 'synthetic note' }).where(eq(appointments.id, d!.id));
  const desk = await server.token(day.practiceId, [Role.FRONT_DESK]);
  await server.gql(desk, '{ __typename }');
  return { ...day, desk };
}

describe('the compiled day view', () => {
  it('answers every field exactly as appointment(id) does, in one statement plus the audit', async () => {
    const { desk, location, practiceId } = await world();
    const shapes = cachedShapes(SQL_TYPES);
    const res = await server.gql(desk, DAY, { l: location.id, d: '2027-01-12' });
    expect(res.errors).toBeUndefined();
    // The shape was compiled (the mapped path compiles nothing), and the page is one statement + the audit flush.
    expect(cachedShapes(SQL_TYPES)).toBe(shapes + 1);
    expect(res.extensions?.stats?.sqlStatements).toBe(2);
    const nodes = res.data!.schedule.edges.map((e: { node: Node }) => e.node) as Node[];
    expect(nodes).toHaveLength(5);
    for (const node of nodes) {
      const old = await server.gql(desk, ONE, { id: node.id });
      expect(old.errors).toBeUndefined();
      expect(node).toEqual(old.data!.appointment);
    }
    const byStatus = (s: string) => nodes.filter((n) => n.status === s);
    expect(byStatus('ARRIVED').map((n) => n.checkIn.copayCollected).sort()).toEqual([0, 2_500]);
    expect(byStatus('ARRIVED').map((n) => n.checkIn.copayPaymentId)).toContain(null);
    expect(byStatus('CANCELLED')[0]!.cancelledAt).toBe('2027-01-11T10:00:00.000Z');
    expect(nodes.filter((n) => n.checkIn === null)).toHaveLength(3);
    // Cursors carry the instant as the mapped path prints it.
    const cursor = JSON.parse(Buffer.from(res.data!.schedule.edges[0].cursor, 'base64url').toString('utf8'));
    expect(cursor).toContain(nodes[0]!.startsAt);
    // Every appointment and every patient read is audited.
    const reads = await auditEntries(server.database.db, { practiceId, action: 'READ', entityType: 'Appointment' });
    expect(new Set(reads.map((r) => r.entityId))).toEqual(new Set(nodes.map((n) => n.id)));
  });

  it('refuses a guarded field on the tree as on the mapped path, and hides another practice\'s location', async () => {
    const { location, practiceId } = await world();
    const biller = await server.token(practiceId, [Role.BILLER]);
    const q = 'query DayBiller($l: ID!, $d: LocalDate!) { schedule(locationId: $l, date: $d) { edges { node { id notes } } } }';
    const res = await server.gql(biller, q, { l: location.id, d: '2027-01-12' });
    const single = await server.gql(biller, 'query OneBiller($id: ID!) { appointment(id: $id) { id notes } }', { id: res.data?.schedule?.edges?.[0]?.node?.id ?? '00000000-0000-4000-8000-000000000000' });
    expect(res.errors?.[0]?.extensions.code).toBe(single.errors?.[0]?.extensions.code);
    const other = await world();
    const hidden = await server.gql(other.desk, 'query DayOther($l: ID!, $d: LocalDate!) { schedule(locationId: $l, date: $d) { edges { node { id } } } }', { l: location.id, d: '2027-01-12' });
    expect(hidden.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
