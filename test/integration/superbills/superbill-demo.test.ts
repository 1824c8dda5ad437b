import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appointments } from '../../../server/src/db/schema/scheduling.js';
import { superbillLines, superbills } from '../../../server/src/db/schema/superbills.js';
import { DEMO_PRACTICE_ID, seedDemoPractice } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { DEMO_HOOK_TIMEOUT } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { LIST, PDF } from './superbill-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { demo: true });
}, DEMO_HOOK_TIMEOUT);

describe('demo superbills', () => {
  // Seed times are printed, never asserted: the full seed's by test/helpers/demo-db.ts when the run's demo is built.
  it('a practice seeded without the office has no superbills', async () => {
    const db = server.database.db;
    const started = Date.now();
    const { practiceId } = await seedDemoPractice(db, 500, randomUUID(), 'Demo Medical Group', { office: false });
    console.info(`demo seed without the office ${((Date.now() - started) / 1000).toFixed(1)} s on ${server.database.engine}`);
    expect(await db.$count(superbills, eq(superbills.practiceId, practiceId))).toBe(0);
  });

  it('gives the demo practice a superbill for every completed visit (a few hundred), priced from its charge master', () => check(DEMO_PRACTICE_ID));
});

async function check(practiceId: string) {
  {
    const db = server.database.db;
    const rows = await db.select().from(superbills).where(eq(superbills.practiceId, practiceId));
    const completed = await db.select({ id: appointments.id }).from(appointments).where(and(eq(appointments.practiceId, practiceId), eq(appointments.status, 'COMPLETED')));
    // Every completed visit is billed: the office's last four weeks and 240 older ones.
    expect(rows.length).toBe(completed.length);
    expect(rows.length).toBeGreaterThan(240);
    expect(new Set(rows.map((r) => r.appointmentId)).size).toBe(rows.length);
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

    const token = await server.token(practiceId, [Role.BILLER]);
    const page = await server.gql(token, LIST, { first: 50, filter: { status: ['FINALIZED'] } });
    expect(page.errors).toBeUndefined();
    expect(page.data!.superbills.edges).toHaveLength(50);
    expect(page.data!.superbills.edges[0].node.diagnoses[0].description).toBeTruthy();
    const pdf = await server.gql(token, PDF, { id: page.data!.superbills.edges[0].node.id });
    expect(pdf.errors).toBeUndefined();
  }
}
