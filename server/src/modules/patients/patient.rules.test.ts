import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCursor, checkDateOfBirth, checkPhones, phoneDigits, searchDigits } from './patient.rules.js';

describe('patient rules', () => {
  it('keeps ten national digits per phone, for storage and for search', () => {
    expect(phoneDigits([{ kind: 'MOBILE', number: '+12125550100', primary: true }, { kind: 'HOME', number: '+13125550147', primary: false }])).toBe('2125550100 3125550147');
    expect(searchDigits('+1 (212) 555-0100')).toBe('2125550100');
    expect(searchDigits('555-0100')).toBe('5550100');
    expect(searchDigits('12125')).toBe('12125');
  });

  it('refuses a DOB after today but accepts today', () => {
    expect(() => checkDateOfBirth('2026-11-27', 'input.dateOfBirth', '2026-11-26')).toThrow(/input.dateOfBirth must not be in the future/);
    expect(() => checkDateOfBirth('2026-11-26', 'input.dateOfBirth', '2026-11-26')).not.toThrow();
  });

  it('allows at most one primary phone', () => {
    expect(() => checkPhones([{ primary: true }, { primary: false }], 'input.phones')).not.toThrow();
    expect(() => checkPhones([{ primary: true }, { primary: true }], 'input.phones')).toThrow(/at most one/);
  });

  it('accepts only cursors shaped like the sort they continue', () => {
    const id = randomUUID();
    expect(() => checkCursor([0.42, id], true, 'after')).not.toThrow();
    expect(() => checkCursor(['Smith', 'Ann', id], false, 'after')).not.toThrow();
    expect(() => checkCursor(['Smith', 'Ann', id], true, 'after')).toThrow(/not a cursor/);
    expect(() => checkCursor([0.42, 'x'], true, 'after')).toThrow(/not a cursor/);
    expect(() => checkCursor(['Smith', 1, id], false, 'before')).toThrow(/before/);
  });
});
