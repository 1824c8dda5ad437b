import { boolean, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { locations } from './locations.js';
import { practices } from './practices.js';

export const providers = pgTable(
  'providers',
  {
    ...domainColumns(),
    givenName: text().notNull(),
    familyName: text().notNull(),
    credentials: text(),
    npi: text().notNull(),
    taxonomyCode: text().notNull(),
    specialty: text().notNull(),
    active: boolean().notNull().default(true),
    /** Claims name the group (billing profile) as billing provider; false = the provider bills as an individual. */
    billsUnderGroup: boolean().notNull().default(true),
  },
  (t) => [uniqueIndex().on(t.practiceId, t.npi), index().on(t.practiceId, t.familyName, t.givenName, t.id)],
);

/** Which locations a provider works at. */
export const providerLocations = pgTable(
  'provider_locations',
  {
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    providerId: uuid()
      .notNull()
      .references(() => providers.id),
    locationId: uuid()
      .notNull()
      .references(() => locations.id),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.locationId] }), index().on(t.locationId)],
);
