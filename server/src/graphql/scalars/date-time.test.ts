import { describe, expect, it } from 'vitest';
import { serializeDateTime, utcIsoText } from './date-time.js';

/** The general path the fast one must match: what the scalar did for every value before. */
const slow = (v: unknown) => {
  try {
    return (v instanceof Date ? v : new Date(String(v))).toISOString();
  } catch (err) {
    return `throws ${(err as Error).name}`;
  }
};
const fast = (v: unknown) => {
  try {
    return serializeDateTime(v);
  } catch (err) {
    return `throws ${(err as Error).name}`;
  }
};

// A deterministic spread of instants (xorshift), years 1 to 9999.
function* instants(n: number): Generator<number> {
  let x = 88172645;
  const min = Date.UTC(1, 0, 1) + 0;
  const span = Date.UTC(9999, 11, 31, 23, 59, 59, 999) - min;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    yield min + Math.floor(((x >>> 0) / 2 ** 32) * span);
  }
}

/** How PostgreSQL prints a timestamptz in JSON under TimeZone UTC: trailing zeros of the fraction dropped. */
function pgJson(ms: number, micros: number): string {
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const frac = `${iso.slice(20, 23)}${String(micros).padStart(3, '0')}`.replace(/0+$/, '');
  const base = iso.slice(0, 19);
  return `${base}${frac ? `.${frac}` : ''}+00:00`;
}

describe('DateTime serialize', () => {
  it('prints PostgreSQL UTC texts exactly as new Date(text).toISOString() does (microseconds, no fraction, years < 1000)', () => {
    let i = 0;
    for (const ms of instants(20_000)) {
      const micros = i++ % 3 === 0 ? 0 : Math.abs(ms * 7) % 1000;
      const text = pgJson(ms, micros);
      expect(utcIsoText(text), text).not.toBeNull();
      expect(fast(text), text).toBe(slow(text));
    }
  });

  it('matches the general path on edge texts, offsets and non-strings', () => {
    const values: unknown[] = [
      '2026-03-08T14:30:00+00:00',
      '2026-03-08T14:30:00.1+00:00',
      '2026-03-08T14:30:00.12+00:00',
      '2026-03-08T14:30:00.123456789+00:00',
      '2026-03-08T14:30:00.999999+00:00',
      '2026-03-08T14:30:00.000Z',
      '2026-03-08T14:30:00Z',
      '0999-12-31T23:59:59.5+00:00',
      '0001-01-01T00:00:00+00:00',
      '0000-01-01T00:00:00+00:00',
      '2024-02-29T12:00:00+00:00',
      '2023-02-29T12:00:00+00:00',
      '2100-02-29T12:00:00+00:00',
      '2000-02-29T12:00:00+00:00',
      '2026-04-31T00:00:00+00:00',
      '2026-13-01T00:00:00+00:00',
      '2026-00-10T00:00:00+00:00',
      '2026-01-00T00:00:00+00:00',
      '2026-01-01T24:00:00+00:00',
      '2026-01-01T23:60:00+00:00',
      '2026-01-01T23:59:60+00:00',
      '2026-03-08T14:30:00+02:00',
      '2026-03-08T14:30:00.123456-05:30',
      '2026-03-08T14:30:00+00',
      '2026-03-08 14:30:00+00',
      '12026-03-08T14:30:00+00:00',
      '2026-03-08T14:30:00.+00:00',
      'not a date',
      '',
      new Date('2026-03-08T14:30:00.123Z'),
      new Date(Date.UTC(999, 0, 1)),
      Date.UTC(2026, 2, 8),
    ];
    for (const v of values) expect(fast(v), String(v)).toBe(slow(v));
  });
});
