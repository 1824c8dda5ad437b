import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { locations } from '../../db/schema/locations.js';
import { patients } from '../../db/schema/patients.js';
import { providers } from '../../db/schema/providers.js';

export type LocationRow = typeof locations.$inferSelect;

/** One location of a practice, or null. */
export async function findLocation(db: Db, practiceId: string, id: string): Promise<LocationRow | null> {
  const [row] = await db.select().from(locations).where(and(eq(locations.practiceId, practiceId), eq(locations.id, id)));
  return row ?? null;
}

/** Whether an active provider of the practice has this id. */
export async function providerExists(db: Db, practiceId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: providers.id }).from(providers).where(and(eq(providers.practiceId, practiceId), eq(providers.id, id), eq(providers.active, true)));
  return !!row;
}

/** Whether a patient of the practice has this id (merged records cannot be booked). */
export async function bookablePatientExists(db: Db, practiceId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ status: patients.status }).from(patients).where(and(eq(patients.practiceId, practiceId), eq(patients.id, id)));
  return !!row && row.status !== 'MERGED';
}
