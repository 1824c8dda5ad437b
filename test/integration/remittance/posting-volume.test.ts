import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/client.js';
import { queryStatsStorage } from '../../../server/src/db/query-stats.js';
import { claims } from '../../../server/src/db/schema/claims.js';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { coverages } from '../../../server/src/db/schema/insurance.js';
import { patients } from '../../../server/src/db/schema/patients.js';
import { superbillLines, superbills } from '../../../server/src/db/schema/superbills.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { AuditTrail } from '../../../server/src/modules/audit/audit-trail.js';
import { nextClaimNumber } from '../../../server/src/modules/claims/claim.repo.js';
import { postRemittance } from '../../../server/src/modules/remittances/remittance-post.service.js';
import { checkRemittance } from '../../../server/src/x12/era-balance.js';
import { simulateRemittance } from '../../../server/src/x12/era-simulator.js';
import { insertProvider } from '../../factories/catalog.factory.js';
import { submittedClaim } from '../../factories/era-claim.factory.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { openTestDatabase } from '../../helpers/test-db.js';

/**
 * Posting a large 835: REMITTANCE_VOLUME claims (default 100; the figure is 1,000 on
 * PostgreSQL: REMITTANCE_VOLUME=1000 TEST_DATABASE_URL=…). Prints the time; asserts only the outcome.
 */
const N = Number(process.env.REMITTANCE_VOLUME ?? 100);
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

it(`posts an 835 of ${N} accepted claims in one transaction, every claim matched`, async () => {
  const db = database.db;
  const practiceId = await createPractice(db);
  const location = await createLocation(db, practiceId);
  const provider = await insertProvider(db, practiceId);
  const payer = await insertPayer(db, practiceId);
  const pats = await db.insert(patients).values(Array.from({ length: N }, (_, i) => ({ practiceId, mrn: `V${String(i).padStart(7, '0')}`, givenName: `Given${i}`, familyName: `Volume${i}`, dateOfBirth: '1970-01-01', sexAtBirth: 'FEMALE' as const, consents: { sms: false, email: false, voicemail: false, portal: false } }))).returning({ id: patients.id });
  const billingProvider = { name: 'Synthetic Billing', npi: '1234567893', tin: '123456789', taxonomyCode: null, address: { line1: '1 Test St', city: 'Testville', state: 'NY', postalCode: '10001', country: 'US' } } as never;
  const sbs = await db.insert(superbills).values(pats.map((p) => ({ practiceId, patientId: p.id, renderingProviderId: provider.id, locationId: location.id, payerId: payer.id, billingProvider, dateOfService: '2026-11-02', placeOfServiceCode: '11', createdBy: 'test' }))).returning({ id: superbills.id });
  const covs = await db.insert(coverages).values(pats.map((p, i) => ({ practiceId, patientId: p.id, payerId: payer.id, memberId: `XZ1234567${i % 10}`, subscriberRelationship: 'SELF', coverageOrder: 'PRIMARY', effectiveDate: '2025-01-01' }))).returning({ id: coverages.id });
  const first = await nextClaimNumber(db);
  const submitted = pats.map((_, i) => submittedClaim(`V${first}-${i}`, `XZ1234567${[0, 1, 2, 3, 4, 5, 6, 8, 9][i % 9]}`));
  await db.insert(superbillLines).values(sbs.flatMap((sb, i) => submitted[i]!.snapshot.lines.map((l) => ({ practiceId, superbillId: sb.id, position: l.position, code: l.code, modifiers: l.modifiers, units: l.units, unitFeeCents: l.chargeCents, chargeCents: l.chargeCents, diagnosisPointers: [1] }))));
  await db.insert(claims).values(pats.map((p, i) => ({
    practiceId, number: first + i + 1_000_000, patientAccountNumber: submitted[i]!.snapshot.patientAccountNumber, superbillId: sbs[i]!.id, patientId: p.id, payerId: payer.id, coverageId: covs[i]!.id,
    locationId: location.id, status: 'ACCEPTED', payerClaimNumber: submitted[i]!.payerClaimControlNumber, dateOfService: '2026-11-02', totalChargeCents: submitted[i]!.snapshot.totalChargeCents, snapshot: submitted[i]!.snapshot, createdBy: 'test',
  })));
  const { x12 } = simulateRemittance(submitted, { controlNumber: 9001, at: new Date('2026-11-20T12:00:00Z'), paymentDate: '2026-11-20', traceNumber: 'VOLUME-1' });
  const audit = new AuditTrail({ practiceId, userId: 'volume', roles: [Role.BILLER] }, 'volume-1', 'postRemittance');
  const checkStarted = performance.now();
  expect(checkRemittance(x12).postable).toBe(true);
  const checkMs = performance.now() - checkStarted;
  const stats = { statements: 0, requestId: 'volume-1' };
  const started = performance.now();
  const posted = await queryStatsStorage.run(stats, () => postRemittance(db, { practiceId, userId: 'volume' }, audit, x12, 'volume-key-0001'));
  const ms = performance.now() - started;
  console.log(`postRemittance: ${N} claims, ${x12.length} characters, ${ms.toFixed(0)} ms on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} (read+balance alone ${checkMs.toFixed(0)} ms), ${stats.statements} statements`);
  expect(posted.replayed).toBe(false);
  // Set-based: a fixed number of statements for the file — each insert (ledger entries, remittance
  // claims, lines, adjustments) is one statement with one jsonb parameter whatever the file's size —
  // plus one ledger posting (7 statements) per 20,000 entries; never a round trip per claim.
  const entries = await db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.practiceId, practiceId));
  expect(stats.statements).toBeLessThanOrEqual(15 + Math.ceil(entries[0]!.n / 20_000) * 7);
  const statuses = await db.select({ status: claims.status }).from(claims).where(eq(claims.practiceId, practiceId));
  expect(statuses.filter((s) => s.status === 'ACCEPTED')).toEqual([]);
}, 300_000);
