import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { practices } from '../../db/schema/practices.js';

/**
 * Whether a practice (tenant) exists.
 * @param db - database handle
 * @param practiceId - a UUID
 * @returns true when a practice row has this id
 */
export async function practiceExists(db: Db, practiceId: string): Promise<boolean> {
  const rows = await db.select({ id: practices.id }).from(practices).where(eq(practices.id, practiceId)).limit(1);
  return rows.length > 0;
}

/**
 * The name of a practice (printed on documents it sends out).
 * @returns the name, or null when no such practice
 */
export async function practiceName(db: Db, practiceId: string): Promise<string | null> {
  const [row] = await db.select({ name: practices.name }).from(practices).where(eq(practices.id, practiceId)).limit(1);
  return row?.name ?? null;
}
