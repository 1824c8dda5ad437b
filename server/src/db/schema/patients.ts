import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import type { AddressJson, ConsentsJson, EmergencyContactJson, PhoneJson } from './json-types.js';

export const patients = pgTable(
  'patients',
  {
    ...domainColumns(),
    mrn: text().notNull(),
    givenName: text().notNull(),
    middleName: text(),
    familyName: text().notNull(),
    preferredName: text(),
    dateOfBirth: date({ mode: 'string' }).notNull(),
    sexAtBirth: text().notNull(),
    genderIdentity: text(),
    phones: jsonb().$type<PhoneJson[]>().notNull().default([]),
    email: text(),
    address: jsonb().$type<AddressJson>(),
    preferredLanguage: text(),
    emergencyContacts: jsonb().$type<EmergencyContactJson[]>().notNull().default([]),
    consents: jsonb().$type<ConsentsJson>().notNull(),
    status: text().notNull().default('ACTIVE'),
    notes: text(),
    /** Lower-cased "given family" for trigram search; maintained by the database. */
    searchName: text()
      .notNull()
      .generatedAlwaysAs(sql`lower(given_name || ' ' || family_name)`),
    /** Digits of every phone number, space separated, for phone search. */
    phoneDigits: text().notNull().default(''),
  },
  (t) => [
    uniqueIndex().on(t.practiceId, t.mrn),
    index().on(t.practiceId, t.dateOfBirth),
    index().on(t.practiceId, t.familyName, t.givenName, t.id),
    index('patients_search_name_trgm').using('gin', sql`${t.searchName} gin_trgm_ops`),
    index('patients_phone_digits_trgm').using('gin', sql`${t.phoneDigits} gin_trgm_ops`),
  ],
);
