import { readFileSync } from 'node:fs';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/client.js';
import { claims } from '../../../server/src/db/schema/claims.js';
import { coverages } from '../../../server/src/db/schema/insurance.js';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { patients } from '../../../server/src/db/schema/patients.js';
import { remittanceClaims, remittanceProviderAdjustments } from '../../../server/src/db/schema/remittances.js';
import { superbillLines, superbills } from '../../../server/src/db/schema/superbills.js';
import type { AppError } from '../../../server/src/graphql/errors.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { AuditTrail } from '../../../server/src/modules/audit/audit-trail.js';
import { nextClaimNumber } from '../../../server/src/modules/claims/claim.repo.js';
import { postRemittance } from '../../../server/src/modules/remittances/remittance-post.service.js';
import { parse835 } from '../../../server/src/x12/x12-835.js';
import type { Remittance, RemittanceClaim } from '../../../server/src/x12/x12-835-types.js';
import { insertProvider } from '../../factories/catalog.factory.js';
import { snapshotLine, submittedClaim } from '../../factories/era-claim.factory.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { openTestDatabase } from '../../helpers/test-db.js';

// Public 835 samples (LinuxForHealth/x12 test fixtures), read from the shared data folder, never copied.
const DIR = '/work/shared/data/x12-samples/linuxforhealth/835_005010X221A1';
const sample = (name: string) => readFileSync(`${DIR}/${name}`, 'utf8');

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/**
 * A practice with one ACCEPTED claim per CLP of the file, built to match it: CLP01 as the patient account
 * number, CLP07 as the payer claim number, one line per SVC with its procedure code and charge (one line
 * of the whole CLP03 charge for a claim sent without lines).
 */
