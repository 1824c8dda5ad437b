import { describe, expect, it } from 'vitest';
import { lateness } from './check-in.service.js';

describe('lateness', () => {
  const start = new Date('2027-01-12T14:00:00Z');
  it('allows a 10-minute grace period', () => {
    expect(lateness(start, new Date('2027-01-12T13:50:00Z'))).toEqual({ minutesLate: 0, late: false });
    expect(lateness(start, new Date('2027-01-12T14:10:00Z'))).toEqual({ minutesLate: 10, late: false });
    expect(lateness(start, new Date('2027-01-12T14:10:30Z'))).toEqual({ minutesLate: 10, late: true });
    expect(lateness(start, new Date('2027-01-12T14:25:00Z'))).toEqual({ minutesLate: 25, late: true });
  });
});
