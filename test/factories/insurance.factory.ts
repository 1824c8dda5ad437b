import type { Db } from '../../server/src/db/client.js';
import { payers } from '../../server/src/db/schema/insurance.js';
import { providers } from '../../server/src/db/schema/providers.js';
import { appointments, appointmentTypes } from '../../server/src/db/schema/scheduling.js';
import { syntheticNpi } from '../../server/src/demo/synthetic.js';

let n = 0;

/** A provider row with a valid synthetic NPI. */
export async function insertProvider(db: Db, practiceId: string, overrides: Partial<typeof providers.$inferInsert> = {}) {
  n += 1;
  const [row] = await db
    .insert(providers)
    .values({ practiceId, givenName: `Prov${n}`, familyName: `Testdoc${n}`, npi: syntheticNpi(100000000 + n * 7 + Math.floor(Math.random() * 1000) * 100000), taxonomyCode: '207Q00000X', specialty: 'Family Medicine', ...overrides })
    .returning();
  return row!;
}

/** A payer row. */
export async function insertPayer(db: Db, practiceId: string, overrides: Partial<typeof payers.$inferInsert> = {}) {
  n += 1;
  const [row] = await db.insert(payers).values({ practiceId, name: `Test Payer ${n}`, ediPayerId: `TP${n}${Math.floor(Math.random() * 1e6)}`, payerType: 'COMMERCIAL', ...overrides }).returning();
  return row!;
}

/** An appointment row (and its appointment type) for a patient at a location. */
export async function insertAppointment(db: Db, practiceId: string, v: { patientId: string; providerId: string; locationId: string; startsAt: Date; status?: string }) {
  n += 1;
  const [type] = await db.insert(appointmentTypes).values({ practiceId, name: `Visit ${n}`, durationMinutes: 20, modality: 'IN_PERSON' }).returning();
  const [row] = await db
    .insert(appointments)
    .values({ practiceId, patientId: v.patientId, providerId: v.providerId, locationId: v.locationId, appointmentTypeId: type!.id, startsAt: v.startsAt, endsAt: new Date(v.startsAt.getTime() + 20 * 60_000), modality: 'IN_PERSON', placeOfServiceCode: '11', status: v.status ?? 'BOOKED' })
    .returning();
  return row!;
}
