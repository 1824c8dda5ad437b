import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { coverageHistory, coverages, payers } from '../db/schema/insurance.js';
import { patients } from '../db/schema/patients.js';
import { FAMILY, GIVEN, prng } from './synthetic.js';

// Invented payers with plausible EDI payer ids; none is a real company or a real payer id.
const DEMO_PAYERS = [
  { name: 'Keystone Mutual Health (Demo)', ediPayerId: 'KMH01', payerType: 'COMMERCIAL', phone: '+18005550101' },
  { name: 'Harborlight Health Plans (Demo)', ediPayerId: 'HHP22', payerType: 'COMMERCIAL', phone: '+18005550102' },
  { name: 'Summit Ridge Insurance (Demo)', ediPayerId: 'SRI47', payerType: 'COMMERCIAL', phone: '+18005550103' },
  { name: 'Medicare Part B (Demo Jurisdiction)', ediPayerId: '99101', payerType: 'MEDICARE', phone: '+18005550104' },
  { name: 'Golden Years Advantage (Demo)', ediPayerId: 'GYA30', payerType: 'MEDICARE_ADVANTAGE', phone: '+18005550105' },
  { name: 'State Medicaid Program (Demo)', ediPayerId: 'SMD77', payerType: 'MEDICAID', phone: '+18005550106' },
  { name: 'Evergreen Workers Comp (Demo)', ediPayerId: 'EWC08', payerType: 'WORKERS_COMP', phone: '+18005550107' },
] as const;

// Member id prefixes select the simulated clearinghouse's answer (see SIMULATOR_SCENARIOS): mostly
// active members, a few of every other branch so the demo shows them all.
const PREFIXES = ['W', 'W', 'W', 'W', 'W', 'W', 'W', 'W', 'HDD', 'FAM', 'OON', 'AUTH', 'INA', 'TRM', 'NF', 'UNV', 'PRT'] as const;
const PLANS = ['Gold PPO', 'Silver HMO', 'Bronze HDHP', 'Choice POS', 'Select EPO'] as const;

/**
 * Adds the demo payer directory and coverages for the demo patients: about 85 % insured (patient 1,
 * Jonathan Smith, always with an active primary), 15 % of those with a secondary, some dependents.
 * Deterministic (own PRNG), so it does not disturb the other demo data.
 */
export async function seedDemoInsurance(tx: Db, practiceId: string): Promise<void> {
  const rng = prng(2701);
  const payerRows = await tx.insert(payers).values(DEMO_PAYERS.map((p) => ({ ...p, practiceId }))).returning();
  const commercial = payerRows.filter((p) => p.payerType === 'COMMERCIAL' || p.payerType === 'MEDICARE_ADVANTAGE' || p.payerType === 'MEDICAID');
  const pts = await tx.select({ id: patients.id, dob: patients.dateOfBirth, family: patients.familyName }).from(patients).where(eq(patients.practiceId, practiceId)).orderBy(asc(patients.mrn));
  const values: (typeof coverages.$inferInsert)[] = [];
  for (const [i, p] of pts.entries()) {
    if (i > 0 && rng.next() < 0.15) continue;
    const payer = p.dob < '1961-01-01' ? payerRows.find((x) => x.payerType === 'MEDICARE')! : rng.pick(commercial);
    const prefix = i === 0 ? 'W' : rng.pick(PREFIXES);
    const dependent = p.dob > '2008-01-01' && payer.payerType !== 'MEDICARE';
    values.push({
      practiceId, patientId: p.id, payerId: payer.id, planName: rng.pick(PLANS), memberId: `${prefix}${String(rng.int(10_000_000, 99_999_999))}`,
      groupNumber: payer.payerType === 'COMMERCIAL' ? `GRP${rng.int(1000, 9999)}` : null,
      subscriberRelationship: dependent ? 'CHILD' : 'SELF',
      subscriber: dependent ? { given: rng.pick(GIVEN), family: p.family ?? rng.pick(FAMILY), dateOfBirth: '1979-05-14', sex: rng.pick(['FEMALE', 'MALE'] as const) } : null,
      coverageOrder: 'PRIMARY', effectiveDate: '2026-01-01', copayCents: rng.pick([1500, 2000, 2500, 3000, 4000]),
    });
    if (rng.next() < 0.15) {
      const second = rng.pick(payerRows.filter((x) => x.id !== payer.id && x.payerType !== 'WORKERS_COMP'));
      values.push({ practiceId, patientId: p.id, payerId: second.id, planName: 'Supplemental', memberId: `W${rng.int(10_000_000, 99_999_999)}`, subscriberRelationship: 'SELF', coverageOrder: 'SECONDARY', effectiveDate: '2026-01-01' });
    }
  }
  for (let i = 0; i < values.length; i += 1000) {
    const rows = await tx.insert(coverages).values(values.slice(i, i + 1000)).returning();
    await tx.insert(coverageHistory).values(rows.map((r) => ({ practiceId, coverageId: r.id, coverageVersion: 1, action: 'CREATE', changedBy: 'demo-seed', snapshot: { ...r, createdAt: undefined, updatedAt: undefined } })));
  }
}
