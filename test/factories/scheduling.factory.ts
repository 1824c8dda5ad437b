import type { Db } from '../../server/src/db/client.js';
import { providers } from '../../server/src/db/schema/providers.js';
import { appointmentTypes, availabilityRules } from '../../server/src/db/schema/scheduling.js';
import { linkProvider } from './catalog.factory.js';
import { createLocation } from './practice.factory.js';

let n = 0;

/** A provider row with a synthetic (Luhn-valid-looking, unique per test run) NPI. */
export async function insertProvider(db: Db, practiceId: string, overrides: Partial<typeof providers.$inferInsert> = {}) {
  n += 1;
  const [row] = await db
    .insert(providers)
    .values({ practiceId, givenName: `Prov${n}`, familyName: `Testdoc${n}`, credentials: 'MD', npi: `9${String(n).padStart(9, '0')}`, taxonomyCode: '207Q00000X', specialty: 'Family Medicine', ...overrides })
    .returning();
  return row!;
}

/** An appointment type row (30 minutes, in person or telehealth, no buffers, bookable a year ahead). */
export async function insertAppointmentType(db: Db, practiceId: string, overrides: Partial<typeof appointmentTypes.$inferInsert> = {}) {
  n += 1;
  const [row] = await db
    .insert(appointmentTypes)
    .values({ practiceId, name: `Visit ${n}`, durationMinutes: 30, modality: 'BOTH', maxAdvanceDays: 730, ...overrides })
    .returning();
  return row!;
}

/** Weekly hours on every weekday (1–7) for a provider at a location, from 2026-01-01; links the provider to the location too. */
export async function insertWeeklyHours(db: Db, practiceId: string, providerId: string, locationId: string, startTime = '08:00', endTime = '17:00', weekdays = [1, 2, 3, 4, 5, 6, 7]) {
  await linkProvider(db, practiceId, providerId, locationId);
  await db.insert(availabilityRules).values(weekdays.map((weekday) => ({ practiceId, providerId, locationId, weekday, startTime, endTime, effectiveFrom: '2026-01-01' })));
}

/** A practice's scheduling world: location (New York), provider working there with hours 08–17 daily, a 30-minute type. */
export async function schedulingWorld(db: Db, practiceId: string) {
  const location = await createLocation(db, practiceId);
  const provider = await insertProvider(db, practiceId);
  const type = await insertAppointmentType(db, practiceId);
  await insertWeeklyHours(db, practiceId, provider.id, location.id);
  return { location, provider, type };
}
