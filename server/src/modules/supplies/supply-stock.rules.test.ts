import { describe, expect, it } from 'vitest';
import { belowReorderPoint, packsToPar, pickFefo } from './supply-stock.rules.js';

describe('pickFefo', () => {
  const lots = [
    { lot: 'B', expiryDate: '2027-03-01', quantity: 5 },
    { lot: 'N', expiryDate: null, quantity: 50 },
    { lot: 'A', expiryDate: '2027-01-01', quantity: 3 },
    { lot: 'Z', expiryDate: '2026-12-01', quantity: 0 },
  ];
  it('takes the first-expiring lots first, lots without expiry last, and skips empty lots', () => {
    expect(pickFefo(lots, 7)).toEqual([
      { lot: 'A', expiryDate: '2027-01-01', take: 3 },
      { lot: 'B', expiryDate: '2027-03-01', take: 4 },
    ]);
    expect(pickFefo(lots, 10)!.map((t) => [t.lot, t.take])).toEqual([['A', 3], ['B', 5], ['N', 2]]);
  });
  it('refuses a withdrawal larger than the stock', () => {
    expect(pickFefo(lots, 59)).toBeNull();
    expect(pickFefo(lots, 58)).not.toBeNull();
    expect(pickFefo([], 1)).toBeNull();
  });
});

describe('reorder rules', () => {
  it('is below the point only strictly below it', () => {
    expect(belowReorderPoint(9, 10)).toBe(true);
    expect(belowReorderPoint(10, 10)).toBe(false);
  });
  it('orders to par in whole packs, counting what is on order', () => {
    expect(packsToPar(30, 0, 250, 100)).toBe(3);
    expect(packsToPar(30, 100, 250, 100)).toBe(2);
    expect(packsToPar(150, 100, 250, 100)).toBe(0);
    expect(packsToPar(0, 0, 1, 100)).toBe(1);
  });
});
