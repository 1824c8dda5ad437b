import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { locations } from './locations.js';
import { patients } from './patients.js';
import { practices } from './practices.js';
import { providers } from './providers.js';
import { appointments, appointmentTypes } from './scheduling.js';

/** A recall ("see in 6 weeks"): a visit that should be booked by a due date. */
export const recalls = pgTable(
  'recalls',
  {
    ...domainColumns(),
    patientId: uuid().notNull().references(() => patients.id),
    providerId: uuid().references(() => providers.id),
    locationId: uuid().notNull().references(() => locations.id),
    dueDate: date({ mode: 'string' }).notNull(),
    reason: text().notNull(),
    /** OPEN, SCHEDULED, DONE or CANCELLED. */
    status: text().notNull().default('OPEN'),
    originatingAppointmentId: uuid().references(() => appointments.id),
    createdBy: text().notNull(),
  },
  (t) => [
    index().on(t.practiceId, t.locationId, t.status, t.dueDate),
    index().on(t.practiceId, t.patientId),
    check('recalls_status', sql`${t.status} in ('OPEN', 'SCHEDULED', 'DONE', 'CANCELLED')`),
  ],
);

/** A preferred window in the location's local time: any of `weekdays` (ISO 1–7), from `start` to `end` (HH:MM). */
export interface PreferredTimeJson {
  weekdays: number[];
  start: string;
  end: string;
}

/** A patient waiting for an earlier slot. */
export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    ...domainColumns(),
    patientId: uuid().notNull().references(() => patients.id),
    providerId: uuid().references(() => providers.id),
    appointmentTypeId: uuid().notNull().references(() => appointmentTypes.id),
    locationId: uuid().notNull().references(() => locations.id),
    preferredTimes: jsonb().$type<PreferredTimeJson[]>().notNull().default([]),
    earliestDate: date({ mode: 'string' }),
    latestDate: date({ mode: 'string' }),
    /** WAITING, OFFERED, BOOKED or CANCELLED. */
    status: text().notNull().default('WAITING'),
    notes: text(),
    createdBy: text().notNull(),
  },
  (t) => [
    index().on(t.practiceId, t.locationId, t.status, t.createdAt),
    check('waitlist_entries_status', sql`${t.status} in ('WAITING', 'OFFERED', 'BOOKED', 'CANCELLED')`),
    check('waitlist_entries_dates', sql`${t.earliestDate} is null or ${t.latestDate} is null or ${t.earliestDate} <= ${t.latestDate}`),
  ],
);

/** A slot offered to a waitlisted patient, held by a HELD appointment until it expires or is answered. */
export const waitlistOffers = pgTable(
  'waitlist_offers',
  {
    ...domainColumns(),
    waitlistEntryId: uuid().notNull().references(() => waitlistEntries.id),
    appointmentId: uuid().notNull().references(() => appointments.id),
    /** PENDING, ACCEPTED, DECLINED or EXPIRED. */
    status: text().notNull().default('PENDING'),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    respondedAt: timestamp({ withTimezone: true }),
    offeredBy: text().notNull(),
  },
  (t) => [
    index().on(t.waitlistEntryId),
    uniqueIndex().on(t.appointmentId),
    check('waitlist_offers_status', sql`${t.status} in ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED')`),
  ],
);

/** Outbox of reminder messages for a sender worker. Rows move PENDING → SENT, CANCELLED or FAILED, once. */
export const reminderMessages = pgTable(
  'reminder_messages',
  {
    ...domainColumns(),
    appointmentId: uuid().notNull().references(() => appointments.id),
    /** SMS or EMAIL. */
    channel: text().notNull(),
    /** Minutes before the visit this reminder goes out. */
    offsetMinutes: integer().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** PENDING, SENT, CANCELLED or FAILED. */
    status: text().notNull().default('PENDING'),
    sentAt: timestamp({ withTimezone: true }),
    attemptCount: integer().notNull().default(0),
    lastErrorCode: text(),
    /** Stable per appointment, channel, offset and visit start: passed to the provider to de-duplicate. */
    idempotencyKey: text().notNull(),
  },
  (t) => [
    uniqueIndex().on(t.idempotencyKey),
    index().on(t.appointmentId),
    index('reminder_messages_pending_due').on(t.dueAt).where(sql`${t.status} = 'PENDING'`),
    check('reminder_messages_status', sql`${t.status} in ('PENDING', 'SENT', 'CANCELLED', 'FAILED')`),
    check('reminder_messages_channel', sql`${t.channel} in ('SMS', 'EMAIL')`),
    check('reminder_messages_sent', sql`(${t.status} = 'SENT') = (${t.sentAt} is not null)`),
  ],
);

/** A practice's reminder offsets (minutes before the visit); without a row the defaults apply. */
export const reminderPolicies = pgTable('reminder_policies', {
  practiceId: uuid()
    .primaryKey()
    .references(() => practices.id),
  offsetsMinutes: integer().array().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: integer().notNull().default(1),
});

/** The unguessable token behind an appointment's telehealth join link. */
export const telehealthLinks = pgTable(
  'telehealth_links',
  {
    ...domainColumns(),
    appointmentId: uuid().notNull().references(() => appointments.id),
    token: text().notNull(),
  },
  (t) => [uniqueIndex().on(t.appointmentId), uniqueIndex().on(t.token)],
);
