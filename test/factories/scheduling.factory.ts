import type { Db } from '../../server/src/db/client.js';
import { providers } from '../../server/src/db/schema/providers.js';
import { appointments, appointmentTypes, availabilityRules } from '../../server/src/db/schema/scheduling.js';
import { linkProvider } from './catalog.factory.js';
import { insertPatient } from './patient.factory.js';
import { createLocation, createPractice } from './practice.factory.js';

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

/** A new practice with `n` appointments on 2027-01-12 (New York) over three providers, inserted directly, three per half hour from 08:00. */
export async function busyDay(db: Db, n: number) {
  const practiceId = await createPractice(db);
  const { location, type } = await schedulingWorld(db, practiceId);
  const providers = await Promise.all(Array.from({ length: 3 }, () => insertProvider(db, practiceId)));
  const patients = await Promise.all(Array.from({ length: n }, () => insertPatient(db, practiceId)));
  const rows =
    n === 0
      ? []
      : await db
          .insert(appointments)
          .values(
            patients.map((p, i) => {
              const start = Date.parse('2027-01-12T13:00:00Z') + Math.floor(i / 3) * 30 * 60_000;
              return { practiceId, patientId: p.id, providerId: providers[i % 3]!.id, locationId: location.id, appointmentTypeId: type.id, startsAt: new Date(start), endsAt: new Date(start + 30 * 60_000), modality: 'IN_PERSON', placeOfServiceCode: '11' };
            }),
          )
          .returning({ id: appointments.id, patientId: appointments.patientId });
  return { practiceId, location, type, providers, patients, appointments: rows };
}
