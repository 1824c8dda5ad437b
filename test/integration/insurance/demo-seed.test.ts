import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverages, payers } from '../../../server/src/db/schema/insurance.js';
import { providers } from '../../../server/src/db/schema/providers.js';
import { seedDemoPractice } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { VERIFY } from './eligibility-setup.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('demo insurance seed', () => {
  it('gives the demo practice payers and coverages that the simulator can verify', async () => {
    const db = server.database.db;
    // Payers and coverages come with the practice shell: no office, visits or billing needed here.
    const { practiceId } = await seedDemoPractice(db, 80, randomUUID(), 'Demo Medical Group', { office: false });
    const payerRows = await db.select().from(payers).where(eq(payers.practiceId, practiceId));
    expect(payerRows.length).toBeGreaterThanOrEqual(6);
    const rows = await db.select().from(coverages).where(eq(coverages.practiceId, practiceId));
    const primaries = rows.filter((r) => r.coverageOrder === 'PRIMARY');
    expect(primaries.length).toBeGreaterThan(50);
    expect(rows.some((r) => r.coverageOrder === 'SECONDARY')).toBe(true);
    expect(new Set(primaries.map((r) => r.patientId)).size).toBe(primaries.length);
    const [provider] = await db.select().from(providers).where(eq(providers.practiceId, practiceId));
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const res = await server.gql(token, VERIFY, { input: { coverageId: primaries.find((r) => /^W\d/.test(r.memberId))!.id, providerId: provider!.id, dateOfService: '2026-12-01' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.verifyEligibility.check.outcome).toBe('ELIGIBLE');
  });
});
