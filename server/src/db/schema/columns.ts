import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';
import { practices } from './practices.js';

/** Columns every domain table carries: identity, tenant, timestamps and an optimistic-lock version. */
export const domainColumns = () => ({
  id: uuid().primaryKey().defaultRandom(),
  practiceId: uuid()
    .notNull()
    .references(() => practices.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: integer().notNull().default(1),
});
