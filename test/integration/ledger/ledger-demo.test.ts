import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { superbillLines, superbills } from '../../../server/src/db/schema/superbills.js';
import { seedDemoLedger } from '../../../server/src/demo/seed-ledger.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { DEMO_HOOK_TIMEOUT } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { demo: true });
}, DEMO_HOOK_TIMEOUT);

describe('demo ledger', () => {
  it('charges the lines of the newest finalized superbills and records each copay, once, so patients show balances', async () => {
    const db = server.database.db;
    const practiceId = DEMO_PRACTICE_ID;
    const finalized = await db.select().from(superbills).where(and(eq(superbills.practiceId, practiceId), eq(superbills.status, 'FINALIZED'))).orderBy(desc(superbills.dateOfService), desc(superbills.number)).limit(80);
    const lines = await db.select().from(superbillLines).where(inArray(superbillLines.superbillId, finalized.map((s) => s.id)));
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.practiceId, practiceId));
    // The superbills' own charges (a charge moved onto its claim when a remittance posted stays, reversed); the
    // accounts demo's balances carried over from a previous system are charges of no superbill.
    const charges = entries.filter((e) => e.kind === 'CHARGE' && e.claimId === null && !e.idempotencyKey?.startsWith('demo:carried-balance:'));
    // The check-in copays (superbills); the accounts demo adds payments of its own (seed-accounts).
    const copays = entries.filter((e) => e.kind === 'PATIENT_PAYMENT' && e.idempotencyKey?.startsWith('demo:copay:'));
    expect(charges.length).toBe(lines.filter((l) => l.chargeCents > 0).length);
    expect(charges.reduce((s, e) => s + e.amountCents, 0)).toBe(lines.reduce((s, l) => s + l.chargeCents, 0));
    expect(copays.length).toBe(finalized.filter((s) => s.copayCollectedCents > 0).length);
    expect(copays.length).toBeGreaterThan(10);
    // Posting the demo's remittances onto its claims (seed-claim-flow) added claim entries and reversals.
    const posted = entries.filter((e) => e.claimId !== null || e.kind === 'REVERSAL');
    expect(posted.length).toBeGreaterThan(0);
    expect([...new Set(posted.map((e) => e.kind))]).toEqual(expect.arrayContaining(['CHARGE', 'REVERSAL', 'INSURANCE_PAYMENT', 'CONTRACTUAL_ADJUSTMENT', 'PATIENT_RESPONSIBILITY']));
    expect(new Set([...charges, ...copays].map((e) => e.superbillId))).toEqual(new Set(finalized.map((s) => s.id)));
    // Seeding again posts nothing (idempotency keys).
    expect(await seedDemoLedger(db, practiceId)).toBe(0);
    expect(await db.$count(ledgerEntries, eq(ledgerEntries.practiceId, practiceId))).toBe(entries.length);

    // A patient with a copay: their balance is their charges less their copays, per part.
    const patientId = copays[0]!.patientId;
    const [sums] = await db
      .select({ ins: sql<number>`sum(insurance_cents)::int`, pat: sql<number>`sum(patient_cents)::int` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.practiceId, practiceId), eq(ledgerEntries.patientId, patientId)));
    const res = await server.gql(await server.token(practiceId, [Role.FRONT_DESK]), 'query($id: ID!) { patient(id: $id) { balance { insurance patient credit total } } }', { id: patientId });
    expect(res.data!.patient.balance).toEqual({ insurance: sums!.ins, patient: Math.max(sums!.pat, 0), credit: Math.max(-sums!.pat, 0), total: sums!.ins + sums!.pat });
    expect(res.data!.patient.balance.total).toBeGreaterThan(0);
  });
});
