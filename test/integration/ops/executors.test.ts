import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { busyDay } from '../../factories/scheduling.factory.js';
import { type GqlResult, startTestServer, type TestServer } from '../../helpers/test-server.js';

// Reads run compiled by graphql-jit unless GRAPHQL_EXECUTOR=graphql-js. The same operations against
// both executors, on one database, must give the same data, the same errors and the same SQL counts.
let jit: TestServer;
let js: TestServer;
beforeAll(async () => {
  jit = await startTestServer();
  js = await startTestServer({ GRAPHQL_EXECUTOR: 'graphql-js' }, { database: jit.database });
});

const DAY = `query Day($l: ID!, $d: LocalDate!, $first: Int) {
  schedule(locationId: $l, date: $d, first: $first) {
    edges { cursor node { ...A later: endsAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }
  fragment A on Appointment { id startsAt status modality checkIn { arrivedAt }
    patient { id mrn dateOfBirth legalName { given family } phones { number } notes }
    provider { id familyName } appointmentType { name durationMinutes } expectedCopay }`;

/** The answer without what legitimately differs between two requests (request ids). */
function comparable(res: GqlResult) {
  return {
    data: res.data ?? null,
    errors: res.errors?.map(({ extensions: { requestId: _r, ...ext }, ...e }) => ({ ...e, extensions: ext })),
    sql: res.extensions?.stats?.sqlStatements,
  };
}

async function both(token: string, query: string, variables: Record<string, unknown>) {
  const [a, b] = [await jit.gql(token, query, variables), await js.gql(token, query, variables)];
  expect(comparable(a)).toEqual(comparable(b));
  return a;
}

describe('graphql-jit and graphql-js executors', () => {
  it('answer a day view identically, with fragments, aliases and field-level role rules', async () => {
    const { practiceId, location } = await busyDay(jit.database.db, 7);
    const desk = await jit.token(practiceId, [Role.FRONT_DESK], 'desk-exec');
    const partner = await jit.token(practiceId, [Role.PARTNER], 'partner-exec');
    const day = await both(desk, DAY, { l: location.id, d: '2027-01-12', first: 5 });
    expect(day.data!.schedule.edges).toHaveLength(5);
    // PARTNER may read the day's patients but not their notes: a field error, the rest answered.
    const denied = await both(partner, DAY, { l: location.id, d: '2027-01-12', first: 2 });
    expect(denied.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('give the same errors for missing records and bad variables', async () => {
    const { practiceId } = await busyDay(jit.database.db, 1);
    const desk = await jit.token(practiceId, [Role.FRONT_DESK], 'desk-exec');
    const missing = await both(desk, DAY, { l: '00000000-0000-4000-8000-0000000000aa', d: '2027-01-12' });
    expect(missing.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const badDate = await both(desk, DAY, { l: '00000000-0000-4000-8000-0000000000aa', d: '2027-02-31' });
    expect(badDate.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const badPage = await both(desk, DAY, { l: '00000000-0000-4000-8000-0000000000aa', d: '2027-01-12', first: 0 });
    expect(badPage.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('run operations with input objects, and mutations, with the input fields\' defaults applied', async () => {
    const { practiceId } = await busyDay(jit.database.db, 2);
    const desk = await jit.token(practiceId, [Role.FRONT_DESK], 'desk-exec');
    const SEARCH = 'query S($search: PatientSearchInput) { patients(search: $search, first: 5) { edges { node { mrn } } totalCount } }';
    const found = await both(desk, SEARCH, { search: {} });
    expect(found.data!.patients.totalCount).toBe(2);
    const RULE = 'mutation R($input: CreateAppointmentTypeInput!) { createAppointmentType(input: $input) { appointmentType { id } } }';
    const admin = await jit.token(practiceId, [Role.PRACTICE_ADMIN], 'admin-exec');
    for (const server of [jit, js]) {
      const created = await server.gql(admin, RULE, { input: { name: `Exec visit ${server === jit ? 'jit' : 'js'}`, durationMinutes: 20, modality: 'BOTH' } });
      expect(created.errors).toBeUndefined();
    }
  });
});

describe('operation selection', () => {
  // graphql-jit was handed no operation and failed with HTTP 500; graphql-js answers 400.
  it.each([
    ['an operationName the document lacks', '{"query":"query A { __typename }","operationName":"B"}'],
    ['two operations and no operationName', '{"query":"query A { __typename } query B { __typename }"}'],
  ])('%s is a validation error with HTTP 400 on both executors', async (_what, body) => {
    const { practiceId } = await busyDay(jit.database.db, 1);
    const token = await jit.token(practiceId, [Role.FRONT_DESK]);
    for (const server of [jit, js]) {
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      const json = (await res.json()) as GqlResult;
      expect(res.status).toBe(400);
      expect(json.data ?? null).toBeNull();
      expect(json.errors?.map((e) => e.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });
});
