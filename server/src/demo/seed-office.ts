import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { locations } from '../db/schema/locations.js';
import { providerLocations } from '../db/schema/providers.js';
import { rooms } from '../db/schema/rooms.js';
import { appointmentTypes, availabilityRules } from '../db/schema/scheduling.js';
import { addDays } from '../lib/local-time.js';
import { demoId } from './synthetic.js';

/** The demo office's visit kinds; `weight` is how often the demo books each one. */
export const DEMO_VISIT_TYPES = [
  { name: 'Follow-up visit', durationMinutes: 15, modality: 'BOTH', weight: 40, color: '#2f80ed', serviceTypeCode: '98' },
  { name: 'Sick visit', durationMinutes: 15, modality: 'IN_PERSON', weight: 20, color: '#eb5757', serviceTypeCode: 'UC' },
  { name: 'New patient visit', durationMinutes: 30, modality: 'IN_PERSON', weight: 15, color: '#27ae60', serviceTypeCode: '98' },
  { name: 'Annual physical', durationMinutes: 30, modality: 'IN_PERSON', weight: 15, color: '#9b51e0', serviceTypeCode: '81' },
  { name: 'Telehealth check-in', durationMinutes: 15, modality: 'TELEHEALTH', weight: 10, color: '#f2994a', serviceTypeCode: '98' },
] as const;

/** Office hours every demo provider works, local time, Monday to Friday (a lunch hour between). */
export const DEMO_HOURS = [
  ['08:00', '12:00'],
  ['13:00', '17:00'],
] as const;

/** The weekend clinic: the first two providers of each location also see patients Saturday and Sunday mornings. */
export const DEMO_WEEKEND_HOURS = [['09:00', '13:00']] as const;
export const DEMO_WEEKEND_SEATS = 2;

/** The hours a demo provider (by seat at the location) works on an ISO weekday. */
export function demoHours(seat: number, weekday: number): readonly (readonly [string, string])[] {
  if (weekday <= 5) return DEMO_HOURS;
  return seat < DEMO_WEEKEND_SEATS ? DEMO_WEEKEND_HOURS : [];
}

export const DEMO_ROOMS_PER_LOCATION = 4;

export interface DemoType {
  id: string;
  name: string;
  durationMinutes: number;
  modality: string;
  weight: number;
}

export interface DemoProvider {
  id: string;
  locationId: string;
  zone: string;
  /** Position among the providers of the same location (0-based). */
  seat: number;
}

export interface DemoOffice {
  types: DemoType[];
  providers: DemoProvider[];
  /** Room ids per location id, in name order. */
  rooms: Map<string, string[]>;
  /** Location id → place-of-service code and IANA zone. */
  locations: Map<string, { zone: string; pos: string }>;
}

/**
 * Sets the demo practice up as a working office: visit types, weekly hours for every provider at the
 * location they work at (weekdays, and weekend mornings for some, so the demo is alive any day;
 * effective from before the seeded history), and exam rooms per location.
 * @param from - first date the hours apply (the seeded history starts on or after it)
 */
export async function seedDemoOffice(tx: Db, practiceId: string, from: string): Promise<DemoOffice> {
  const typeRows = await tx
    .insert(appointmentTypes)
    .values(DEMO_VISIT_TYPES.map(({ weight: _w, ...t }, i) => ({ ...t, id: demoId(practiceId, `type-${i}`), practiceId, maxAdvanceDays: 180 })))
    .returning();
  const types = typeRows.map((r) => ({ id: r.id, name: r.name, durationMinutes: r.durationMinutes, modality: r.modality, weight: DEMO_VISIT_TYPES.find((t) => t.name === r.name)!.weight }));
  const locs = await tx.select().from(locations).where(eq(locations.practiceId, practiceId)).orderBy(asc(locations.name));
  const links = await tx.select().from(providerLocations).where(eq(providerLocations.practiceId, practiceId)).orderBy(asc(providerLocations.providerId));
  const seats = new Map<string, number>();
  const providers = links.map((l) => {
    const seat = seats.get(l.locationId) ?? 0;
    seats.set(l.locationId, seat + 1);
    return { id: l.providerId, locationId: l.locationId, zone: locs.find((x) => x.id === l.locationId)!.timeZone, seat };
  });
  await tx.insert(availabilityRules).values(
    providers.flatMap((p) =>
      [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => demoHours(p.seat, weekday).map(([startTime, endTime]) => ({ practiceId, providerId: p.id, locationId: p.locationId, weekday, startTime, endTime, effectiveFrom: addDays(from, -7) }))),
    ),
  );
  const roomRows = await tx
    .insert(rooms)
    .values(locs.flatMap((l) => Array.from({ length: DEMO_ROOMS_PER_LOCATION }, (_, i) => ({ practiceId, locationId: l.id, name: `Exam ${i + 1}` }))))
    .returning();
  const roomMap = new Map(locs.map((l) => [l.id, roomRows.filter((r) => r.locationId === l.id).map((r) => r.id)]));
  return { types, providers, rooms: roomMap, locations: new Map(locs.map((l) => [l.id, { zone: l.timeZone, pos: l.placeOfServiceCode }])) };
}
