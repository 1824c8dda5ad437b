import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

/**
 * The edges of POST /graphql as a client sees them: body reading (charset, BOM, strict JSON, size limit,
 * chunked bodies), the content types and encodings express still reads, ids and answer negotiation.
 * These answers are the same whichever code path (plain listener or express) serves the request.
 */
let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.token(await createPractice(server.database.db), [Role.FRONT_DESK]);
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request with full control of headers and framing (chunks → chunked transfer encoding). */
function raw(opts: { method?: string; path?: string; headers?: Record<string, string>; body?: Buffer | string | (Buffer | string)[] }): Promise<Raw> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const chunked = Array.isArray(opts.body);
    const headers: Record<string, string | number> = { ...opts.headers };
    if (opts.body !== undefined && !chunked) headers['content-length'] = Buffer.byteLength(opts.body as Buffer | string);
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path ?? '/graphql', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    if (chunked) for (const part of opts.body as (Buffer | string)[]) req.write(part);
    else if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}`, ...extra });
const TYPENAME = JSON.stringify({ query: '{ __typename }' });

function expectBadBody(res: Raw, status: number, message: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const requestId = res.headers['x-request-id'];
  expect(requestId).toEqual(expect.any(String));
  expect(JSON.parse(res.text)).toEqual({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', retryable: false, requestId } }] });
}

describe('POST /graphql bodies', () => {
  it.each([
    ['application/json', TYPENAME],
    ['application/json; charset=utf-8', TYPENAME],
    ['Application/JSON; Charset="UTF-8"', TYPENAME],
    ['application/json', `\ufeff${TYPENAME}`],
    ['application/json', `  \r\n\t${TYPENAME}  `],
  ])('reads %j bodies', async (type, body) => {
    const res = await raw({ headers: json({ 'content-type': type }), body });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('reads a chunked body split inside a multi-byte character', async () => {
    const body = Buffer.from(JSON.stringify({ query: '{ __typename }', operationName: null, extensions: { note: 'é' } }));
    const cut = body.indexOf(Buffer.from('é')) + 1;
    const res = await raw({ headers: json(), body: [body.subarray(0, cut), body.subarray(cut)] });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ data: { __typename: 'Query' } });
  });

  it.each([['"just a string"'], ['null'], ['42'], ['{"query": '], ['{ query: "{ __typename }" }']])('refuses %s as not JSON', async (body) => {
    expectBadBody(await raw({ headers: json(), body }), 400, 'The request body is not valid JSON');
  });

  it('refuses a body over 1 MiB, declared or chunked, after reading it off', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1024 * 1024) } });
    expectBadBody(await raw({ headers: json(), body: big }), 413, 'The request body is too large');
    const half = Buffer.from(big).subarray(0, 600_000);
    const rest = Buffer.from(big).subarray(600_000);
    expectBadBody(await raw({ headers: json(), body: [half, rest] }), 413, 'The request body is too large');
    // The connection is still usable afterwards.
    expect((await raw({ headers: json(), body: TYPENAME })).status).toBe(200);
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const shell = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
    const body = shell.replace('"pad":""', `"pad":"${'x'.repeat(1024 * 1024 - shell.length)}"`);
    expect(Buffer.byteLength(body)).toBe(1024 * 1024);
    expect((await raw({ headers: json(), body })).status).toBe(200);
  });

  it('answers an empty JSON body the way Apollo answers {}', async () => {
    const res = await raw({ headers: json(), body: '' });
    expect(res.status).toBe(400);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('still reads gzip bodies, and refuses charsets other than UTF-8', async () => {
    const gz = await raw({ headers: json({ 'content-encoding': 'gzip' }), body: gzipSync(TYPENAME) });
    expect(gz.status).toBe(200);
    expect(JSON.parse(gz.text)).toMatchObject({ data: { __typename: 'Query' } });
    expectBadBody(await raw({ headers: json({ 'content-type': 'application/json; charset=latin1' }), body: TYPENAME }), 415, 'The request body charset is not supported');
  });

  it('blocks a simple (CSRF-able) content type, with our request id', async () => {
    const res = await raw({ headers: json({ 'content-type': 'text/plain' }), body: TYPENAME });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Cross-Site Request Forgery');
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });
});

describe('POST /graphql answers', () => {
  it('negotiates the answer type from accept, echoes a well-formed correlation id and never sets an ETag', async () => {
    const modern = await raw({ headers: json({ accept: 'application/graphql-response+json', 'x-correlation-id': 'corr-id-0001' }), body: TYPENAME });
    expect(modern.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(modern.headers['x-correlation-id']).toBe('corr-id-0001');
    expect(modern.headers['x-request-id']).not.toBe('corr-id-0001');
    expect(modern.headers.etag).toBeUndefined();
    expect(modern.headers['x-powered-by']).toBeUndefined();
    expect(Number(modern.headers['content-length'])).toBe(Buffer.byteLength(modern.text));

    const legacy = await raw({ headers: json({ accept: 'application/json', 'x-request-id': 'bad id with spaces' }), body: TYPENAME });
    expect(legacy.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(legacy.headers['x-correlation-id']).toBeUndefined();
  });

  it('refuses a missing token with 401 and a bad query with 400', async () => {
    const anonymous = await raw({ headers: { 'content-type': 'application/json' }, body: TYPENAME });
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const bad = await raw({ headers: json(), body: JSON.stringify({ query: '{ nope' }) });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('keeps GET queries (with a preflight header) and the query string of a POST', async () => {
    const get = await raw({ method: 'GET', path: '/graphql?query=%7B__typename%7D', headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(JSON.parse(get.text)).toMatchObject({ data: { __typename: 'Query' } });
    const post = await raw({ path: '/graphql?unused=1', headers: json(), body: TYPENAME });
    expect(post.status).toBe(200);
  });
});