async function practiceMatching(r: Remittance) {
  const db = database.db;
  const practiceId = await createPractice(db);
  const location = await createLocation(db, practiceId);
  const provider = await insertProvider(db, practiceId);
  const payer = await insertPayer(db, practiceId);
  const n = r.claims.length;
  const pats = await db.insert(patients).values(r.claims.map((_, i) => ({ practiceId, mrn: `S${i}`, givenName: `Given${i}`, familyName: `Sample${i}`, dateOfBirth: '1970-01-01', sexAtBirth: 'FEMALE' as const, consents: { sms: false, email: false, voicemail: false, portal: false } }))).returning({ id: patients.id });
  const billingProvider = { name: 'Synthetic Billing', npi: '1234567893', tin: '123456789', taxonomyCode: null, address: { line1: '1 Test St', city: 'Testville', state: 'NY', postalCode: '10001', country: 'US' } } as never;
  const sbs = await db.insert(superbills).values(pats.map((p) => ({ practiceId, patientId: p.id, renderingProviderId: provider.id, locationId: location.id, payerId: payer.id, billingProvider, dateOfService: '2005-02-02', placeOfServiceCode: '11', createdBy: 'test' }))).returning({ id: superbills.id });
  const covs = await db.insert(coverages).values(pats.map((p, i) => ({ practiceId, patientId: p.id, payerId: payer.id, memberId: `SAMPLE${i}`, subscriberRelationship: 'SELF', coverageOrder: 'PRIMARY', effectiveDate: '2001-01-01' }))).returning({ id: coverages.id });
  const submitted = r.claims.map((c: RemittanceClaim) => {
    const lines = c.lines.length > 0 ? c.lines.map((l, j) => snapshotLine(j + 1, (l.originalProcedure ?? l.procedure).code, Math.abs(l.chargeCents))) : [snapshotLine(1, '0001', c.chargeCents)];
    return submittedClaim(c.patientAccountNumber, 'SAMPLE', { lines });
  });
  await db.insert(superbillLines).values(sbs.flatMap((sb, i) => submitted[i]!.snapshot.lines.map((l) => ({ practiceId, superbillId: sb.id, position: l.position, code: l.code, modifiers: l.modifiers, units: l.units, unitFeeCents: l.chargeCents, chargeCents: l.chargeCents, diagnosisPointers: [1] }))));
  const numbers: number[] = [];
  for (let i = 0; i < n; i++) numbers.push(await nextClaimNumber(db));
  const ids = await db.insert(claims).values(pats.map((p, i) => ({
    practiceId, number: numbers[i]!, patientAccountNumber: r.claims[i]!.patientAccountNumber, superbillId: sbs[i]!.id, patientId: p.id, payerId: payer.id, coverageId: covs[i]!.id,
    locationId: location.id, status: 'ACCEPTED', payerClaimNumber: r.claims[i]!.payerClaimControlNumber, dateOfService: '2005-02-02', totalChargeCents: submitted[i]!.snapshot.totalChargeCents, snapshot: submitted[i]!.snapshot, createdBy: 'test',
  }))).returning({ id: claims.id });
  expect(ids).toHaveLength(n);
  const audit = new AuditTrail({ practiceId, userId: 'samples', roles: [Role.BILLER] }, 'samples-1', 'postRemittance');
  return { practiceId, claimIds: ids.map((c) => c.id), post: (x12: string, key: string) => postRemittance(db, { practiceId, userId: 'samples' }, audit, x12, key) };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** What the file says a claim's ledger must hold, by kind (our sign: − lowers what is owed). */
function expectedOf(c: RemittanceClaim) {
  const cas = [...c.adjustments, ...c.lines.flatMap((l) => l.adjustments)];
  const of = (groups: string[]) => sum(cas.filter((a) => groups.includes(a.group)).map((a) => a.amountCents));
  const neg = (cents: number) => (cents === 0 ? 0 : -cents);
  return {
    CHARGE: c.chargeCents,
    INSURANCE_PAYMENT: neg(c.paidCents),
    CONTRACTUAL_ADJUSTMENT: neg(of(['CO'])),
    PATIENT_RESPONSIBILITY: of(['PR']),
    OTHER_ADJUSTMENT: neg(of(['OA', 'PI', 'CR'])),
  };
}

/** The practice's ledger per claim and kind, from the entries themselves. */
async function ledgerOf(practiceId: string, claimIds: string[]) {
  const rows = await database.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.practiceId, practiceId), inArray(ledgerEntries.claimId, claimIds)));
  return claimIds.map((id) => {
    const own = rows.filter((e) => e.claimId === id);
    const kind = (k: string) => sum(own.filter((e) => e.kind === k).map((e) => e.amountCents));
    return {
      totals: { CHARGE: kind('CHARGE'), INSURANCE_PAYMENT: kind('INSURANCE_PAYMENT'), CONTRACTUAL_ADJUSTMENT: kind('CONTRACTUAL_ADJUSTMENT'), PATIENT_RESPONSIBILITY: kind('PATIENT_RESPONSIBILITY'), OTHER_ADJUSTMENT: kind('OTHER_ADJUSTMENT') },
      insurance: sum(own.map((e) => e.insuranceCents)),
      patient: sum(own.map((e) => e.patientCents)),
    };
  });
}

/**
 * Each sample as published, then (when it has an error) with only that defect repaired: the published
 * file is refused with exactly its problems and posts nothing; the repaired one posts every CLP to the
 * claim built for it, and each claim's ledger holds exactly the file's charge, payment and CAS amounts.
 */
const SAMPLES: { name: string; errors: string[]; repair: (x12: string) => string; paid: number[] }[] = [
  { name: 'medicare-part-a.835', errors: [], repair: (x) => x, paid: [13_801_840, 1_198_033] },
  // BPR16 written as 20002316 (month 23).
  { name: 'managed-care.835', errors: ['DATE'], repair: (x) => x.replace('*20002316~', '*20020316~'), paid: [45_000, 49_500] },
  // BPR's date one separator short (BPR15 instead of BPR16).
  { name: 'cob-contractural-adjustment.835', errors: ['MISSING'], repair: (x) => x.replace('CHK***********2005', 'CHK************2005'), paid: [3_400] },
  { name: 'secondary-payment.835', errors: ['MISSING'], repair: (x) => x.replace('CHK***********2005', 'CHK************2005'), paid: [91_200, 31_000] },
];

