import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../../server/src/db/schema/claims.js';
import { seedDemoPractice } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { LIST_CLAIMS, QUEUE } from './claim-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('demo claims', () => {
  it('bills the newest finalized superbills: DRAFT not yet scrubbed, READY after a clean scrub, DRAFT after a failed one', async () => {
    const db = server.database.db;
    const started = Date.now();
    const { practiceId } = await seedDemoPractice(db, 500, randomUUID());
    console.info(`demo seed with claims: ${((Date.now() - started) / 1000).toFixed(1)} s on ${server.database.engine}`);
    const rows = await db.select().from(claims).where(eq(claims.practiceId, practiceId));
    expect(rows.length).toBeGreaterThan(30);
    const ready = rows.filter((r) => r.status === 'READY');
    const failed = rows.filter((r) => r.status === 'DRAFT' && r.lastScrub);
    const unscrubbed = rows.filter((r) => r.status === 'DRAFT' && !r.lastScrub);
    expect(ready.length).toBeGreaterThan(10);
    expect(failed.length).toBeGreaterThan(2);
    expect(unscrubbed.length).toBeGreaterThan(5);
    expect(ready.every((r) => r.lastScrub!.clean && r.lastScrub!.findings.every((f) => f.severity === 'WARNING'))).toBe(true);
    expect(failed.every((r) => r.lastScrub!.findings.some((f) => f.code === 'MEMBER_ID_INVALID'))).toBe(true);
    expect(rows.every((r) => r.frequencyCode === '1' && r.totalChargeCents === r.snapshot.totalChargeCents && r.totalChargeCents > 0)).toBe(true);

    const token = await server.token(practiceId, [Role.BILLER]);
    const page = await server.gql(token, LIST_CLAIMS, { first: 50, filter: { status: ['READY'] } });
    expect(page.errors).toBeUndefined();
    expect(page.data!.claims.totalCount).toBe(ready.length);
    const queue = await server.gql(token, QUEUE, { first: 50 });
    expect(queue.errors).toBeUndefined();
  }, 180_000);
});
