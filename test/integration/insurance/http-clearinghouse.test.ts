import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibilityChecks } from '../../../server/src/db/schema/insurance.js';
import { SimulatedClearinghouse } from '../../../server/src/x12/simulated-clearinghouse.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { eligibilityWorld, VERIFY } from './eligibility-setup.js';

// A loopback clearinghouse: answers like the simulator, hangs, fails or talks garbage on demand.
let mode: 'sim' | 'hang' | 'garbage' | 'down' = 'sim';
let hits = 0;
let lastAuth: string | undefined;
const sim = new SimulatedClearinghouse();
const stub = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', async () => {
    hits++;
    lastAuth = req.headers.authorization;
    if (mode === 'hang') return;
    if (mode === 'down') return void res.writeHead(502).end('bad gateway');
    if (mode === 'garbage') return void res.writeHead(200).end('ISA*this is not*x12~');
    res.writeHead(200, { 'content-type': 'application/edi-x12' }).end(await sim.send270(body));
  });
});

let server: TestServer;
beforeAll(async () => {
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/realtime`;
  server = await startTestServer({
    CLEARINGHOUSE_MODE: 'http', CLEARINGHOUSE_URL: url, CLEARINGHOUSE_USERNAME: 'medoffice', CLEARINGHOUSE_PASSWORD: 'secret',
    CLEARINGHOUSE_TIMEOUT_MS: '300', CLEARINGHOUSE_RETRIES: '1', CLEARINGHOUSE_BACKOFF_MS: '1', CLEARINGHOUSE_BREAKER_THRESHOLD: '4', CLEARINGHOUSE_BREAKER_RESET_MS: '600000',
  });
});
afterAll(() => {
  stub.closeAllConnections();
  return new Promise<void>((r) => stub.close(() => r()));
});

async function verify(memberId = 'W5550001') {
  const w = await eligibilityWorld(server);
  const coverageId = await w.addCoverage(memberId);
  const res = await server.gql(w.token, VERIFY, { input: { coverageId, providerId: w.provider.id, dateOfService: '2026-12-01' } });
  const rows = await w.db.select().from(eligibilityChecks).where(eq(eligibilityChecks.coverageId, coverageId));
  return { res, rows };
}

// Runs in order: the circuit breaker is shared by the server process, as in production.
describe('verifyEligibility through the HTTP clearinghouse client', () => {
  it('sends the 270 with credentials and stores the parsed answer', async () => {
    mode = 'sim';
    const { res, rows } = await verify();
    expect(res.data!.verifyEligibility.check).toMatchObject({ outcome: 'ELIGIBLE', copay: 2500 });
    expect(lastAuth).toBe(`Basic ${Buffer.from('medoffice:secret').toString('base64')}`);
    expect(rows).toHaveLength(1);
  });

  it('a clearinghouse that never answers gives an UNKNOWN check after retrying', async () => {
    mode = 'hang';
    hits = 0;
    const { res, rows } = await verify();
    expect(res.data!.verifyEligibility.check).toMatchObject({ outcome: 'UNKNOWN', reason: 'UPSTREAM_TIMEOUT', respondedAt: null });
    expect(hits).toBe(2);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.raw271).toBeNull();
  });

  it('garbage is stored as UNKNOWN with the raw text kept', async () => {
    mode = 'garbage';
    const { res, rows } = await verify();
    expect(res.data!.verifyEligibility.check).toMatchObject({ outcome: 'UNKNOWN' });
    expect(res.data!.verifyEligibility.check.reason).toMatch(/^MALFORMED_RESPONSE/);
    expect(rows[0]!.raw271).toBe('ISA*this is not*x12~');
  });

  it('after repeated failures the circuit opens: UPSTREAM_UNAVAILABLE, nothing sent, nothing stored', async () => {
    mode = 'down';
    for (let i = 0; i < 2; i++) {
      const { res } = await verify();
      expect(res.data!.verifyEligibility.check).toMatchObject({ outcome: 'UNKNOWN', reason: 'UPSTREAM_ERROR: clearinghouse answered HTTP 502' });
    }
    hits = 0;
    const { res, rows } = await verify();
    expect(res.data).toBeNull();
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect(hits).toBe(0);
    expect(rows).toEqual([]);
  });
});
