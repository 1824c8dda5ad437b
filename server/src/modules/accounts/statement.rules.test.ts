import { describe, expect, it } from 'vitest';
import { addDays, agePatientPart, categoryOf, daysBetween, draftStatement, StatementCategory, type StatementEntry } from './statement.rules.js';

let n = 0;
const entry = (kind: string, insuranceCents: number, patientCents: number, more: Partial<StatementEntry> = {}): StatementEntry => ({
  id: `e${++n}`, patientId: 'p', kind, reversedKind: null, number: n, effectiveDate: '2026-03-01', dateOfService: null, insuranceCents, patientCents, stated: false, ...more,
});

describe('statement rules', () => {
  it('reads a reversal as what it undoes', () => {
    expect(categoryOf('REVERSAL', 'PATIENT_PAYMENT')).toBe(StatementCategory.PATIENT_PAYMENT);
    expect(categoryOf('REFUND', null)).toBe(StatementCategory.PATIENT_PAYMENT);
    expect(categoryOf('WRITE_OFF', null)).toBe(StatementCategory.ADJUSTMENT);
    expect(categoryOf('REVERSAL', 'CHARGE')).toBe(StatementCategory.NEW_CHARGE);
  });

  it('ages the patient part by date of service with the 30/60/90/120 boundaries inclusive', () => {
    const asOf = '2026-06-30';
    const at = (days: number, cents: number) => entry('CHARGE', 0, cents, { dateOfService: addDays(asOf, -days) });
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(agePatientPart([at(0, 1), at(30, 2), at(31, 4), at(60, 8), at(61, 16), at(90, 32), at(91, 64), at(120, 128), at(121, 256), entry('PATIENT_PAYMENT', 0, -3, { effectiveDate: asOf })], asOf)).toEqual({
      aging0To30Cents: 0, aging31To60Cents: 12, aging61To90Cents: 48, aging91To120Cents: 192, agingOver120Cents: 256,
    });
  });

  it('sums the new entries by category on top of the stated ones, so the sum rule holds', () => {
    const stated = [entry('CHARGE', 0, 5_000, { stated: true }), entry('CHARGE', 7_000, 0, { stated: true })];
    const fresh = [entry('INSURANCE_PAYMENT', -4_000, 0), entry('PATIENT_RESPONSIBILITY', -1_000, 1_000), entry('CONTRACTUAL_ADJUSTMENT', -2_000, 0), entry('PATIENT_PAYMENT', 0, -2_500), entry('REVERSAL', 0, 2_500, { reversedKind: 'PATIENT_PAYMENT', effectiveDate: '2026-02-01' })];
    const d = draftStatement('p', [...fresh, ...stated], '2026-03-31', 1)!;
    expect(d).toMatchObject({ previousBalanceCents: 12_000, newChargesCents: 0, insurancePaymentsCents: -4_000, adjustmentsCents: -2_000, patientPaymentsCents: 0, insurancePendingCents: 0, balanceDueCents: 6_000 });
    expect(d.previousBalanceCents + d.newChargesCents + d.insurancePaymentsCents + d.adjustmentsCents + d.patientPaymentsCents - d.insurancePendingCents).toBe(d.balanceDueCents);
    expect(d.lines.map((l) => l.description)).toEqual(['Patient payment reversed', 'Insurance payment', 'Patient responsibility ($10.00 moved from insurance)', 'Insurance adjustment', 'Patient payment']);
    expect(d.lines.map((l) => l.position)).toEqual([1, 2, 3, 4, 5]);
  });

  it('makes no statement under the minimum, and one for an unpaid balance without new activity', () => {
    expect(draftStatement('p', [entry('CHARGE', 0, 999)], '2026-03-31', 1_000)).toBeNull();
    expect(draftStatement('p', [entry('CHARGE', 0, 1_000, { stated: true })], '2026-03-31', 1_000)).toMatchObject({ previousBalanceCents: 1_000, balanceDueCents: 1_000, lines: [] });
  });
});
