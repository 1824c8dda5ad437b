import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The tenant. Every other domain table points here through practice_id. */
export const practices = pgTable('practices', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  taxId: text(),
  /** Next MRN sequence value; incremented under a row lock when a patient registers. */
  nextMrn: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: integer().notNull().default(1),
});
