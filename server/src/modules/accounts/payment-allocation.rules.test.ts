import { describe, expect, it } from 'vitest';
import { allocatePayment, allocateRefund } from './payment-allocation.rules.js';

const items = [
  { superbillId: 'a', dateOfService: '2026-01-05', openCents: 3_000 },
  { superbillId: 'b', dateOfService: '2026-02-05', openCents: 5_000 },
];

describe('allocatePayment', () => {
  it('pays the oldest items first and keeps the rest as a credit', () => {
    expect(allocatePayment(2_000, items, null)).toEqual({ allocations: [{ superbillId: 'a', amountCents: 2_000 }] });
    expect(allocatePayment(4_000, items, null)).toEqual({ allocations: [{ superbillId: 'a', amountCents: 3_000 }, { superbillId: 'b', amountCents: 1_000 }] });
    expect(allocatePayment(9_500, items, null)).toEqual({ allocations: [{ superbillId: 'a', amountCents: 3_000 }, { superbillId: 'b', amountCents: 5_000 }, { superbillId: null, amountCents: 1_500 }] });
    expect(allocatePayment(700, [], null)).toEqual({ allocations: [{ superbillId: null, amountCents: 700 }] });
  });

  it('follows explicit allocations, crediting the rest, and refuses over-allocation and foreign items', () => {
    expect(allocatePayment(6_000, items, [{ superbillId: 'b', amountCents: 5_000 }])).toEqual({ allocations: [{ superbillId: 'b', amountCents: 5_000 }, { superbillId: null, amountCents: 1_000 }] });
    const bad = (r: ReturnType<typeof allocatePayment>) => ('problems' in r ? r.problems.map((p) => p.path) : []);
    expect(bad(allocatePayment(6_000, items, [{ superbillId: 'b', amountCents: 5_001 }]))).toEqual(['input.allocations.0.amount']);
    expect(bad(allocatePayment(4_000, items, [{ superbillId: 'a', amountCents: 3_000 }, { superbillId: 'b', amountCents: 2_000 }]))).toEqual(['input.allocations']);
    expect(bad(allocatePayment(4_000, items, [{ superbillId: 'x', amountCents: 1 }]))).toEqual(['input.allocations.0.superbillId']);
    expect(bad(allocatePayment(4_000, items, [{ superbillId: 'a', amountCents: 1 }, { superbillId: 'a', amountCents: 1 }]))).toEqual(['input.allocations.1.superbillId']);
    expect(bad(allocatePayment(4_000, items, [{ superbillId: 'a', amountCents: 0 }]))).toEqual(['input.allocations.0.amount']);
    expect(bad(allocatePayment(4_000, items, [{ superbillId: 'a', amountCents: 1.5 }]))).toEqual(['input.allocations.0.amount']);
  });
});

describe('allocateRefund', () => {
  it('takes the credit first, then the newest allocations', () => {
    const rem = [{ superbillId: 'a', amountCents: 3_000 }, { superbillId: 'b', amountCents: 1_000 }, { superbillId: null, amountCents: 500 }];
    expect(allocateRefund(400, rem)).toEqual([{ superbillId: null, amountCents: 400 }]);
    expect(allocateRefund(2_000, rem)).toEqual([{ superbillId: null, amountCents: 500 }, { superbillId: 'b', amountCents: 1_000 }, { superbillId: 'a', amountCents: 500 }]);
  });
});
