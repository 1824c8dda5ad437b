import type { Db } from '../../server/src/db/client.js';
import { locations } from '../../server/src/db/schema/locations.js';
import { practices } from '../../server/src/db/schema/practices.js';

let n = 0;

/** A new practice (tenant) for one test, so tests never collide and never clean up. */
export async function createPractice(db: Db, name = `Test Practice ${++n}`): Promise<string> {
  const [row] = await db.insert(practices).values({ name }).returning({ id: practices.id });
  return row!.id;
}

/** A location row for a practice. */
export async function createLocation(db: Db, practiceId: string, overrides: Partial<typeof locations.$inferInsert> = {}) {
  const [row] = await db
    .insert(locations)
    .values({ practiceId, name: `Test Location ${++n}`, timeZone: 'America/New_York', placeOfServiceCode: '11', address: { line1: '1 Test St', city: 'Testville', state: 'NY', postalCode: '10001', country: 'US' }, ...overrides })
    .returning();
  return row!;
}
