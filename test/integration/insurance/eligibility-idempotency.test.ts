import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { eligibilityChecks } from '../../../server/src/db/schema/insurance.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { eligibilityWorld, VERIFY } from './eligibility-setup.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('verifyEligibility idempotency', () => {
  it('a retry with the same key returns the stored check without asking again, even concurrently', async () => {
    const w = await eligibilityWorld(server);
    const coverageId = await w.addCoverage('W8080');
    const input = { coverageId, providerId: w.provider.id, dateOfService: '2026-12-01', idempotencyKey: 'retry-key-0001' };
    const results = await Promise.all(Array.from({ length: 5 }, () => server.gql(w.token, VERIFY, { input })));
    for (const r of results) expect(r.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.verifyEligibility.check.id));
    expect(ids.size).toBe(1);
    const again = await server.gql(w.token, VERIFY, { input });
    expect(again.data!.verifyEligibility.check.id).toBe([...ids][0]);
    expect(await w.db.select().from(eligibilityChecks).where(eq(eligibilityChecks.coverageId, coverageId))).toHaveLength(1);
  });

  it('reusing a key for another inquiry is IDEMPOTENCY_KEY_REUSED; malformed keys are bad input', async () => {
    const w = await eligibilityWorld(server);
    const coverageId = await w.addCoverage('W8081');
    const input = { coverageId, providerId: w.provider.id, dateOfService: '2026-12-01', idempotencyKey: 'retry-key-0002' };
    expect((await server.gql(w.token, VERIFY, { input })).errors).toBeUndefined();
    const other = await server.gql(w.token, VERIFY, { input: { ...input, dateOfService: '2026-12-02' } });
    expect(other.errors![0]!.extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const bad = await server.gql(w.token, VERIFY, { input: { ...input, idempotencyKey: 'short' } });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.idempotencyKey' }] });
    expect(await w.db.select().from(eligibilityChecks).where(eq(eligibilityChecks.coverageId, coverageId))).toHaveLength(1);
  });
});
