import { describe, expect, it } from 'vitest';
import { addMonths, planSchedule } from './payment-plan.rules.js';

describe('payment plan schedule', () => {
  it('adds months keeping the day, or the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('splits the total into equal installments with the remainder last, filled by payments in order', () => {
    const s = planSchedule(10_000, 3, '2026-01-10', 4_000, '2026-02-10');
    expect(s.map((i) => [i.number, i.dueDate, i.amountCents, i.paidCents, i.status])).toEqual([
      [1, '2026-01-10', 3_333, 3_333, 'PAID'],
      [2, '2026-02-10', 3_333, 667, 'UPCOMING'], // due today: not missed yet
      [3, '2026-03-10', 3_334, 0, 'UPCOMING'],
    ]);
    expect(planSchedule(10_000, 3, '2026-01-10', 4_000, '2026-02-11')[1]!.status).toBe('MISSED');
    expect(planSchedule(10_000, 3, '2026-01-10', 12_000, '2026-09-01').every((i) => i.status === 'PAID')).toBe(true);
  });
});
