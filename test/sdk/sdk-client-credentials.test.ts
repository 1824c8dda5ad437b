import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, isMedofficeError, tokenUrlOf } from '@medoffice/sdk';
import { Role } from '../../server/src/graphql/roles.js';
import { Scope } from '../../server/src/graphql/scopes.js';
import { createTokenSource } from '../../sdk/src/client-credentials.js';
import { insertPatient } from '../factories/patient.factory.js';
import { createPractice } from '../factories/practice.factory.js';
import { insertClient } from '../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

/** A fetch that counts token requests and GraphQL requests. */
function countingFetch() {
  const counts = { token: 0, graphql: 0 };
  const impl: typeof fetch = (input, init) => {
    if (String(input).endsWith('/oauth/token')) counts.token++;
    else counts.graphql++;
    return fetch(input, init);
  };
  return { counts, impl };
}

describe('SDK with client credentials (against the server)', () => {
  it('fetches one token for many concurrent calls and reaches what its scopes allow', async () => {
    const practiceId = await createPractice(server.database.db);
    const patient = await insertPatient(server.database.db, practiceId);
    const creds = await insertClient(server.database.db, practiceId, [Scope.PATIENTS_READ_DEMOGRAPHICS]);
    const { counts, impl } = countingFetch();
    const client = createClient({ url: server.url, clientCredentials: { clientId: creds.clientId, clientSecret: creds.clientSecret }, fetch: impl, retry: false });
    const answers = await Promise.all(Array.from({ length: 8 }, () => client.patientDemographics({ id: patient.id })));
    expect(answers.every((a) => a.patient.id === patient.id)).toBe(true);
    expect(counts).toEqual({ token: 1, graphql: 8 });
    // The staff view asks for contacts too: refused field by field for this scope.
    expect(isMedofficeError(await client.patient({ id: patient.id }).catch((e) => e), 'FORBIDDEN')).toBe(true);
    expect(counts.token).toBe(1);
  });

  it('asks for a narrower scope when told to, and reports refused credentials as UNAUTHENTICATED', async () => {
    const practiceId = await createPractice(server.database.db);
    const patient = await insertPatient(server.database.db, practiceId);
    const creds = await insertClient(server.database.db, practiceId, [Scope.PATIENTS_READ_DEMOGRAPHICS, Scope.SCHEDULING_READ]);
    const narrow = createClient({ url: server.url, clientCredentials: { ...creds, scope: [Scope.SCHEDULING_READ] }, retry: false });
    const denied = await narrow.patientDemographics({ id: patient.id }).catch((e) => e);
    expect(isMedofficeError(denied, 'FORBIDDEN')).toBe(true);
    const wrong = createClient({ url: server.url, clientCredentials: { clientId: creds.clientId, clientSecret: 'pcs_wrong' }, retry: false });
    const err = await wrong.patientDemographics({ id: patient.id }).catch((e) => e);
    expect(isMedofficeError(err, 'UNAUTHENTICATED')).toBe(true);
    expect(err.retryable).toBe(false);
  });

  it('a revoked client gets UNAUTHENTICATED after one token refresh attempt', async () => {
    const practiceId = await createPractice(server.database.db);
    const creds = await insertClient(server.database.db, practiceId, [Scope.BILLING_READ]);
    const { counts, impl } = countingFetch();
    const client = createClient({ url: server.url, clientCredentials: creds, fetch: impl, retry: false });
    await client.payers({});
    const admin = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
    const revoked = await server.gql(admin, 'mutation($i: PartnerClientRefInput!) { revokePartnerClient(input: $i) { client { id } } }', { i: { id: creds.id, expectedVersion: 1 } });
    expect(revoked.errors).toBeUndefined();
    const err = await client.payers({}).catch((e) => e);
    expect(isMedofficeError(err, 'UNAUTHENTICATED')).toBe(true);
    expect(counts.token).toBe(2);
  });

  it('derives the token endpoint from the GraphQL url', () => {
    expect(tokenUrlOf('https://api.example.test/graphql')).toBe('https://api.example.test/oauth/token');
    expect(tokenUrlOf('https://api.example.test/medoffice/graphql?x=1')).toBe('https://api.example.test/medoffice/oauth/token');
    expect(tokenUrlOf('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000/oauth/token');
  });
});

describe('token source (fake endpoint and clock)', () => {
  function fakeEndpoint(expiresIn = 900) {
    let issued = 0;
    const impl = (async () => {
      issued++;
      await new Promise((r) => setTimeout(r, 5));
      return new Response(JSON.stringify({ access_token: `t${issued}`, token_type: 'Bearer', expires_in: expiresIn }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    return { impl, issued: () => issued };
  }

  it('refreshes shortly before expiry, not after', async () => {
    let clock = 1_000_000;
    const ep = fakeEndpoint(900);
    const source = createTokenSource({ clientId: 'c', clientSecret: 's', graphqlUrl: 'http://x.test/graphql', fetch: ep.impl, now: () => clock });
    expect(await source.getToken()).toBe('t1');
    clock += 839_000; // 61 s before expiry: still the cached token
    expect(await source.getToken()).toBe('t1');
    clock += 2_000; // 59 s before expiry: refreshed
    expect(await source.getToken()).toBe('t2');
    expect(ep.issued()).toBe(2);
  });

  it('shares one request among concurrent callers and fetches again after invalidate', async () => {
    const ep = fakeEndpoint();
    const source = createTokenSource({ clientId: 'c', clientSecret: 's', graphqlUrl: 'http://x.test/graphql', fetch: ep.impl });
    expect(new Set(await Promise.all(Array.from({ length: 20 }, () => source.getToken())))).toEqual(new Set(['t1']));
    source.invalidate('t0'); // a stale token does not drop the current one
    expect(await source.getToken()).toBe('t1');
    source.invalidate('t1');
    expect(await source.getToken()).toBe('t2');
  });

  it('retries a request once with a fresh token when the server answers 401', async () => {
    let tokens = 0;
    const seen: string[] = [];
    const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/oauth/token')) return Response.json({ access_token: `t${++tokens}`, token_type: 'Bearer', expires_in: 900 });
      const auth = new Headers(init?.headers).get('authorization')!;
      seen.push(auth);
      if (auth === 'Bearer t1') return Response.json({ errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] }, { status: 401 });
      return Response.json({ data: { payers: [] } });
    }) as typeof fetch;
    const client = createClient({ url: 'http://x.test/graphql', clientCredentials: { clientId: 'c', clientSecret: 's' }, fetch: impl, retry: false });
    expect(await client.payers({})).toEqual({ payers: [] });
    expect(seen).toEqual(['Bearer t1', 'Bearer t2']);
  });
});
