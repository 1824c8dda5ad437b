import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { superbillLines, superbills } from '../../../server/src/db/schema/superbills.js';
import { seedDemoPractice } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { LIST, PDF } from './superbill-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('demo superbills', () => {
  it('gives the demo practice a few hundred superbills from completed visits, priced from its charge master, quickly', async () => {
    const db = server.database.db;
    const started = Date.now();
    const { practiceId } = await seedDemoPractice(db, 500, randomUUID());
    const seconds = (Date.now() - started) / 1000;
    const rows = await db.select().from(superbills).where(eq(superbills.practiceId, practiceId));
    expect(rows).toHaveLength(300);
    const by = (s: string) => rows.filter((r) => r.status === s).length;
    expect(by('FINALIZED')).toBeGreaterThan(200);
    expect(by('DRAFT')).toBeGreaterThan(5);
    expect(by('VOIDED')).toBeGreaterThan(2);
    expect(rows.every((r) => r.appointmentId && r.totalChargeCents > 0 && r.copayCollectedCents <= r.totalChargeCents)).toBe(true);
    expect(new Set(rows.map((r) => r.dateOfService.slice(0, 7))).size).toBeGreaterThanOrEqual(4);
    // Each total is the sum of its lines, each line priced (nothing left at 0) and described.
    const lines = await db.select().from(superbillLines).where(and(eq(superbillLines.practiceId, practiceId)));
    for (const r of rows) expect(lines.filter((l) => l.superbillId === r.id).reduce((s, l) => s + l.chargeCents, 0)).toBe(r.totalChargeCents);
    expect(lines.every((l) => l.unitFeeCents > 0 && l.description)).toBe(true);
    console.info(`demo seed with superbills: ${seconds.toFixed(1)} s on ${server.database.engine}`);

    const token = await server.token(practiceId, [Role.BILLER]);
    const page = await server.gql(token, LIST, { first: 50, filter: { status: ['FINALIZED'] } });
    expect(page.errors).toBeUndefined();
    expect(page.data!.superbills.edges).toHaveLength(50);
    expect(page.data!.superbills.edges[0].node.diagnoses[0].description).toBeTruthy();
    const pdf = await server.gql(token, PDF, { id: page.data!.superbills.edges[0].node.id });
    expect(pdf.errors).toBeUndefined();
  });
});
