import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/client.js';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { patients } from '../../../server/src/db/schema/patients.js';
import { patientStatementLines, patientStatements } from '../../../server/src/db/schema/statements.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { generateStatements } from '../../../server/src/modules/accounts/statement.service.js';
import { addDays } from '../../../server/src/modules/accounts/statement.rules.js';
import { AuditTrail } from '../../../server/src/modules/audit/audit-trail.js';
import { practiceToday } from '../../../server/src/modules/ledger/ledger-post.service.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { openTestDatabase } from '../../helpers/test-db.js';

/**
 * A statement run over STATEMENT_VOLUME patients (default 300; the figure is 10,000 on PostgreSQL:
 * STATEMENT_VOLUME=10000 TEST_DATABASE_URL=…), four ledger entries each. Prints the time and the peak RSS;
 * asserts only the outcome.
 */
const N = Number(process.env.STATEMENT_VOLUME ?? 300);
const CHUNK = 1_000;
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

it(`makes the statements of ${N} patients in one run, each once, adding up to the ledger`, async () => {
  const db = database.db;
  const practiceId = await createPractice(db);
  await createLocation(db, practiceId);
  const asOf = addDays(`${(await practiceToday(db, practiceId)).slice(0, 7)}-01`, -1);
  const ids: string[] = [];
  for (let i = 0; i < N; i += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, N - i) }, (_, j) => ({ practiceId, mrn: `S${String(i + j).padStart(7, '0')}`, givenName: `Given${i + j}`, familyName: `Statement${i + j}`, dateOfBirth: '1970-01-01', sexAtBirth: 'FEMALE' as const, consents: { sms: false, email: false, voicemail: false, portal: false } }));
    ids.push(...(await db.insert(patients).values(rows).returning({ id: patients.id })).map((r) => r.id));
  }
  // Each: a $100 self-pay visit 70 days back, an $80 insured visit 20 days back paid $60 by the payer, and (every tenth) paid in full.
  const entries = ids.flatMap((patientId, i) => {
    const base = { practiceId, patientId, createdBy: 'volume' };
    return [
      { ...base, kind: 'CHARGE', bucket: 'PATIENT', amountCents: 10_000, effectiveDate: addDays(asOf, -70) },
      { ...base, kind: 'CHARGE', bucket: 'INSURANCE', amountCents: 8_000, effectiveDate: addDays(asOf, -20) },
      { ...base, kind: 'INSURANCE_PAYMENT', bucket: 'INSURANCE', amountCents: -6_000, effectiveDate: addDays(asOf, -5) },
      ...(i % 10 === 0 ? [{ ...base, kind: 'PATIENT_PAYMENT', bucket: 'PATIENT', amountCents: -10_000, effectiveDate: addDays(asOf, -3) }] : []),
    ];
  });
  for (let i = 0; i < entries.length; i += CHUNK) await db.insert(ledgerEntries).values(entries.slice(i, i + CHUNK));

  const principal = { practiceId, userId: 'volume-biller', roles: [Role.BILLER] };
  const audit = new AuditTrail(principal, 'statements-volume', null);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const run = await generateStatements(db, principal, audit, { asOf, minimumBalance: 100, dueInDays: 30 });
  const ms = performance.now() - started;
  clearInterval(sampler);
  console.log(`generateStatements over ${N} patients: ${Math.round(ms)} ms, RSS ${Math.round(before / 2 ** 20)} → peak ${Math.round(peak / 2 ** 20)} MiB`);

  const owing = ids.filter((_, i) => i % 10 !== 0).length;
  expect(run).toEqual({ cycle: asOf.slice(0, 7), generated: owing, balanceDue: owing * 10_000 });
  const [sums] = await db
    .select({ n: sql<number>`count(*)::int`, pending: sql<number>`sum(${patientStatements.insurancePendingCents})::int`, over90: sql<number>`sum(${patientStatements.aging61To90Cents})::int` })
    .from(patientStatements)
    .where(eq(patientStatements.practiceId, practiceId));
  expect(sums).toEqual({ n: owing, pending: owing * 2_000, over90: owing * 10_000 });
  expect(await db.$count(patientStatementLines, and(eq(patientStatementLines.practiceId, practiceId)))).toBe(owing * 3);
  expect((await generateStatements(db, principal, audit, { asOf, minimumBalance: 100, dueInDays: 30 })).generated).toBe(0);
}, 600_000);
