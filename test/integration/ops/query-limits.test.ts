import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { type GqlResult, startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  // Small limits so that short, schema-valid operations cross them.
  server = await startTestServer({ MAX_QUERY_DEPTH: '4', MAX_QUERY_ALIASES: '3', MAX_QUERY_COST: '500' });
  const practiceId = await createPractice(server.database.db);
  await insertPatient(server.database.db, practiceId);
  token = await server.token(practiceId, [Role.FRONT_DESK]);
});

function expectRejected(res: GqlResult, limit: 'depth' | 'aliases' | 'cost') {
  expect(res.status).toBe(400);
  expect(res.data).toBeUndefined();
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
  expect(res.errors![0]!.extensions[limit]).toEqual(expect.any(Number));
  expect(res.errors![0]!.extensions.requestId).toEqual(expect.any(String));
  // Rejected before execution: not one SQL statement ran (not even the audit trail).
  expect(res.extensions?.stats?.sqlStatements).toBe(0);
}

describe('query limits over HTTP', () => {
  it('runs an operation within every limit', async () => {
    const res = await server.gql(token, 'query Ok($n: Int!) { a: patients(first: $n) { edges { node { mrn } } } }', { n: 100 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.a.edges).toHaveLength(1);
  });

  it('rejects an operation nested too deeply', async () => {
    expectRejected(await server.gql(token, '{ patients(first: 1) { edges { node { legalName { given } } } } }'), 'depth');
  });

  it('rejects depth hidden in a fragment', async () => {
    expectRejected(await server.gql(token, '{ patients(first: 1) { edges { node { ...Name } } } } fragment Name on Patient { legalName { given } }'), 'depth');
  });

  it('rejects too many aliases', async () => {
    expectRejected(await server.gql(token, '{ a: patients(first: 1) { totalCount } b: patients(first: 1) { totalCount } c: patients(first: 1) { totalCount } d: patients(first: 1) { totalCount } }'), 'aliases');
  });

  it('rejects a cost that comes from a variable', async () => {
    const q = 'query Big($n: Int!) { patients(first: $n) { edges { node { mrn } } } }';
    expectRejected(await server.gql(token, q, { n: 200 }), 'cost');
  });

  it('rejects a cost that comes from a variable default', async () => {
    expectRejected(await server.gql(token, 'query Big($n: Int = 200) { patients(first: $n) { edges { node { mrn } } } }'), 'cost');
  });

  // Authentication now comes first (every request needs a token): an anonymous query is refused
  // with 401 before it is even measured, however large it is.
  it('refuses an anonymous over-limit query at authentication, before measuring it', async () => {
    const res = await server.gql(null, 'query Big($n: Int!) { patients(first: $n) { edges { node { mrn } } } }', { n: 200 });
    expect(res.status).toBe(401);
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });
});
