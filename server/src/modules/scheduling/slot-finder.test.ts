import { describe, expect, it } from 'vitest';
import { findSlots, refusalFor, type SlotQuery, type WeeklyRule } from './slot-finder.js';

const P = 'prov-1';
const type = { durationMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minNoticeMinutes: 0, maxAdvanceDays: 365 };
const rule = (weekday: number, startTime: string, endTime: string, extra: Partial<WeeklyRule> = {}): WeeklyRule => ({
  providerId: P, weekday, startTime, endTime, effectiveFrom: '2026-01-01', effectiveTo: null, ...extra,
});
const query = (zone: string, from: string, to: string, over: Partial<SlotQuery> = {}): SlotQuery => ({
  zone, from: Date.parse(from), to: Date.parse(to), now: Date.parse('2026-01-01T00:00:00Z'), type, rules: [], exceptions: [], bookings: [], ...over,
});
const every15 = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(`2026-01-01T${from}:00Z`) + i * 900_000).toISOString().slice(11, 16));
const starts = (q: SlotQuery) => findSlots(q, [P]).map((s) => new Date(s.start).toISOString().slice(11, 16));

describe('findSlots', () => {
  it('spring-forward day in New York: a 01:00–04:00 block is two real hours, no 02:xx slots', () => {
    const q = query('America/New_York', '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z', { rules: [rule(7, '01:00', '04:00')] });
    // 01:00 EST = 06:00Z, 03:00 EDT = 07:00Z
    expect(starts(q)).toEqual(every15('06:00', 7)); // 30-minute visits every 15 minutes, 06:00Z…07:30Z
  });

  it('fall-back day in New York: a 00:00–03:00 block is four real hours (01:xx happens twice)', () => {
    const q = query('America/New_York', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', { rules: [rule(7, '00:00', '03:00')] });
    expect(starts(q)).toEqual(every15('04:00', 15)); // 04:00Z (00:00 EDT) … 07:30Z (02:30 EST)
  });

  it('ordinary days on both sides of the change keep 09:00 local', () => {
    const q = query('America/New_York', '2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z', {
      rules: [rule(5, '09:00', '09:30'), rule(1, '09:00', '09:30')],
    });
    expect(findSlots(q, [P]).map((s) => new Date(s.start).toISOString())).toEqual(['2026-03-06T14:00:00.000Z', '2026-03-09T13:00:00.000Z']);
  });

  it('half-hour offset zones (Kolkata +05:30, Adelaide on its fall-back day)', () => {
    const k = query('Asia/Kolkata', '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z', { rules: [rule(1, '09:00', '10:00')] });
    expect(starts(k)).toEqual(['03:30', '03:45', '04:00']);
    // Adelaide leaves daylight time (+10:30 → +09:30) at 03:00 local on Sunday 2026-04-05.
    const a = query('Australia/Adelaide', '2026-04-04T12:00:00Z', '2026-04-05T12:00:00Z', { rules: [rule(7, '01:00', '04:00')] });
    expect(findSlots(a, [P]).length).toBe(15); // four real hours
    expect(new Date(findSlots(a, [P])[0]!.start).toISOString()).toBe('2026-04-04T14:30:00.000Z');
  });

  it('removes bookings with buffers, time off and blocks, adds extra hours', () => {
    const base = '2026-03-09T';
    const q = query('UTC', `${base}00:00:00Z`, `${base}23:59:00Z`, {
      rules: [rule(1, '09:00', '12:00')],
      type: { ...type, bufferAfterMinutes: 10 },
      bookings: [{ providerId: P, start: Date.parse(`${base}10:00:00Z`), end: Date.parse(`${base}10:30:00Z`), bufferBefore: 0, bufferAfter: 5 }],
      exceptions: [
        { providerId: P, kind: 'BLOCKED', start: Date.parse(`${base}11:30:00Z`), end: Date.parse(`${base}12:00:00Z`) },
        { providerId: P, kind: 'EXTRA_HOURS', start: Date.parse(`${base}13:00:00Z`), end: Date.parse(`${base}13:30:00Z`) },
      ],
    });
    // 09:15 ends 09:45 +10 buffer = 09:55 < 10:00 ok; 09:30 would end 10:00 + 10 > 10:00 no; after: 10:30 + 5 = 10:35 → 10:45.
    expect(starts(q)).toEqual(['09:00', '09:15', '10:45', '11:00', '13:00']);
  });

  it('honours minimum notice, maximum advance and effective dates', () => {
    const q = query('UTC', '2026-03-09T00:00:00Z', '2026-03-24T00:00:00Z', {
      now: Date.parse('2026-03-09T09:20:00Z'),
      type: { ...type, minNoticeMinutes: 60, maxAdvanceDays: 7 },
      rules: [rule(1, '09:00', '11:00', { effectiveTo: '2026-03-16' })],
    });
    expect(findSlots(q, [P]).map((s) => new Date(s.start).toISOString())).toEqual([
      '2026-03-09T10:30:00.000Z', '2026-03-16T09:00:00.000Z', '2026-03-16T09:15:00.000Z',
    ]);
  });
});

describe('refusalFor', () => {
  const q = query('UTC', '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z', {
    rules: [rule(1, '09:00', '12:00')],
    bookings: [{ providerId: P, start: Date.parse('2026-03-09T10:00:00Z'), end: Date.parse('2026-03-09T10:30:00Z'), bufferBefore: 0, bufferAfter: 0 }],
  });
  it('explains why a time cannot be booked', () => {
    expect(refusalFor(q, P, Date.parse('2026-03-09T09:00:00Z'))).toBeNull();
    expect(refusalFor(q, P, Date.parse('2026-03-09T09:45:00Z'))).toBe('OVERLAPS_BOOKING');
    expect(refusalFor(q, P, Date.parse('2026-03-09T11:45:00Z'))).toBe('OUTSIDE_AVAILABILITY');
    expect(refusalFor({ ...q, now: Date.parse('2026-03-09T09:30:00Z') }, P, Date.parse('2026-03-09T09:00:00Z'))).toBe('TOO_SOON');
    expect(refusalFor({ ...q, now: Date.parse('2025-01-01T00:00:00Z') }, P, Date.parse('2026-03-09T09:00:00Z'))).toBe('TOO_FAR_AHEAD');
  });
});
