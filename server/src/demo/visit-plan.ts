import { addDays } from '../lib/local-time.js';
import { instantOf, isoWeekday, localDateOf, minutesOfTime } from '../modules/scheduling/zoned-time.js';
import { type DemoOffice, type DemoType, demoHours } from './seed-office.js';
import type { Rng } from './synthetic.js';

/** One demo visit before it is stored. */
export interface PlannedVisit {
  providerId: string;
  locationId: string;
  patientId: string;
  type: DemoType;
  startsAt: Date;
  endsAt: Date;
  status: 'BOOKED' | 'CONFIRMED' | 'ARRIVED' | 'IN_ROOM' | 'COMPLETED' | 'NO_SHOW' | 'CANCELLED';
  modality: 'IN_PERSON' | 'TELEHEALTH';
  bookedAt: Date;
  arrivedAt?: Date;
  roomId?: string;
}

export const HISTORY_DAYS = 28;
export const FUTURE_DAYS = 21;
const SLOT_MINUTES = 30;
const MINUTE = 60_000;

/** Share of a provider's half-hour slots booked, by how far the day is from today. */
function fillRate(dayOffset: number): number {
  if (dayOffset <= 0) return 0.85;
  if (dayOffset <= 7) return 0.7;
  if (dayOffset <= 14) return 0.5;
  return 0.3;
}

function pickType(rng: Rng, types: DemoType[]): DemoType {
  let r = rng.next() * types.reduce((s, t) => s + t.weight, 0);
  for (const t of types) {
    r -= t.weight;
    if (r < 0) return t;
  }
  return types[types.length - 1]!;
}

/** Half-hour slot starts (minutes after midnight) of a provider's working hours on a weekday. */
function slotsOf(seat: number, weekday: number): number[] {
  return demoHours(seat, weekday).flatMap(([from, to]) => {
    const out: number[] = [];
    for (let m = minutesOfTime(from); m + SLOT_MINUTES <= minutesOfTime(to); m += SLOT_MINUTES) out.push(m);
    return out;
  });
}
const MAX_SLOTS_A_DAY = 48;

/**
 * The demo's visits from HISTORY_DAYS before today to FUTURE_DAYS after, in each provider's hours,
 * each in one half-hour slot (so a provider's visits never overlap). Patients are split between the
 * locations, and within one slot the providers of a location see distinct patients, so no patient is
 * booked twice at once. Statuses follow time: past visits completed (some no-shows and cancellations),
 * coming ones booked or confirmed; today is shaped by `shapeToday`.
 * @param pools - patient ids per location id (each at least as large as that location's provider count)
 */
export function planVisits(office: DemoOffice, pools: Map<string, string[]>, now: Date, rng: Rng): PlannedVisit[] {
  const visits: PlannedVisit[] = [];
  for (const p of office.providers) {
    const pool = pools.get(p.locationId) ?? [];
    if (pool.length < 8) continue;
    const today = localDateOf(p.zone, now.getTime());
    for (let d = -HISTORY_DAYS; d <= FUTURE_DAYS; d++) {
      const date = addDays(today, d);
      for (const [k, minutes] of slotsOf(p.seat, isoWeekday(date)).entries()) {
        if (rng.next() >= fillRate(d)) continue;
        const type = pickType(rng, office.types);
        const start = instantOf(p.zone, date, minutes);
        // Distinct patients for the providers of one location in one slot: seats differ by less than 8, and
        // 7919 is prime, so coprime with any pool smaller than itself.
        const patientId = pool[((((d + HISTORY_DAYS) * MAX_SLOTS_A_DAY + k) * 8 + p.seat) * 7919) % pool.length]!;
        const modality = type.modality === 'TELEHEALTH' || (type.modality === 'BOTH' && rng.next() < 0.2) ? 'TELEHEALTH' : 'IN_PERSON';
        const bookedAt = new Date(Math.min(now.getTime() - MINUTE, start - rng.int(1, 30) * 86_400_000));
        visits.push({ providerId: p.id, locationId: p.locationId, patientId, type, startsAt: new Date(start), endsAt: new Date(start + type.durationMinutes * MINUTE), status: 'BOOKED', modality, bookedAt });
      }
    }
  }
  for (const v of visits) settle(v, now, rng);
  shapeToday(visits, office, now);
  return visits;
}

/** Past visits: mostly completed, 6 % no-shows, 9 % cancelled; coming visits in the next three days are often confirmed. */
function settle(v: PlannedVisit, now: Date, rng: Rng): void {
  const r = rng.next();
  if (v.startsAt.getTime() <= now.getTime()) {
    v.status = r < 0.06 ? 'NO_SHOW' : r < 0.15 ? 'CANCELLED' : 'COMPLETED';
    if (v.status === 'COMPLETED') v.arrivedAt = new Date(v.startsAt.getTime() - rng.int(-8, 15) * MINUTE);
  } else if (v.startsAt.getTime() - now.getTime() < 3 * 86_400_000 && r < 0.5) {
    v.status = 'CONFIRMED';
  }
}

/**
 * Today at each location looks like a working day whenever the demo starts: visits that began in the
 * last 40 minutes are in a room (one patient a room) and the next two in-person patients have arrived
 * and are waiting. Before opening the first two patients have arrived early; after closing the last
 * visits of the day are still in progress.
 */
export function shapeToday(visits: PlannedVisit[], office: DemoOffice, now: Date): void {
  for (const [locationId, { zone }] of office.locations) {
    const today = localDateOf(zone, now.getTime());
    const day = visits
      .filter((v) => v.locationId === locationId && v.modality === 'IN_PERSON' && localDateOf(zone, v.startsAt.getTime()) === today && v.status !== 'CANCELLED' && v.status !== 'NO_SHOW')
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    if (day.length === 0) continue;
    const started = day.filter((v) => v.startsAt <= now);
    const upcoming = day.filter((v) => v.startsAt > now);
    const rooms = office.rooms.get(locationId) ?? [];
    const inRoom = upcoming.length === 0 ? started.slice(-Math.min(2, rooms.length)) : started.filter((v) => now.getTime() - v.startsAt.getTime() < 40 * MINUTE).slice(-rooms.length);
    const waiting = upcoming.length === 0 ? started.slice(-3, -2) : upcoming.slice(0, 2);
    for (const [i, v] of inRoom.entries()) Object.assign(v, { status: 'IN_ROOM', roomId: rooms[i], arrivedAt: new Date(Math.min(v.startsAt.getTime(), now.getTime()) - 7 * MINUTE) });
    for (const v of waiting) Object.assign(v, { status: 'ARRIVED', roomId: undefined, arrivedAt: new Date(now.getTime() - 6 * MINUTE) });
  }
}