describe('posting the public 835 samples against claims built to match them', () => {
  it.each(SAMPLES)('$name', async ({ name, errors, repair, paid }) => {
    const published = sample(name);
    const repaired = repair(published);
    const { remittance: r } = parse835(repaired);
    expect(r).not.toBeNull();
    expect(r!.claims.map((c) => c.paidCents)).toEqual(paid);
    const p = await practiceMatching(r!);

    if (errors.length > 0) {
      expect(repaired).not.toBe(published);
      const err = (await p.post(published, `${name}-as-published`).catch((e: unknown) => e)) as AppError;
      expect(err.extensions.code).toBe('BAD_USER_INPUT');
      expect((err.extensions.issues as { kind: string; code: string }[]).map((i) => `${i.kind} ${i.code}`)).toEqual(errors.map((e) => `PROBLEM ${e}`));
      expect((await ledgerOf(p.practiceId, p.claimIds)).every((l) => l.totals.CHARGE === 0 && l.insurance === 0)).toBe(true);
    }

    const posted = await p.post(repaired, `${name}-posted`);
    expect(posted.replayed).toBe(false);
    const clps = await database.db.select().from(remittanceClaims).where(eq(remittanceClaims.remittanceId, posted.remittance.id)).orderBy(remittanceClaims.claimIndex);
    expect(clps.map((c) => [c.claimId, c.outcome, c.unmatchedReason])).toEqual(p.claimIds.map((id) => [id, 'POSTED', null]));
    expect(posted.remittance.totalCents).toBe(r!.payment.totalCents);

    const ledger = await ledgerOf(p.practiceId, p.claimIds);
    r!.claims.forEach((c, i) => {
      const want = expectedOf(c);
      expect(ledger[i]!.totals, `${name} CLP ${i}`).toEqual(want);
      // Balanced files leave nothing owed by the payer; the patient owes the PR amounts.
      expect(ledger[i]!.insurance).toBe(0);
      expect(ledger[i]!.patient).toBe(want.PATIENT_RESPONSIBILITY);
    });
    const plb = await database.db.select().from(remittanceProviderAdjustments).where(eq(remittanceProviderAdjustments.remittanceId, posted.remittance.id));
    expect(plb.map((x) => [x.reasonCode, x.amountCents])).toEqual(r!.providerAdjustments.map((x) => [x.reason, x.amountCents]));
    const statuses = await database.db.select({ status: claims.status }).from(claims).where(inArray(claims.id, p.claimIds));
    expect(statuses.every((s) => ['PAID', 'PARTIALLY_PAID'].includes(s.status))).toBe(true);
  });

  it('tertiary-payment.835: refused as published (BPR16 and a malformed SVC); repaired, it posts as a tertiary claim taking over the share the secondary left', async () => {
    const published = sample('tertiary-payment.835');
    // Two defects: BPR's date one separator short (as in the other 2005 samples), and SVC01 written
    // HC*24599.00 (the code split off by an element separator, which shifts charge and paid one element).
    const repaired = published.replace('CHK***********2005', 'CHK************2005').replace('SVC*HC*24599.00*', 'SVC*HC:24599*');
    expect(repaired).not.toBe(published);
    const { remittance: r } = parse835(repaired);
    const clp = r!.claims[0]!;
    expect([clp.statusCode, clp.chargeCents, clp.paidCents, clp.lines.map((l) => [l.procedure.code, l.chargeCents, l.paidCents])]).toEqual(['3', 176_650, 18_750, [['24599', 176_650, 18_750]]]);
    const p = await practiceMatching(r!);
    const db = database.db;
    // The claim went to the third payer: the primary and the secondary adjudicated it before, and the
    // secondary left 187.50 (PR-2) of the 1,766.50 line to the patient — what the OA-23 of the file says
    // the earlier payers did not settle.
    const [claim] = await db.select().from(claims).where(eq(claims.id, p.claimIds[0]!));
    const s = claim!.snapshot;
    const prior = (responsibility: 'P' | 'S', paidCents: number, adjustments: { group: string; reason: string; amountCents: number }[]) => ({
      responsibility, payer: s.payer, subscriber: { memberId: s.subscriber.memberId, groupNumber: s.subscriber.groupNumber, groupName: s.subscriber.groupName, name: s.subscriber.name, claimFilingIndicator: s.subscriber.claimFilingIndicator },
      relationship: '18' as const, payerClaimNumber: null, adjudicationDate: '2005-03-01', paidCents, claimAdjustments: [],
      patientResponsibilityCents: adjustments.filter((a) => a.group === 'PR').reduce((a, x) => a + x.amountCents, 0),
      lines: [{ position: 1, code: '24599', modifiers: [], units: 1, paidCents, adjustments }],
    });
    const otherPayers = [prior('P', 120_000, [{ group: 'CO', reason: '45', amountCents: 6_650 }, { group: 'PR', reason: '2', amountCents: 50_000 }]), prior('S', 31_250, [{ group: 'PR', reason: '2', amountCents: 18_750 }])];
    await db.update(claims).set({ snapshot: { ...s, payerResponsibility: 'T', otherPayers } }).where(eq(claims.id, claim!.id));

    const err = (await p.post(published, 'tertiary-as-published').catch((e: unknown) => e)) as AppError;
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect((err.extensions.issues as { kind: string; code: string }[]).map((i) => `${i.kind} ${i.code}`)).toEqual(['PROBLEM MISSING', 'PROBLEM MISSING', 'PROBLEM CODE', 'PROBLEM MISSING', 'IMBALANCE LINE', 'IMBALANCE CLAIM_LINES']);
    expect(await db.select().from(ledgerEntries).where(eq(ledgerEntries.practiceId, p.practiceId))).toEqual([]);

    const posted = await p.post(repaired, 'tertiary-posted');
    const clps = await db.select().from(remittanceClaims).where(eq(remittanceClaims.remittanceId, posted.remittance.id));
    expect(clps.map((c) => [c.claimId, c.outcome, c.unmatchedReason])).toEqual([[claim!.id, 'POSTED', null]]);
    expect(posted.remittance.totalCents).toBe(18_750);
    // No charge (the service was charged on the primary claim), the share taken over from the patient,
    // the tertiary's payment; the OA-23 restates the earlier payers and posts nothing.
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.claimId, claim!.id));
    expect(entries.map((e) => [e.kind, e.claimLinePosition, e.amountCents, e.insuranceCents, e.patientCents]).sort()).toEqual([
      ['COORDINATION_TRANSFER', 1, 18_750, 18_750, -18_750],
      ['INSURANCE_PAYMENT', 1, -18_750, -18_750, 0],
    ]);
    const [after] = await db.select({ status: claims.status }).from(claims).where(eq(claims.id, claim!.id));
    expect(after!.status).toBe('PAID');
  });

  it('medicare-part-a in figures: CO-45 73,348.57 and 3,019.67 written off, PLB CV −1.27 kept, the check 150,000.00', async () => {
    const { remittance: r } = parse835(sample('medicare-part-a.835'));
    const p = await practiceMatching(r!);
    const posted = await p.post(sample('medicare-part-a.835'), 'medicare-figures');
    expect(posted.remittance.totalCents).toBe(15_000_000);
    const ledger = await ledgerOf(p.practiceId, p.claimIds);
    expect(ledger.map((l) => [l.totals.CHARGE, l.totals.INSURANCE_PAYMENT, l.totals.CONTRACTUAL_ADJUSTMENT])).toEqual([
      [21_136_697, -13_801_840, -7_334_857],
      [1_500_000, -1_198_033, -301_967],
    ]);
  });
});
