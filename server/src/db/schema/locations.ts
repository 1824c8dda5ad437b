import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import type { AddressJson } from './json-types.js';

export const locations = pgTable(
  'locations',
  {
    ...domainColumns(),
    name: text().notNull(),
    address: jsonb().$type<AddressJson>().notNull(),
    phone: text(),
    timeZone: text().notNull(),
    placeOfServiceCode: text().notNull(),
    active: boolean().notNull().default(true),
  },
  (t) => [index().on(t.practiceId, t.name, t.id)],
);
