import type { Db } from '../../server/src/db/client.js';
import { providers } from '../../server/src/db/schema/providers.js';
import { appointments, appointmentTypes } from '../../server/src/db/schema/scheduling.js';
import { linkProvider } from './catalog.factory.js';
import { createLocation, createPractice } from './practice.factory.js';

let n = 0;

/** A provider row with a synthetic (valid-format) NPI. */
export async function createProvider(db: Db, practiceId: string, overrides: Partial<typeof providers.$inferInsert> = {}) {
  n += 1;
  const [row] = await db
    .insert(providers)
    .values({ practiceId, givenName: `Provgiven${n}`, familyName: `Provfamily${n}`, npi: `9${String(n).padStart(9, '0')}`, taxonomyCode: '207Q00000X', specialty: 'Family Medicine', ...overrides })
    .returning();
  return row!;
}

/** An appointment type (30 minutes, in person or telehealth by default). */
export async function createAppointmentType(db: Db, practiceId: string, overrides: Partial<typeof appointmentTypes.$inferInsert> = {}) {
  n += 1;
  const [row] = await db
    .insert(appointmentTypes)
    .values({ practiceId, name: `Test Visit ${n}`, durationMinutes: 30, modality: 'BOTH', ...overrides })
    .returning();
  return row!;
}

/** Inserts an appointment row directly (BOOKED, in person, 30 minutes from `startsAt` unless overridden). */
export async function insertAppointment(
  db: Db,
  practiceId: string,
  refs: { patientId: string; providerId: string; locationId: string; appointmentTypeId: string },
  startsAt: Date,
  overrides: Partial<typeof appointments.$inferInsert> = {},
) {
  const [row] = await db
    .insert(appointments)
    .values({ practiceId, ...refs, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), modality: 'IN_PERSON', placeOfServiceCode: '11', ...overrides })
    .returning();
  return row!;
}

/** A new practice with one location, a provider who works there and an appointment type. */
export async function officeWithProvider(db: Db) {
  const practiceId = await createPractice(db);
  const location = await createLocation(db, practiceId);
  const provider = await createProvider(db, practiceId);
  await linkProvider(db, practiceId, provider.id, location.id);
  const type = await createAppointmentType(db, practiceId);
  return { practiceId, location, provider, type };
}
