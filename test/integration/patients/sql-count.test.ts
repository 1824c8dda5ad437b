import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { auditCount } from '../../helpers/patient-ops.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

// Every Patient field, nested objects included, so a field that starts loading per row shows up here.
const LIST = /* GraphQL */ `
  query List($first: Int, $search: PatientSearchInput) {
    patients(first: $first, search: $search) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        id mrn legalName { given middle family } preferredName dateOfBirth sexAtBirth genderIdentity
        phones { kind number primary } email address { line1 line2 city state postalCode country }
        preferredLanguage emergencyContacts { name relationship phone } consents { sms email voicemail portal }
        status notes version createdAt updatedAt
      } }
    }
  }`;

async function practiceWith(n: number) {
  const practiceId = await createPractice(server.database.db);
  for (let i = 0; i < n; i++) {
    await insertPatient(server.database.db, practiceId, { familyName: `Countfamily${i}`, emergencyContacts: [{ name: 'Synthetic Contact', relationship: 'friend', phone: '+12125550111' }] });
  }
  const token = await server.token(practiceId, [Role.FRONT_DESK]);
  // Authentication looks a new practice up once and remembers it; count the steady state, not that lookup.
  expect((await server.gql(token, '{ __typename }')).errors).toBeUndefined();
  return { practiceId, token };
}

describe('listing patients issues a fixed number of SQL statements', () => {
  // 1 compiled page statement (the count, totalCount, inside it) + 1 audit flush of all the page's reads.
  // (Before the selection compiler: page, count and audit flush, 3.)
  const EXPECTED = 2;

  it(`5 rows and 50 rows both take exactly ${EXPECTED} statements, and each row is audited`, async () => {
    for (const n of [5, 50]) {
      const { practiceId, token } = await practiceWith(n);
      const res = await server.gql(token, LIST, { first: 50 });
      expect(res.errors).toBeUndefined();
      expect(res.data!.patients.edges).toHaveLength(n);
      expect(res.extensions?.stats?.sqlStatements, `${n} rows`).toBe(EXPECTED);
      // n Patient reads + the search itself.
      expect(await auditCount(server.database.db, practiceId)).toBe(n + 1);
    }
  });

  it('a name search is the same: ranked page, count, audit flush', async () => {
    const { token } = await practiceWith(50);
    const res = await server.gql(token, LIST, { first: 50, search: { name: 'countfamily' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.patients.edges.length).toBeGreaterThan(5);
    expect(res.extensions?.stats?.sqlStatements).toBe(EXPECTED);
  });

  it('without totalCount no count is made, and the page is still one statement', async () => {
    const { token } = await practiceWith(5);
    const res = await server.gql(token, `query { patients(first: 50) { edges { node { id } } } }`);
    expect(res.extensions?.stats?.sqlStatements).toBe(EXPECTED);
  });

  it('only totalCount: one count statement and no rows fetched, but the search itself is recorded', async () => {
    const { practiceId, token } = await practiceWith(5);
    const res = await server.gql(token, `query { patients { totalCount } }`);
    expect(res.data!.patients.totalCount).toBe(5);
    // The count + the audit flush of the search.
    expect(res.extensions?.stats?.sqlStatements).toBe(2);
    expect(await auditCount(server.database.db, practiceId)).toBe(1);
  });

  it('reading one patient twice in a request (aliases) is one query and one audit event', async () => {
    const { practiceId, token } = await practiceWith(1);
    const list = await server.gql(token, `query { patients { edges { node { id } } } }`);
    const id = list.data!.patients.edges[0].node.id;
    const before = await auditCount(server.database.db, practiceId);
    const res = await server.gql(token, `query Twice($id: ID!) { a: patient(id: $id) { id } b: patient(id: $id) { mrn } }`, { id });
    expect(res.errors).toBeUndefined();
    // 1 batched select by id (DataLoader) + 1 audit flush.
    expect(res.extensions?.stats?.sqlStatements).toBe(2);
    expect(await auditCount(server.database.db, practiceId)).toBe(before + 1);
  });
});
