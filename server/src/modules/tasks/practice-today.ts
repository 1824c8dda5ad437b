import { type SQL, sql } from 'drizzle-orm';
import { locations } from '../../db/schema/locations.js';

/**
 * Today's calendar date for a practice, as SQL: the date now in the time zone of its first location
 * (UTC for a practice without locations). One uncorrelated subquery, evaluated once per statement, so a
 * list decides "overdue" and "due today" in the same statement that reads it.
 */
export function practiceToday(practiceId: string): SQL<string> {
  const zone = sql`(select ${locations.timeZone} from ${locations} where ${locations.practiceId} = ${practiceId} order by ${locations.createdAt}, ${locations.id} limit 1)`;
  return sql<string>`(now() at time zone coalesce(${zone}, 'UTC'))::date`;
}
