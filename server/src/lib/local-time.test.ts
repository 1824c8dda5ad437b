import { describe, expect, it } from 'vitest';
import { addDays, localParts } from './local-time.js';

describe('localParts', () => {
  it('reads New York wall-clock time on both sides of the spring-forward change', () => {
    expect(localParts(new Date('2026-03-08T06:30:00Z'), 'America/New_York')).toEqual({ date: '2026-03-08', weekday: 7, time: '01:30' });
    expect(localParts(new Date('2026-03-08T07:30:00Z'), 'America/New_York')).toEqual({ date: '2026-03-08', weekday: 7, time: '03:30' });
  });
  it('handles a 30-minute offset zone and the date line', () => {
    expect(localParts(new Date('2026-01-05T20:00:00Z'), 'Asia/Kolkata')).toEqual({ date: '2026-01-06', weekday: 2, time: '01:30' });
  });
});

describe('addDays', () => {
  it('crosses months and leap days', () => {
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 42)).toBe('2027-02-11');
  });
});
