import { describe, expect, it } from 'vitest';
import type { RemittanceClaim } from '../../x12/x12-835-types.js';
import { paymentsByLine } from './remittance-drafts.js';

const claim = (paidCents: number, linePaid: number[]) => ({ paidCents, lines: linePaid.map((p) => ({ paidCents: p })) }) as unknown as RemittanceClaim;

describe('paymentsByLine: the payment entries of a claim add up to CLP04', () => {
  it('keeps SVC03 when the lines add up to the claim payment', () => {
    expect(paymentsByLine(claim(700, [500, 200]))).toEqual([500, 200]);
  });

  it('takes a claim-level CAS from the lines in proportion, rounding cents to the largest remainders', () => {
    // 1,000 − 1 = 999 in thirds: 333 each.
    expect(paymentsByLine(claim(999, [334, 333, 333]))).toEqual([333, 333, 333]);
    // 450 of 500 on one line (the managed-care sample).
    expect(paymentsByLine(claim(45_000, [50_000]))).toEqual([45_000]);
    // 100 of 300 as 2:1 → 66.67 / 33.33: the first line takes the cent.
    expect(paymentsByLine(claim(100, [200, 100]))).toEqual([67, 33]);
    // A negative claim-level CAS gives money back: 310 of 300.
    expect(paymentsByLine(claim(310, [150, 150]))).toEqual([155, 155]);
    for (const [paid, lines] of [[1, [1, 1, 1]], [7, [3, 5, 11]], [12_345, [999, 1, 50_000]]] as const) expect(paymentsByLine(claim(paid, [...lines]))!.reduce((a, b) => a + b, 0)).toBe(paid);
  });

  it('posts on no line when the claim has no lines or no line was paid', () => {
    expect(paymentsByLine(claim(500, []))).toBeNull();
    expect(paymentsByLine(claim(500, [0, 0]))).toBeNull();
    expect(paymentsByLine(claim(0, [0, 0]))).toEqual([0, 0]);
  });
});
