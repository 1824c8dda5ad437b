import { describe, expect, it } from 'vitest';
import { isPlaceOfServiceCode, placeOfServiceName } from './place-of-service.js';

describe('place-of-service codes', () => {
  it('accepts assigned codes: office, telehealth, hospital, lab, other', () => {
    for (const code of ['02', '10', '11', '12', '19', '20', '21', '22', '23', '49', '50', '71', '72', '81', '99']) {
      expect(isPlaceOfServiceCode(code), code).toBe(true);
    }
    expect(placeOfServiceName('11')).toBe('Office');
    expect(placeOfServiceName('10')).toBe('Telehealth provided in patient home');
  });

  it('rejects unassigned numbers, wrong lengths and non-digits', () => {
    for (const code of ['00', '28', '30', '35', '40', '43', '59', '63', '70', '80', '98', '1', '011', '1a', ' 11', '11 ', '', 'toString', '__proto__']) {
      expect(isPlaceOfServiceCode(code), JSON.stringify(code)).toBe(false);
    }
    expect(placeOfServiceName('28')).toBeNull();
  });
});
