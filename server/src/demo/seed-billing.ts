import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { billingProfiles, feeScheduleEntries, feeSchedules } from '../db/schema/billing.js';
import { payers } from '../db/schema/insurance.js';

// CPT numbers with the practice's own labels (the AMA's descriptions are never shipped) and HCPCS codes.
// [code, label, 2025 charge, 2026 charge] in cents.
const CHARGES: readonly (readonly [string, string, number, number])[] = [
  ['99202', 'New patient visit, 15–29 min', 11500, 12000],
  ['99203', 'New patient visit, 30–44 min', 17000, 17500],
  ['99204', 'New patient visit, 45–59 min', 25500, 26500],
  ['99205', 'New patient visit, 60–74 min', 33500, 34500],
  ['99211', 'Established patient visit, nurse', 3000, 3200],
  ['99212', 'Established patient visit, 10–19 min', 9000, 9500],
  ['99213', 'Established patient visit, 20–29 min', 13000, 13500],
  ['99214', 'Established patient visit, 30–39 min', 19000, 19800],
  ['99215', 'Established patient visit, 40–54 min', 26000, 27000],
  ['99395', 'Preventive visit, established, 18–39', 21000, 22000],
  ['99396', 'Preventive visit, established, 40–64', 23000, 24000],
  ['99397', 'Preventive visit, established, 65+', 25000, 26000],
  ['36415', 'Blood draw (venipuncture)', 2500, 2500],
  ['81002', 'Urine dipstick, in office', 1500, 1600],
  ['85025', 'Complete blood count', 3500, 3600],
  ['80053', 'Comprehensive metabolic panel', 4500, 4600],
  ['83036', 'Hemoglobin A1c', 4000, 4200],
  ['87880', 'Rapid strep test', 3000, 3100],
  ['93000', 'ECG with interpretation', 7500, 7800],
  ['90471', 'Vaccine administration, first', 3000, 3200],
  ['90686', 'Flu vaccine, quadrivalent, preservative-free', 4500, 4700],
  ['96127', 'Brief behavioral assessment', 2000, 2100],
  ['G0438', 'Annual wellness visit, initial', 24000, 25000],
  ['G0439', 'Annual wellness visit, subsequent', 17000, 17500],
  ['G2211', 'Visit complexity add-on', 2000, 2100],
  ['J1885', 'Ketorolac injection, per 15 mg', 1500, 1500],
  ['J3420', 'Vitamin B12 injection', 2000, 2000],
];

/**
 * Gives the demo practice a billing profile, a charge master (2025 prices, then 2026 prices from
 * January 1) and one payer contract (Keystone Mutual, about 62 % of charges), with plain inserts.
 */
export async function seedDemoBilling(tx: Db, practiceId: string): Promise<void> {
  await tx.insert(billingProfiles).values({
    practiceId,
    legalName: 'Demo Medical Group, PLLC',
    tin: '990000001',
    groupNpi: '1234567893',
    taxonomyCode: '207Q00000X',
    billingAddress: { line1: '100 Demo Ave', city: 'Albany', state: 'NY', postalCode: '122071234', country: 'US' },
    payToAddress: { line1: '200 Lockbox Way', city: 'Albany', state: 'NY', postalCode: '12210', country: 'US' },
    phone: '+15185550199',
  });
  const [master] = await tx.insert(feeSchedules).values({ practiceId, name: 'Charge master', kind: 'CHARGE_MASTER' }).returning();
  const [payer] = await tx.select({ id: payers.id }).from(payers).where(and(eq(payers.practiceId, practiceId), eq(payers.ediPayerId, 'KMH01')));
  const entries: (typeof feeScheduleEntries.$inferInsert)[] = [];
  for (const [code, label, y2025, y2026] of CHARGES) {
    entries.push({ practiceId, scheduleId: master!.id, code, label, amountCents: y2025, effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' });
    entries.push({ practiceId, scheduleId: master!.id, code, label, amountCents: y2026, effectiveFrom: '2026-01-01' });
  }
  if (payer) {
    const [contract] = await tx.insert(feeSchedules).values({ practiceId, name: 'Keystone Mutual contract', kind: 'PAYER_CONTRACT', payerId: payer.id }).returning();
    for (const [code, , , y2026] of CHARGES) entries.push({ practiceId, scheduleId: contract!.id, code, amountCents: Math.round(y2026 * 0.62), effectiveFrom: '2025-01-01' });
  }
  await tx.insert(feeScheduleEntries).values(entries);
}
