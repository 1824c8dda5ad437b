import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import type { ContactAttachmentJson } from './correspondence.js';
import { waitlistEntries } from './engagement.js';
import type { AddressJson } from './json-types.js';
import { patients } from './patients.js';
import { practices } from './practices.js';
import { providers } from './providers.js';
import { appointments } from './scheduling.js';

/** The practice's directory of outside providers: specialists it refers to and offices that refer to it. */
export const externalProviders = pgTable(
  'external_providers',
  {
    ...domainColumns(),
    name: text().notNull(),
    npi: text().notNull(),
    taxonomyCode: text(),
    specialty: text(),
    organization: text(),
    address: jsonb().$type<AddressJson>(),
    phone: text(),
    fax: text(),
    /** Payers (ids of the practice's payers) the provider accepts. */
    acceptedPayerIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    active: boolean().notNull().default(true),
  },
  (t) => [uniqueIndex().on(t.practiceId, t.npi), check('external_providers_npi', sql`${t.npi} ~ '^[0-9]{10}$'`)],
);

/**
 * A referral. OUTGOING: the practice sends a patient to a specialist (DRAFT → SENT → SCHEDULED → SEEN →
 * REPORT_RECEIVED → CLOSED, or DECLINED / CANCELLED). INCOMING: an outside office sends a patient here
 * (RECEIVED → SCHEDULED → SEEN → CLOSED, or DECLINED / CANCELLED), with a booking request on the waitlist.
 */
export const referrals = pgTable(
  'referrals',
  {
    ...domainColumns(),
    direction: text().notNull(),
    patientId: uuid()
      .notNull()
      .references(() => patients.id),
    /** OUTGOING: our referring provider. INCOMING: the provider here the patient is referred to, if named. */
    providerId: uuid().references(() => providers.id),
    /** OUTGOING: the specialist. INCOMING: the referring outside provider. */
    externalProviderId: uuid()
      .notNull()
      .references(() => externalProviders.id),
    reason: text().notNull(),
    /** ICD-10-CM codes, normalized (no dot). */
    diagnosisCodes: text().array().notNull().default(sql`'{}'::text[]`),
    /** ROUTINE, URGENT or STAT. */
    urgency: text().notNull().default('ROUTINE'),
    attachments: jsonb().$type<ContactAttachmentJson[]>().notNull().default([]),
    authorizationNumber: text(),
    authorizedVisits: integer(),
    visitsUsed: integer().notNull().default(0),
    authorizationFrom: date({ mode: 'string' }),
    authorizationTo: date({ mode: 'string' }),
    status: text().notNull(),
    sentOn: date({ mode: 'string' }),
    /** The specialist's appointment (OUTGOING), or our visit's start (INCOMING). */
    scheduledFor: timestamp({ withTimezone: true }),
    seenOn: date({ mode: 'string' }),
    reportReceivedOn: date({ mode: 'string' }),
    reviewedBy: text(),
    declineReason: text(),
    /** INCOMING: the booking request the front desk works from the waitlist. */
    waitlistEntryId: uuid().references(() => waitlistEntries.id),
    /** INCOMING: our visit, once booked. */
    appointmentId: uuid().references(() => appointments.id),
    createdBy: text().notNull(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.practiceId, t.status, t.sentOn),
    index().on(t.practiceId, t.status, t.seenOn),
    index().on(t.practiceId, t.patientId),
    check('referrals_direction', sql`${t.direction} in ('OUTGOING', 'INCOMING')`),
    check('referrals_status', sql`${t.status} in ('DRAFT', 'RECEIVED', 'SENT', 'SCHEDULED', 'SEEN', 'REPORT_RECEIVED', 'CLOSED', 'DECLINED', 'CANCELLED')`),
    check('referrals_urgency', sql`${t.urgency} in ('ROUTINE', 'URGENT', 'STAT')`),
    check('referrals_visits', sql`${t.visitsUsed} >= 0 and (${t.authorizedVisits} is null or ${t.authorizedVisits} > 0)`),
    check('referrals_auth_dates', sql`${t.authorizationFrom} is null or ${t.authorizationTo} is null or ${t.authorizationFrom} <= ${t.authorizationTo}`),
  ],
);

/** Every status change of a referral, append-only: who, when, and a note. */
export const referralHistory = pgTable(
  'referral_history',
  {
    seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    referralId: uuid()
      .notNull()
      .references(() => referrals.id),
    fromStatus: text(),
    toStatus: text().notNull(),
    note: text(),
    byUserId: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.practiceId, t.referralId, t.seq)],
);
