import { describe, expect, it } from 'vitest';
import { placeOfServiceFor } from './place-of-service.js';

describe('placeOfServiceFor', () => {
  it('uses the location code in person', () => {
    expect(placeOfServiceFor('IN_PERSON', '11')).toBe('11');
    expect(placeOfServiceFor('IN_PERSON', '22', 'HOME')).toBe('22');
  });
  it('uses 10 for telehealth at home and 02 elsewhere or when unknown', () => {
    expect(placeOfServiceFor('TELEHEALTH', '11', 'HOME')).toBe('10');
    expect(placeOfServiceFor('TELEHEALTH', '11', 'OTHER')).toBe('02');
    expect(placeOfServiceFor('TELEHEALTH', '11')).toBe('02');
  });
});
