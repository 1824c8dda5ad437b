import { and, eq, type SQL, sql } from 'drizzle-orm';
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

/** Whether a patient of the practice has this id (merged records cannot be booked), as a boolean expression to read inside a larger statement (id a well-formed uuid). */
export function bookablePatient(practiceId: string, id: string): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${patients} where ${patients.practiceId} = ${practiceId} and ${patients.id} = ${id} and ${patients.status} <> 'MERGED')`;
}
