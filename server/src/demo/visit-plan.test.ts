import { describe, expect, it } from 'vitest';
import type { DemoOffice } from './seed-office.js';
import { prng } from './synthetic.js';
import { planVisits } from './visit-plan.js';

const NY = 'loc-ny';
const office: DemoOffice = {
  types: [
    { id: 't15', name: 'Follow-up visit', durationMinutes: 15, modality: 'BOTH', weight: 60 },
    { id: 't30', name: 'New patient visit', durationMinutes: 30, modality: 'IN_PERSON', weight: 40 },
  ],
  providers: [0, 1, 2, 3].map((seat) => ({ id: `p${seat}`, locationId: NY, zone: 'America/New_York', seat })),
  rooms: new Map([[NY, ['r1', 'r2', 'r3', 'r4']]]),
  locations: new Map([[NY, { zone: 'America/New_York', pos: '11' }]]),
};
const pools = new Map([[NY, Array.from({ length: 250 }, (_, i) => `patient-${i}`)]]);

const plan = (iso: string) => planVisits(office, pools, new Date(iso), prng(7));
const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

describe('the demo office plan', () => {
  it('is deterministic for a seed and an instant', () => {
    expect(plan('2026-12-02T15:00:00Z')).toEqual(plan('2026-12-02T15:00:00Z'));
  });

  it('never double-books a provider or a patient, nor puts two patients in one room', () => {
    const visits = plan('2026-12-02T15:00:00Z').filter((v) => v.status !== 'CANCELLED' && v.status !== 'NO_SHOW');
    const byKey = new Map<string, typeof visits>();
    for (const v of visits) for (const k of [`prov:${v.providerId}`, `pat:${v.patientId}`]) byKey.set(k, [...(byKey.get(k) ?? []), v]);
    for (const list of byKey.values()) {
      const sorted = [...list].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      for (let i = 1; i < sorted.length; i++) expect(overlaps(sorted[i - 1]!, sorted[i]!)).toBe(false);
    }
    const inRoom = visits.filter((v) => v.status === 'IN_ROOM');
    expect(new Set(inRoom.map((v) => v.roomId)).size).toBe(inRoom.length);
  });

  it('keeps the past settled and the future open', () => {
    const now = new Date('2026-12-02T15:00:00Z');
    const visits = plan(now.toISOString());
    const past = visits.filter((v) => v.endsAt < new Date(now.getTime() - 3_600_000));
    const future = visits.filter((v) => v.startsAt > new Date(now.getTime() + 86_400_000));
    expect(new Set(past.map((v) => v.status))).toEqual(new Set(['COMPLETED', 'NO_SHOW', 'CANCELLED']));
    expect(new Set(future.map((v) => v.status))).toEqual(new Set(['BOOKED', 'CONFIRMED']));
    expect(past.length).toBeGreaterThan(500);
    expect(future.length).toBeGreaterThan(200);
  });

  // 10:00 in New York (open), 06:00 (before opening) and 22:00 (after closing): today always shows
  // patients waiting, and patients in rooms whenever the day has begun.
  for (const [when, iso, roomed] of [
    ['during office hours', '2026-12-02T15:00:00Z', true],
    ['before opening', '2026-12-02T11:00:00Z', false],
    ['after closing', '2026-12-03T03:00:00Z', true],
    ['on a Sunday morning (the weekend clinic)', '2026-12-06T15:00:00Z', true],
  ] as const) {
    it(`shows today in progress ${when}`, () => {
      const visits = plan(iso);
      const waiting = visits.filter((v) => v.status === 'ARRIVED');
      expect(waiting.length).toBeGreaterThan(0);
      for (const v of waiting) expect(v.arrivedAt!.getTime()).toBeLessThanOrEqual(new Date(iso).getTime());
      expect(visits.some((v) => v.status === 'IN_ROOM')).toBe(roomed);
    });
  }
});
