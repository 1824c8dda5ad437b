import { describe, expect, it } from 'vitest';
import { statementPlan } from './statement-plan.rules.js';

const plan = { id: 'p1', totalCents: 10_000, installmentCount: 4, firstDueDate: '2026-08-15', paidCents: 0 };

describe('statementPlan', () => {
  it('lists the installments missed by the statement date and those falling due by its due date', () => {
    // Paid 3,000 by Oct 31: the first (Aug 15) is covered, the second (Sep 15) half, so missed; Oct 15 missed; Nov 15 due by Nov 30.
    const s = statementPlan({ ...plan, paidCents: 3_000 }, '2026-10-31', '2026-11-30');
    expect(s.installments.map((i) => [i.number, i.dueDate, i.amountCents, i.paidCents, i.status])).toEqual([
      [2, '2026-09-15', 2_500, 500, 'MISSED'],
      [3, '2026-10-15', 2_500, 0, 'MISSED'],
      [4, '2026-11-15', 2_500, 0, 'UPCOMING'],
    ]);
    expect(s).toMatchObject({ paymentPlanId: 'p1', totalCents: 10_000, paidCents: 3_000, remainingCents: 7_000, amountDueCents: 2_000 + 2_500 + 2_500 });
  });

  it('shows only what falls due by the due date when nothing is missed, and nothing once the plan is paid', () => {
    expect(statementPlan(plan, '2026-07-31', '2026-08-30').installments.map((i) => [i.number, i.status])).toEqual([[1, 'UPCOMING']]);
    expect(statementPlan(plan, '2026-07-31', '2026-08-10').installments).toEqual([]);
    expect(statementPlan({ ...plan, paidCents: 10_000 }, '2026-10-31', '2026-11-30')).toMatchObject({ installments: [], amountDueCents: 0, remainingCents: 0 });
  });
});
