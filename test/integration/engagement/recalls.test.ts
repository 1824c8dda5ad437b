import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { recalls } from '../../../server/src/db/schema/engagement.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { createAppointmentType, createProvider, insertAppointment } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const CREATE = /* GraphQL */ `
  mutation CreateRecall($input: CreateRecallInput!) {
    createRecall(input: $input) { recall { id dueDate status reason version originatingAppointmentId } }
  }`;
const DUE = /* GraphQL */ `
  query RecallsDue($locationId: ID!, $before: LocalDate!, $first: Int, $after: String, $statuses: [RecallStatus!]) {
    recallsDue(locationId: $locationId, before: $before, first: $first, after: $after, statuses: $statuses) {
      totalCount edges { node { id dueDate status patient { id mrn } } } pageInfo { hasNextPage endCursor }
    }
  }`;
const UPDATE = /* GraphQL */ `
  mutation UpdateRecall($input: UpdateRecallStatusInput!) { updateRecallStatus(input: $input) { recall { id status version } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

async function setup() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const location = await createLocation(db, practiceId);
  const patient = await insertPatient(db, practiceId);
  const token = await server.token(practiceId, [Role.FRONT_DESK]);
  return { db, practiceId, location, patient, token };
}

describe('recalls', () => {
  it('"see in 6 weeks" counts from the originating visit\'s local date', async () => {
    const { db, practiceId, location, patient, token } = await setup();
    const provider = await createProvider(db, practiceId);
    const type = await createAppointmentType(db, practiceId);
    // 01:30 UTC on Jan 10 is still Jan 9 in New York.
    const visit = await insertAppointment(db, practiceId, { patientId: patient.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id }, new Date('2027-01-10T01:30:00Z'));
    const res = await server.gql(token, CREATE, { input: { patientId: patient.id, providerId: provider.id, locationId: location.id, dueInWeeks: 6, reason: 'Follow-up', originatingAppointmentId: visit.id } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createRecall.recall).toMatchObject({ dueDate: '2027-02-20', status: 'OPEN', version: 1, originatingAppointmentId: visit.id });
  });

  it('lists due recalls oldest first, pages with a bounded number of statements, and works them through', async () => {
    const { location, patient, token } = await setup();
    const dates = ['2027-03-05', '2027-03-01', '2027-03-03', '2027-04-01'];
    for (const dueDate of dates) {
      const r = await server.gql(token, CREATE, { input: { patientId: patient.id, locationId: location.id, dueDate, reason: 'Recall' } });
      expect(r.errors).toBeUndefined();
    }
    const page1 = await server.gql(token, DUE, { locationId: location.id, before: '2027-03-31', first: 2 });
    expect(page1.errors).toBeUndefined();
    expect(page1.data!.recallsDue.totalCount).toBe(3);
    expect(page1.data!.recallsDue.edges.map((e: any) => e.node.dueDate)).toEqual(['2027-03-01', '2027-03-03']);
    expect(page1.data!.recallsDue.edges[0].node.patient.id).toBe(patient.id);
    // location check + page + count + patient batch + audit flush
    expect(page1.extensions!.stats!.sqlStatements).toBeLessThanOrEqual(5);
    const page2 = await server.gql(token, DUE, { locationId: location.id, before: '2027-03-31', first: 2, after: page1.data!.recallsDue.pageInfo.endCursor });
    expect(page2.data!.recallsDue.edges.map((e: any) => e.node.dueDate)).toEqual(['2027-03-05']);
    expect(page2.data!.recallsDue.pageInfo.hasNextPage).toBe(false);

    const first = page1.data!.recallsDue.edges[0].node;
    const done = await server.gql(token, UPDATE, { input: { id: first.id, status: 'DONE', expectedVersion: 1 } });
    expect(done.data!.updateRecallStatus.recall).toEqual({ id: first.id, status: 'DONE', version: 2 });
    const again = await server.gql(token, DUE, { locationId: location.id, before: '2027-03-31' });
    expect(again.data!.recallsDue.totalCount).toBe(2);
    const reopened = await server.gql(token, UPDATE, { input: { id: first.id, status: 'OPEN', expectedVersion: 2 } });
    expect(reopened.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const stale = await server.gql(token, UPDATE, { input: { id: page1.data!.recallsDue.edges[1].node.id, status: 'SCHEDULED', expectedVersion: 5 } });
    expect(stale.errors?.[0]?.extensions.code).toBe('VERSION_CONFLICT');
  });

  it('refuses bad input and other practices\' records without writing anything', async () => {
    const { db, practiceId, location, patient, token } = await setup();
    const other = await createPractice(db);
    const theirLocation = await createLocation(db, other);
    const before = async () => (await db.select({ n: count() }).from(recalls).where(eq(recalls.practiceId, practiceId)))[0]!.n;
    const both = await server.gql(token, CREATE, { input: { patientId: patient.id, locationId: location.id, dueDate: '2027-01-01', dueInWeeks: 2, reason: 'x' } });
    expect(both.errors?.[0]?.extensions.fields).toEqual([{ path: 'input.dueDate', message: 'give exactly one of dueDate or dueInWeeks' }]);
    const blank = await server.gql(token, CREATE, { input: { patientId: patient.id, locationId: location.id, dueInWeeks: 0, reason: ' ' } });
    expect(blank.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const foreign = await server.gql(token, CREATE, { input: { patientId: patient.id, locationId: theirLocation.id, dueInWeeks: 2, reason: 'x' } });
    expect(foreign.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const list = await server.gql(token, DUE, { locationId: theirLocation.id, before: '2027-01-01' });
    expect(list.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(await before()).toBe(0);
    const analyst = await server.gql(await server.token(practiceId, [Role.ANALYST]), DUE, { locationId: location.id, before: '2027-01-01' });
    expect(analyst.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
