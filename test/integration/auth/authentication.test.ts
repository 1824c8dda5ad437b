import { createHmac, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../server/src/graphql/auth.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { createPractice } from '../../factories/practice.factory.js';
import { GET_PATIENT, REGISTER, SEARCH } from '../../helpers/patient-ops.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../../helpers/test-server.js';
import { patientInput } from '../../factories/patient.factory.js';

let server: TestServer;
let practiceId: string;
beforeAll(async () => {
  server = await startTestServer();
  practiceId = await createPractice(server.database.db);
});

/** An HS256 token with arbitrary claims, signed with the test secret (to forge claims the server must refuse). */
function hs256(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}`;
  return `${body}.${createHmac('sha256', TEST_JWT_SECRET).update(body).digest('base64url')}`;
}

describe('authentication', () => {
  // Was HTTP 200 with UNAUTHENTICATED in the body while a bad token got 401: now both are 401.
  it('a request without a token gets HTTP 401 UNAUTHENTICATED on every root field, and no data', async () => {
    for (const [doc, vars] of [[GET_PATIENT, { id: '00000000-0000-4000-8000-000000000000' }], [SEARCH, {}], [REGISTER, { input: patientInput() }]] as const) {
      const res = await server.gql(null, doc, vars);
      expect(res.status).toBe(401);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('the forging helper makes tokens the server accepts when the claims are right', async () => {
    const res = await server.gql(hs256({ sub: 'u1', practice_id: practiceId, roles: ['FRONT_DESK'] }), SEARCH, {});
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });

  const badTokens: [string, () => Promise<string>][] = [
    ['garbage', async () => 'not.a.jwt'],
    ['expired', () => signToken(TEST_JWT_SECRET, { userId: 'u1', practiceId: '00000000-0000-4000-8000-000000000001', roles: [Role.FRONT_DESK] }, { expiresIn: '-1m' })],
    ['signed with another key', () => signToken('another-secret-another-secret-0123456789', { userId: 'u1', practiceId: '00000000-0000-4000-8000-000000000001', roles: [Role.FRONT_DESK] })],
    ['alg none', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u1"}').toString('base64url')}.`],
    ['without a practice', async () => hs256({ sub: 'u1', roles: ['FRONT_DESK'] })],
    ['with an unknown role', async () => hs256({ sub: 'u1', practice_id: '00000000-0000-4000-8000-000000000001', roles: ['SUPERUSER'] })],
    ['never expiring (no exp)', async () => hs256({ sub: 'u1', practice_id: practiceId, roles: ['FRONT_DESK'], exp: undefined })],
    ['issued in the future', async () => hs256({ sub: 'u1', practice_id: practiceId, roles: ['FRONT_DESK'], iat: Math.floor(Date.now() / 1000) + 600 })],
    ['living longer than 12 h', () => signToken(TEST_JWT_SECRET, { userId: 'u1', practiceId, roles: [Role.FRONT_DESK] }, { expiresIn: '7d' })],
    ['naming a practice that does not exist', () => signToken(TEST_JWT_SECRET, { userId: 'u1', practiceId: randomUUID(), roles: [Role.FRONT_DESK] })],
  ];
  for (const [what, make] of badTokens) {
    it(`a ${what} token gets HTTP 401 UNAUTHENTICATED`, async () => {
      const res = await server.gql(await make(), GET_PATIENT, { id: '00000000-0000-4000-8000-000000000000' });
      expect(res.status).toBe(401);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    });
  }

  it('a malformed Authorization header gets HTTP 401', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify({ query: SEARCH }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a token naming a practice that does not exist cannot write either (was INTERNAL_SERVER_ERROR from a foreign key)', async () => {
    const token = await signToken(TEST_JWT_SECRET, { userId: 'u1', practiceId: randomUUID(), roles: [Role.FRONT_DESK] });
    for (let i = 0; i < 2; i++) {
      // The second answer comes from the remembered lookup: the same refusal.
      const res = await server.gql(token, REGISTER, { input: patientInput() });
      expect(res.status).toBe(401);
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('a valid token works (the failures above are about the token)', async () => {
    const res = await server.gql(await server.token(practiceId, [Role.FRONT_DESK]), SEARCH, {});
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });
});

describe('introspection', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';

  it('needs a valid token (INTROSPECTION=authenticated, the default)', async () => {
    const anonymous = await server.gql(null, INTROSPECT);
    expect(anonymous.status).toBe(401);
    expect(anonymous.data ?? null).toBeNull();
    const res = await server.gql(await server.token(practiceId, [Role.ANALYST]), INTROSPECT);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('is refused even with a token when INTROSPECTION=off', async () => {
    const off = await startTestServer({ INTROSPECTION: 'off' }, { database: server.database });
    const res = await off.gql(await off.token(practiceId, [Role.PRACTICE_ADMIN]), INTROSPECT);
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
