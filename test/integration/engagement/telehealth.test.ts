import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { telehealthLinks } from '../../../server/src/db/schema/engagement.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { createAppointmentType, createProvider, insertAppointment } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const JOIN = /* GraphQL */ `query Join($id: ID!) { telehealthJoinUrl(appointmentId: $id) { appointmentId url } }`;
const BASE = 'https://telehealth.example.test/join';

let server: TestServer;
let unconfigured: TestServer;
beforeAll(async () => {
  server = await startTestServer({ TELEHEALTH_BASE_URL: `${BASE}/` });
  unconfigured = await startTestServer({}, { database: server.database });
});

async function visit(modality: 'TELEHEALTH' | 'IN_PERSON', status = 'BOOKED') {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const location = await createLocation(db, practiceId);
  const refs = { patientId: (await insertPatient(db, practiceId)).id, providerId: (await createProvider(db, practiceId)).id, locationId: location.id, appointmentTypeId: (await createAppointmentType(db, practiceId)).id };
  const appt = await insertAppointment(db, practiceId, refs, new Date('2027-05-01T14:00:00Z'), { modality, status, placeOfServiceCode: modality === 'TELEHEALTH' ? '10' : '11' });
  return { practiceId, appt, token: await server.token(practiceId, [Role.FRONT_DESK]) };
}

describe('telehealthJoinUrl', () => {
  it('builds a stable link from the base URL and an unguessable token that is not the id', async () => {
    const { appt, token } = await visit('TELEHEALTH');
    const [a, b] = await Promise.all([server.gql(token, JOIN, { id: appt.id }), server.gql(token, JOIN, { id: appt.id })]);
    expect(a.errors).toBeUndefined();
    const url: string = a.data!.telehealthJoinUrl.url;
    expect(b.data!.telehealthJoinUrl.url).toBe(url);
    expect(url.startsWith(`${BASE}/`)).toBe(true);
    const secret = url.slice(BASE.length + 1);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url).not.toContain(appt.id);
    const rows = await server.database.db.select().from(telehealthLinks).where(eq(telehealthLinks.appointmentId, appt.id));
    expect(rows.map((r) => r.token)).toEqual([secret]);
    const other = await visit('TELEHEALTH');
    expect((await server.gql(other.token, JOIN, { id: other.appt.id })).data!.telehealthJoinUrl.url).not.toBe(url);
  });

  it('refuses in-person and cancelled visits, other practices and unconfigured servers', async () => {
    const inPerson = await visit('IN_PERSON');
    expect((await server.gql(inPerson.token, JOIN, { id: inPerson.appt.id })).errors?.[0]?.extensions.fields).toEqual([{ path: 'appointmentId', message: 'is not a telehealth visit' }]);
    const cancelled = await visit('TELEHEALTH', 'CANCELLED');
    expect((await server.gql(cancelled.token, JOIN, { id: cancelled.appt.id })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const theirs = await visit('TELEHEALTH');
    expect((await server.gql(inPerson.token, JOIN, { id: theirs.appt.id })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(inPerson.token, JOIN, { id: 'nope' })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const off = await unconfigured.gql(theirs.token, JOIN, { id: theirs.appt.id });
    expect(off.errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    const rows = await server.database.db.select().from(telehealthLinks).where(eq(telehealthLinks.appointmentId, theirs.appt.id));
    expect(rows).toHaveLength(0);
    const analyst = await server.gql(await server.token(theirs.practiceId, [Role.ANALYST]), JOIN, { id: theirs.appt.id });
    expect(analyst.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
