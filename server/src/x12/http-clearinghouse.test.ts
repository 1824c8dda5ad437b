import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';
import { sampleClaim, sampleEnvelope } from './claim-fixture.js';
import { HttpClearinghouse, type HttpClearinghouseOptions } from './http-clearinghouse.js';
import { answer276, answer837 } from './simulated-claims.js';
import { build276 } from './x12-276.js';
import { parse277 } from './x12-277.js';
import { parse277CA } from './x12-277ca.js';
import { build837P } from './x12-837p.js';
import { parse999 } from './x12-999.js';

// A loopback stub: the path picks the behaviour; every request is recorded.
let mode = 'ok';
const seen: { auth?: string; body: string; path?: string }[] = [];
const paths: string[] = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ auth: req.headers.authorization, body });
    paths.push(req.url ?? '');
    if (mode === 'hang') return; // never answers: the client's timeout must fire
    if (mode === 'sim') {
      // Like a clearinghouse: an 837P gets its 999 and 277CA one after the other in one body.
      if (body.includes('ST*837*')) {
        const a = answer837(body);
        return void res.writeHead(200).end(`${a.ack999}\r\n${a.acks277ca ?? ''}`);
      }
      return void res.writeHead(200).end(answer276(body));
    }
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

// Answers must not race the timeout on a busy machine: 5 s by default, 200 ms where a hang is the point.
const client = (over: Partial<HttpClearinghouseOptions> = {}) =>
  new HttpClearinghouse({ url, username: 'user', password: 'pw', timeoutMs: 5000, retries: 2, backoffMs: 1, breakerThreshold: 100, breakerResetMs: 60_000, sleep: async () => {}, ...over });

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
    await expect(client({ timeoutMs: 200 }).send270('x')).rejects.toMatchObject({ kind: 'TIMEOUT' });
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

describe('HttpClearinghouse: claims and claim status', () => {
  const x837 = build837P([sampleClaim(1), sampleClaim(2, { subscriber: { ...sampleClaim().subscriber, memberId: 'REJ2' } })], sampleEnvelope());
  const x276 = build276(sampleClaim(1), { parties: { senderId: 'MEDOFFICE', receiverId: 'SIMCH', usage: 'T' }, submitter: { name: 'Testwood', id: 'MEDOFFICE' }, interchangeControlNumber: 5, traceNumber: 'CS5', at: new Date('2026-12-10T09:00:00Z') });
  const claimsClient = (over: Partial<HttpClearinghouseOptions> = {}) => client({ claimsUrl: `${url}/claims`, claimStatusUrl: `${url}/status`, ...over });

  it('posts an 837P to the claims endpoint and splits the answer into the 999 and the 277CA', async () => {
    mode = 'sim';
    paths.length = 0;
    const answer = await claimsClient().submit837(x837);
    expect(paths).toEqual(['/x12/claims']);
    expect(parse999(answer.ack999!)).toMatchObject({ accepted: true, problems: [] });
    expect(parse277CA(answer.acks277ca!).claims.map((c) => [c.patientAccountNumber, c.outcome])).toEqual([['PA00000001', 'ACCEPTED'], ['PA00000002', 'REJECTED']]);
  });

  it('gives no 277CA when the 999 rejects, and hands garbage back as the 999 for the reader to refuse', async () => {
    mode = 'sim';
    const rejected = await claimsClient().submit837(x837.replace('******CI~', '******QQ~'));
    expect(parse999(rejected.ack999!).accepted).toBe(false);
    expect(rejected.acks277ca).toBeNull();
    mode = 'garbage';
    expect(await claimsClient().submit837(x837)).toEqual({ ack999: '<html>oops</html>', acks277ca: null });
  });

  it('never sends an 837P twice once it may have arrived: a hang or a 5xx is one attempt, flagged maybe delivered', async () => {
    for (const m of ['hang', 'down']) {
      mode = m;
      seen.length = 0;
      await expect(claimsClient({ timeoutMs: 200 }).submit837(x837)).rejects.toMatchObject({ kind: m === 'hang' ? 'TIMEOUT' : 'UNAVAILABLE', mayHaveBeenDelivered: true });
      expect(seen).toHaveLength(1);
    }
    mode = 'denied';
    await expect(claimsClient().submit837(x837)).rejects.toMatchObject({ kind: 'HTTP_STATUS', mayHaveBeenDelivered: false });
  });

  it('retries an 837P only when nothing left (connection refused)', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    let sleeps = 0;
    const c = client({ url: `http://127.0.0.1:${port}/x12`, sleep: async () => void sleeps++ });
    await expect(c.submit837(x837)).rejects.toMatchObject({ kind: 'UNAVAILABLE', mayHaveBeenDelivered: false });
    expect(sleeps).toBe(2);
  });

  it('posts a 276 to the status endpoint and retries it like a 270 (idempotent)', async () => {
    mode = 'sim';
    paths.length = 0;
    const answer = parse277(await claimsClient().send276(x276));
    expect(paths).toEqual(['/x12/status']);
    expect(answer.claims[0]).toMatchObject({ traceNumber: 'CS5', patientAccountNumber: 'PA00000001' });
    mode = 'down';
    seen.length = 0;
    await expect(claimsClient().send276(x276)).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    expect(seen).toHaveLength(3);
  });

  it('shares one circuit breaker across 270, 276 and 837P', async () => {
    mode = 'down';
    const c = claimsClient({ retries: 0, breakerThreshold: 2, breakerResetMs: 1000, now: () => 0 });
    await expect(c.send276(x276)).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    await expect(c.send270('x')).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    seen.length = 0;
    await expect(c.submit837(x837)).rejects.toMatchObject({ kind: 'CIRCUIT_OPEN', mayHaveBeenDelivered: false });
    expect(seen).toHaveLength(0);
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
