import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';
import { HttpClearinghouse, type HttpClearinghouseOptions } from './http-clearinghouse.js';

// A loopback stub: the path picks the behaviour; every request is recorded.
let mode = 'ok';
const seen: { auth?: string; body: string }[] = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ auth: req.headers.authorization, body });
    if (mode === 'hang') return; // never answers: the client's timeout must fire
    if (mode === 'down') return void res.writeHead(503).end('busy');
    if (mode === 'denied') return void res.writeHead(401).end('no');
    res.writeHead(200, { 'content-type': 'application/edi-x12' }).end(mode === 'garbage' ? '<html>oops</html>' : `271 for ${body}`);
  });
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x12`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const client = (over: Partial<HttpClearinghouseOptions> = {}) =>
  new HttpClearinghouse({ url, username: 'user', password: 'pw', timeoutMs: 200, retries: 2, backoffMs: 1, breakerThreshold: 100, breakerResetMs: 60_000, sleep: async () => {}, ...over });

describe('HttpClearinghouse', () => {
  it('posts the 270 with basic credentials and returns the body', async () => {
    mode = 'ok';
    seen.length = 0;
    expect(await client().send270('ISA...')).toBe('271 for ISA...');
    expect(seen).toEqual([{ auth: `Basic ${Buffer.from('user:pw').toString('base64')}`, body: 'ISA...' }]);
  });

  it('retries a hanging upstream, then fails with TIMEOUT', async () => {
    mode = 'hang';
    seen.length = 0;
    await expect(client().send270('x')).rejects.toMatchObject({ kind: 'TIMEOUT' });
    expect(seen).toHaveLength(3);
  });

  it('retries 5xx answers but not 4xx ones', async () => {
    mode = 'down';
    seen.length = 0;
    await expect(client().send270('x')).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    expect(seen).toHaveLength(3);
    mode = 'denied';
    seen.length = 0;
    await expect(client().send270('x')).rejects.toMatchObject({ kind: 'HTTP_STATUS' });
    expect(seen).toHaveLength(1);
  });

  it('hands garbage back as is (the caller decides it is malformed)', async () => {
    mode = 'garbage';
    expect(await client().send270('x')).toBe('<html>oops</html>');
  });

  it('opens the circuit after repeated failures and sends nothing while open', async () => {
    mode = 'down';
    let now = 0;
    const c = client({ retries: 0, breakerThreshold: 2, breakerResetMs: 1000, now: () => now });
    await expect(c.send270('x')).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    await expect(c.send270('x')).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    seen.length = 0;
    await expect(c.send270('x')).rejects.toMatchObject({ kind: 'CIRCUIT_OPEN' });
    expect(seen).toHaveLength(0);
    now = 1000;
    mode = 'ok';
    expect(await c.send270('y')).toBe('271 for y');
    expect(c.breaker.state).toBe('CLOSED');
  });
});

describe('CircuitBreaker', () => {
  it('lets a single trial through when half-open and reopens on its failure', () => {
    let now = 0;
    const b = new CircuitBreaker(1, 10, () => now);
    b.failure();
    expect(b.tryAcquire()).toBe(false);
    now = 10;
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.failure();
    expect(b.state).toBe('OPEN');
  });
});
