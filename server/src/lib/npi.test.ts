import { describe, expect, it } from 'vitest';
import { isValidNpi, npiCheckDigit } from './npi.js';

describe('NPI', () => {
  it('accepts the CMS example NPI 1234567893', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    expect(npiCheckDigit('123456789')).toBe(3);
  });
  it('rejects a wrong check digit, wrong length and non-digits', () => {
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678931')).toBe(false);
    expect(isValidNpi('12345678a3')).toBe(false);
  });
});
