import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { locations } from './locations.js';

/**
 * Exam or treatment rooms of a location, for offices that room their patients (optional: an office
 * without rooms never creates any). A name is unique per location among active rooms, ignoring case;
 * a deactivated room keeps its name for history and frees it for a new room.
 */
export const rooms = pgTable(
  'rooms',
  {
    ...domainColumns(),
    locationId: uuid()
      .notNull()
      .references(() => locations.id),
    name: text().notNull(),
    active: boolean().notNull().default(true),
  },
  (t) => [
    index().on(t.practiceId, t.locationId),
    uniqueIndex('rooms_active_name_per_location').on(t.locationId, sql`lower(${t.name})`).where(sql`${t.active}`),
  ],
);
