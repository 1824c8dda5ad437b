import { type Column, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { locations } from '../../db/schema/locations.js';

/**
 * Today's calendar date for a practice, as SQL: the date now in the time zone of its first location
 * (UTC for a practice without locations). One uncorrelated subquery, evaluated once per statement, so a
 * list decides "overdue" and "due today" in the same statement that reads it. Given a practice id column
 * instead, it is correlated: each row's own practice's today (for sweeps over every practice).
 */
export function practiceToday(practiceId: string | Column): SQL<string> {
  const zone = sql`(select ${locations.timeZone} from ${locations} where ${locations.practiceId} = ${practiceId} order by ${locations.createdAt}, ${locations.id} limit 1)`;
  return sql<string>`(now() at time zone coalesce(${zone}, 'UTC'))::date`;
}

/** Today's date for a practice (see practiceToday), read in one statement for rules decided in code. */
export async function readPracticeToday(db: Db, practiceId: string): Promise<string> {
  const rows = await db.select({ today: sql<string>`${practiceToday(practiceId)}::text` }).from(sql`(select 1) as one`);
  return rows[0]!.today;
}
