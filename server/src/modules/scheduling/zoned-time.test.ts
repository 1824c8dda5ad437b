import { describe, expect, it } from 'vitest';
import { dayBounds, instantOf, isoWeekday, localDateOf, offsetAt } from './zoned-time.js';

const NY = 'America/New_York';
const iso = (ms: number) => new Date(ms).toISOString();

describe('zoned time', () => {
  it('reads offsets including half-hour zones', () => {
    expect(offsetAt(NY, Date.parse('2026-07-01T12:00:00Z'))).toBe(-4 * 3600_000);
    expect(offsetAt(NY, Date.parse('2026-01-01T12:00:00Z'))).toBe(-5 * 3600_000);
    expect(offsetAt('Asia/Kolkata', Date.parse('2026-01-01T12:00:00Z'))).toBe(5.5 * 3600_000);
  });

  it('moves a wall time skipped by spring-forward to after the gap', () => {
    expect(iso(instantOf(NY, '2026-03-08', 150))).toBe('2026-03-08T07:30:00.000Z'); // 02:30 → 03:30 EDT
    expect(iso(instantOf(NY, '2026-03-08', 180))).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
  });

  it('takes the earlier of two wall times on a fall-back day', () => {
    expect(iso(instantOf(NY, '2026-11-01', 90))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(iso(instantOf(NY, '2026-11-01', 120))).toBe('2026-11-01T07:00:00.000Z'); // 02:00 EST
  });

  it('gives 23- and 25-hour days', () => {
    const [a, b] = dayBounds(NY, '2026-03-08');
    expect((b - a) / 3600_000).toBe(23);
    const [c, d] = dayBounds(NY, '2026-11-01');
    expect((d - c) / 3600_000).toBe(25);
    const [e, f] = dayBounds('Australia/Adelaide', '2026-04-05');
    expect((f - e) / 3600_000).toBe(25);
  });

  it('finds local dates and weekdays', () => {
    expect(localDateOf(NY, Date.parse('2026-03-09T03:00:00Z'))).toBe('2026-03-08');
    expect(localDateOf('Asia/Kolkata', Date.parse('2026-03-08T19:00:00Z'))).toBe('2026-03-09');
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(isoWeekday('2026-03-09')).toBe(1);
  });
});
