import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type MedofficeClient, MedofficeError, type RegisterPatientInput } from '@medoffice/sdk';

/** What the stub does with the next requests, in order; `ok` for everything after the script. */
type Step = '503' | 'drop' | 'hang' | 'rate-limited' | 'bad-input' | 'ok';

let script: Step[] = [];
let received: { operationName: string; requestId: string | undefined; authorization: string | undefined }[] = [];
let stub: http.Server;
let url: string;
let client: MedofficeClient;
let onRequest = () => {};

const OK: Record<string, unknown> = {
  patients: { patients: { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 } },
  registerPatient: { registerPatient: { patient: null, likelyDuplicates: [] } },
};

const graphqlError = (code: string, retryable: boolean) => ({ errors: [{ message: `stub ${code}`, extensions: { code, retryable, requestId: 'stub' } }], data: null });

beforeAll(async () => {
  stub = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { operationName } = JSON.parse(body);
      received.push({ operationName, requestId: req.headers['x-request-id'] as string | undefined, authorization: req.headers.authorization });
      const step = script.shift() ?? 'ok';
      onRequest();
      if (step === 'hang') return;
      if (step === 'drop') return void req.socket.destroy();
      if (step === '503') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('upstream busy');
      const json = step === 'rate-limited' ? graphqlError('RATE_LIMITED', true) : step === 'bad-input' ? graphqlError('BAD_USER_INPUT', false) : { data: OK[operationName] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/graphql`;
  let tokens = 0;
  client = createClient({ url, getToken: () => `token-${++tokens}`, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } });
});
afterAll(() => {
  stub.closeAllConnections();
  return new Promise<void>((resolve) => stub.close(() => resolve()));
});
beforeEach(() => {
  script = [];
  onRequest = () => {};
  received = [];
});

const input: RegisterPatientInput = { legalName: { given: 'Stubgiven', family: 'Stubfamily' }, dateOfBirth: '1990-01-01', sexAtBirth: 'UNKNOWN' };

describe('SDK retries', () => {
  it('retries a query after two 503s, with the same request id and a fresh token each attempt', async () => {
    script = ['503', '503'];
    const res = await client.patients({ first: 5 });
    expect(res.patients.totalCount).toBe(0);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.requestId)).size).toBe(1);
    expect(received[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(received.map((r) => r.authorization)).size).toBe(3);
  });

  it('does not retry a mutation without an idempotencyKey', async () => {
    script = ['503', '503'];
    const error = await client.registerPatient({ input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MedofficeError);
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', kind: 'http', status: 503, retryable: true });
    expect(received).toHaveLength(1);
  });

  it('retries a mutation whose input carries an idempotencyKey', async () => {
    script = ['503', '503'];
    // No published mutation takes a key yet: the cast stands in for one that does.
    await client.registerPatient({ input: { ...input, idempotencyKey: 'stub-key-1' } as RegisterPatientInput });
    expect(received.map((r) => r.operationName)).toEqual(['registerPatient', 'registerPatient', 'registerPatient']);
  });

  it('retries a query after a dropped connection and after an error the server marks retryable', async () => {
    script = ['drop', 'rate-limited'];
    await client.patients();
    expect(received).toHaveLength(3);
  });

  it('never retries an error that is not retryable', async () => {
    script = ['bad-input'];
    await expect(client.patients()).rejects.toMatchObject({ code: 'BAD_USER_INPUT', kind: 'graphql', retryable: false, requestId: 'stub' });
    expect(received).toHaveLength(1);
  });

  it('gives up after the configured number of retries with the last error', async () => {
    script = ['503', '503', '503', '503', '503'];
    await expect(client.patients()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(received).toHaveLength(4);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = createClient({ url: `http://127.0.0.1:${port}/graphql`, retry: false });
    await expect(offline.patients()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', kind: 'network', retryable: true });
  });

  it('retries a query whose attempt timed out', async () => {
    const impatient = createClient({ url, timeoutMs: 1000, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    script = ['hang'];
    const res = await impatient.patients();
    expect(res.patients.edges).toEqual([]);
    expect(received).toHaveLength(2);
  });

  it('stops retrying when the caller aborts, rejecting with a MedofficeError of kind aborted that carries the reason', async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    script = ['503', '503'];
    onRequest = () => controller.abort(reason);
    await expect(client.patients({}, { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted', retryable: false, cause: reason });
    expect(received).toHaveLength(1);
  });

  it('sends nothing for a signal aborted before the call, not even a mutation', async () => {
    const signal = AbortSignal.abort(new Error('already gone'));
    const error = await client.registerPatient({ input: { legalName: { given: 'A', family: 'B' }, dateOfBirth: '1980-01-01', sexAtBirth: 'FEMALE' } }, { signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MedofficeError);
    expect(error).toMatchObject({ kind: 'aborted', code: 'SERVICE_UNAVAILABLE', retryable: false });
    expect(received).toHaveLength(0);
  });
});
