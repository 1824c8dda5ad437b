import { describe, expect, it } from 'vitest';
import { canMoveOrder } from './order-status.js';

describe('order status machine', () => {
  it('walks a lab from ordered to reviewed through COLLECTED, an image through PERFORMED', () => {
    const lab = ['ORDERED', 'SCHEDULED', 'COLLECTED', 'RESULTED', 'REVIEWED'] as const;
    for (let i = 1; i < lab.length; i++) expect(canMoveOrder('LAB', lab[i - 1]!, lab[i]!)).toBe(true);
    const image = ['ORDERED', 'PERFORMED', 'RESULTED', 'REVIEWED'] as const;
    for (let i = 1; i < image.length; i++) expect(canMoveOrder('IMAGING', image[i - 1]!, image[i]!)).toBe(true);
    expect(canMoveOrder('LAB', 'SCHEDULED', 'PERFORMED')).toBe(false);
    expect(canMoveOrder('IMAGING', 'SCHEDULED', 'COLLECTED')).toBe(false);
  });

  it('never skips the result, never leaves a final status, cancels only before review', () => {
    expect(canMoveOrder('LAB', 'ORDERED', 'RESULTED')).toBe(false);
    expect(canMoveOrder('LAB', 'COLLECTED', 'REVIEWED')).toBe(false);
    expect(canMoveOrder('LAB', 'RESULTED', 'CANCELLED')).toBe(false);
    expect(canMoveOrder('PROCEDURE', 'SCHEDULED', 'CANCELLED')).toBe(true);
    for (const to of ['ORDERED', 'SCHEDULED', 'COLLECTED', 'PERFORMED', 'RESULTED', 'REVIEWED', 'CANCELLED'] as const) {
      expect(canMoveOrder('LAB', 'REVIEWED', to)).toBe(false);
      expect(canMoveOrder('DME', 'CANCELLED', to)).toBe(false);
    }
  });
});
