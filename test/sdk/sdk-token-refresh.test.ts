import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, isMedofficeError, MedofficeError, type UnauthenticatedContext } from '@medoffice/sdk';
import { Role } from '../../server/src/graphql/roles.js';
import { signToken } from '../../server/src/graphql/auth.js';
import { createTokenRefresher } from '../../sdk/src/token-refresh.js';
import { createPractice } from '../factories/practice.factory.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

/** A practice with a valid front-desk token and one that expired two hours ago (refused with 401 UNAUTHENTICATED). */
async function practiceTokens() {
  const practiceId = await createPractice(server.database.db);
  const principal = { userId: 'user-refresh', practiceId, roles: [Role.FRONT_DESK] };
  const valid = await signToken(TEST_JWT_SECRET, principal);
  const expired = await signToken(TEST_JWT_SECRET, principal, { expiresIn: '-2h' });
  return { practiceId, valid, expired };
}

/** A fetch that records the bearer token of every GraphQL request. */
function recordingFetch() {
  const sent: (string | null)[] = [];
  const impl: typeof fetch = (input, init) => {
    sent.push(new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? null);
    return fetch(input, init);
  };
  return { sent, impl };
}

const registration = (family: string) => ({ legalName: { given: 'Refresh', family }, dateOfBirth: '1990-02-03', sexAtBirth: 'FEMALE' as const });

describe('onUnauthenticated (against the server)', () => {
  it('refreshes an expired token once, retries the request (a mutation too) and keeps the new token', async () => {
    const { valid, expired } = await practiceTokens();
    const calls: UnauthenticatedContext[] = [];
    const { sent, impl } = recordingFetch();
    const client = createClient({
      url: server.url,
      token: expired,
      fetch: impl,
      retry: false,
      onUnauthenticated: async (context) => {
        calls.push(context);
        return valid;
      },
    });
    // The server refused the expired token before running anything, so the mutation ran once, with the new token.
    const { registerPatient } = await client.registerPatient({ input: registration('Onceonly') });
    expect(registerPatient.patient?.legalName.family).toBe('Onceonly');
    expect(sent).toEqual([expired, valid]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.token).toBe(expired);
    expect(isMedofficeError(calls[0]!.error, 'UNAUTHENTICATED')).toBe(true);
    expect(calls[0]!.error.status).toBe(401);
    const found = await client.patients({ search: { name: 'Refresh Onceonly' } });
    expect(found.patients.totalCount).toBe(1);
    // Later requests carry the new token without asking again.
    expect(sent).toEqual([expired, valid, valid]);
    expect(calls).toHaveLength(1);
  });

  it('rejects with the UNAUTHENTICATED error when the hook gives no token', async () => {
    const { expired } = await practiceTokens();
    let calls = 0;
    const { sent, impl } = recordingFetch();
    const client = createClient({ url: server.url, token: expired, fetch: impl, onUnauthenticated: () => {
        calls++;
        return null;
      },
    });
    const err = await client.patients({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MedofficeError);
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED', kind: 'graphql', status: 401, retryable: false });
    expect(calls).toBe(1);
    expect(sent).toEqual([expired]);
  });

  it('shares one refresh among concurrent requests refused together', async () => {
    const { valid, expired } = await practiceTokens();
    let calls = 0;
    const { sent, impl } = recordingFetch();
    const client = createClient({
      url: server.url,
      token: expired,
      fetch: impl,
      onUnauthenticated: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 300));
        return valid;
      },
    });
    const answers = await Promise.all(Array.from({ length: 6 }, () => client.patients({ first: 1 })));
    expect(answers.every((a) => a.patients.totalCount === 0)).toBe(true);
    expect(calls).toBe(1);
    expect(sent.filter((t) => t === expired)).toHaveLength(6);
    expect(sent.filter((t) => t === valid)).toHaveLength(6);
  });

  it('does not loop: a refused new token rejects after one refresh', async () => {
    const { expired } = await practiceTokens();
    const alsoExpired = (await practiceTokens()).expired;
    let calls = 0;
    const { sent, impl } = recordingFetch();
    const client = createClient({ url: server.url, token: expired, fetch: impl, onUnauthenticated: async () => {
        calls++;
        return alsoExpired;
      },
    });
    const err = await client.registerPatient({ input: registration('Neverrun') }).catch((e: unknown) => e);
    expect(isMedofficeError(err, 'UNAUTHENTICATED')).toBe(true);
    expect(calls).toBe(1);
    expect(sent).toEqual([expired, alsoExpired]);
  });

  it('rejects with a MedofficeError when the hook throws, keeping what it threw as the cause', async () => {
    const { expired } = await practiceTokens();
    const boom = new Error('refresh endpoint down');
    const client = createClient({ url: server.url, token: expired, onUnauthenticated: () => Promise.reject(boom) });
    const err = await client.patients({}).catch((e: unknown) => e);
    expect(isMedofficeError(err, 'UNAUTHENTICATED')).toBe(true);
    expect((err as MedofficeError).cause).toBe(boom);
  });

  it('retries with the returned token when the client asks getToken (which keeps its own state)', async () => {
    const { valid, expired } = await practiceTokens();
    let current = expired;
    const { sent, impl } = recordingFetch();
    const client = createClient({
      url: server.url,
      getToken: () => current,
      fetch: impl,
      onUnauthenticated: () => {
        current = valid;
        return valid;
      },
    });
    await client.patients({});
    await client.patients({});
    expect(sent).toEqual([expired, valid, valid]);
  });

  it('does not call the hook for other errors, and sends nothing more without one', async () => {
    const { valid, expired } = await practiceTokens();
    let calls = 0;
    const client = createClient({ url: server.url, token: valid, onUnauthenticated: () => {
        calls++;
        return valid;
      },
    });
    const notFound = await client.patient({ id: '00000000-0000-4000-8000-000000000000' }).catch((e: unknown) => e);
    expect(isMedofficeError(notFound, 'NOT_FOUND')).toBe(true);
    expect(calls).toBe(0);
    const { sent, impl } = recordingFetch();
    const plain = createClient({ url: server.url, token: expired, fetch: impl });
    expect(isMedofficeError(await plain.patients({}).catch((e: unknown) => e), 'UNAUTHENTICATED')).toBe(true);
    expect(sent).toEqual([expired]);
  });

  it('refuses onUnauthenticated beside client credentials, which refresh themselves', () => {
    expect(() => createClient({ url: server.url, clientCredentials: { clientId: 'c', clientSecret: 's' }, onUnauthenticated: () => null })).toThrow(TypeError);
  });
});

describe('createTokenRefresher', () => {
  const error = new MedofficeError({ code: 'UNAUTHENTICATED', kind: 'graphql', retryable: false, status: 401, message: 'expired' });

  it('gives a token that was already replaced without asking again, and asks again for a newer refused token', async () => {
    let n = 0;
    const refresh = createTokenRefresher(async () => `t${++n}`);
    expect(await refresh('t0', error)).toBe('t1');
    expect(await refresh('t0', error)).toBe('t1'); // a request sent with t0 before the refresh finished
    expect(n).toBe(1);
    expect(await refresh('t1', error)).toBe('t2');
    expect(n).toBe(2);
  });

  it('does not remember a refresh that gave nothing or failed', async () => {
    const answers: (() => Promise<string | null>)[] = [async () => null, () => Promise.reject(new Error('down')), async () => 'fresh'];
    const refresh = createTokenRefresher(() => answers.shift()!());
    expect(await refresh('old', error)).toBeNull();
    await expect(refresh('old', error)).rejects.toThrow('down');
    expect(await refresh('old', error)).toBe('fresh');
  });
});
