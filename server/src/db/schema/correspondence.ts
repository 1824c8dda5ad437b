import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { patients } from './patients.js';

/** A document the contact refers to (a stored file, a fax image…): an opaque reference and a label. */
export interface ContactAttachmentJson {
  reference: string;
  label: string;
}

/** The correspondence log: every call, email, fax, portal message, letter or visit at the desk. */
export const contacts = pgTable(
  'contacts',
  {
    ...domainColumns(),
    /** PHONE, EMAIL, FAX, PORTAL_MESSAGE, LETTER or IN_PERSON. */
    channel: text().notNull(),
    /** INBOUND or OUTBOUND. */
    direction: text().notNull(),
    /** Not every call is about a patient. */
    patientId: uuid().references(() => patients.id),
    partyName: text(),
    partyOrganization: text(),
    partyPhone: text(),
    partyFax: text(),
    topic: text().notNull(),
    summary: text().notNull(),
    outcome: text(),
    attachments: jsonb().$type<ContactAttachmentJson[]>().notNull().default([]),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    loggedBy: text().notNull(),
  },
  (t) => [
    index().on(t.practiceId, t.occurredAt, t.id),
    index().on(t.practiceId, t.patientId, t.occurredAt),
    check('contacts_channel', sql`${t.channel} in ('PHONE', 'EMAIL', 'FAX', 'PORTAL_MESSAGE', 'LETTER', 'IN_PERSON')`),
    check('contacts_direction', sql`${t.direction} in ('INBOUND', 'OUTBOUND')`),
  ],
);
