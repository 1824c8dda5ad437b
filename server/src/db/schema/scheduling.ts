import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, time, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { locations } from './locations.js';
import { patients } from './patients.js';
import { providers } from './providers.js';
import { rooms } from './rooms.js';

/** Kinds of visit the office books: duration, modality, buffers and booking windows. */
export const appointmentTypes = pgTable(
  'appointment_types',
  {
    ...domainColumns(),
    name: text().notNull(),
    durationMinutes: integer().notNull(),
    /** IN_PERSON, TELEHEALTH or BOTH. */
    modality: text().notNull(),
    bufferBeforeMinutes: integer().notNull().default(0),
    bufferAfterMinutes: integer().notNull().default(0),
    minNoticeMinutes: integer().notNull().default(0),
    maxAdvanceDays: integer().notNull().default(180),
    color: text(),
    /** X12 service type (EB03) whose copay and coinsurance apply to this kind of visit: 98 office visit, UC urgent care, 81 routine physical… */
    serviceTypeCode: text().notNull().default('98'),
    active: boolean().notNull().default(true),
  },
  (t) => [
    uniqueIndex().on(t.practiceId, t.name),
    check('appointment_types_duration', sql`${t.durationMinutes} between 5 and 480`),
  ],
);

/**
 * Weekly recurring availability in the location's local wall-clock time, effective between two dates.
 * weekday: 1 = Monday … 7 = Sunday (ISO).
 */
export const availabilityRules = pgTable(
  'availability_rules',
  {
    ...domainColumns(),
    providerId: uuid().notNull().references(() => providers.id),
    locationId: uuid().notNull().references(() => locations.id),
    weekday: integer().notNull(),
    startTime: time().notNull(),
    endTime: time().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    effectiveTo: date({ mode: 'string' }),
    active: boolean().notNull().default(true),
  },
  (t) => [
    index().on(t.practiceId, t.providerId, t.locationId),
    check('availability_rules_weekday', sql`${t.weekday} between 1 and 7`),
    check('availability_rules_times', sql`${t.startTime} < ${t.endTime}`),
  ],
);

/** One-off changes to availability: TIME_OFF and BLOCKED remove time, EXTRA_HOURS adds it. Instants in UTC. */
export const availabilityExceptions = pgTable(
  'availability_exceptions',
  {
    ...domainColumns(),
    providerId: uuid().notNull().references(() => providers.id),
    locationId: uuid().references(() => locations.id),
    kind: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    reason: text(),
    active: boolean().notNull().default(true),
  },
  (t) => [index().on(t.practiceId, t.providerId, t.startsAt), check('availability_exceptions_range', sql`${t.startsAt} < ${t.endsAt}`)],
);

/**
 * A booked visit. [starts_at, ends_at) is half-open; the exclusion constraints (hand-written migration)
 * forbid two active appointments of one provider, or of one patient, from overlapping.
 */
export const appointments = pgTable(
  'appointments',
  {
    ...domainColumns(),
    patientId: uuid().notNull().references(() => patients.id),
    providerId: uuid().notNull().references(() => providers.id),
    locationId: uuid().notNull().references(() => locations.id),
    appointmentTypeId: uuid().notNull().references(() => appointmentTypes.id),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    /** HELD, BOOKED, CONFIRMED, ARRIVED, IN_ROOM, COMPLETED, CANCELLED, NO_SHOW, ENTERED_IN_ERROR. */
    status: text().notNull().default('BOOKED'),
    /** IN_PERSON or TELEHEALTH. */
    modality: text().notNull(),
    placeOfServiceCode: text().notNull(),
    reason: text(),
    notes: text(),
    telehealthUrl: text(),
    outsideAvailabilityOverride: boolean().notNull().default(false),
    followUpOfId: uuid(),
    rescheduledFromId: uuid(),
    idempotencyKey: text(),
    requestHash: text(),
    cancelReason: text(),
    cancelledBy: text(),
    cancelledAt: timestamp({ withTimezone: true }),
    checkIn: jsonb().$type<Record<string, unknown>>(),
    arrivedAt: timestamp({ withTimezone: true }),
    /** Set while status is HELD (a waitlist offer): the hold stops blocking once this passes. */
    holdExpiresAt: timestamp({ withTimezone: true }),
    /** The room the patient was put in (set on the move to IN_ROOM; kept afterwards as a record). */
    roomId: uuid().references(() => rooms.id),
    /** True while the appointment occupies time (not cancelled, no-show or entered in error). */
    active: boolean()
      .notNull()
      .generatedAlwaysAs(sql`status not in ('CANCELLED', 'NO_SHOW', 'ENTERED_IN_ERROR')`),
  },
  (t) => [
    index().on(t.practiceId, t.locationId, t.startsAt),
    index().on(t.practiceId, t.providerId, t.startsAt),
    index().on(t.practiceId, t.patientId, t.startsAt),
    uniqueIndex().on(t.practiceId, t.idempotencyKey),
    // The hold sweep finds expired holds of every practice here (few rows: HELD only).
    index().on(t.holdExpiresAt).where(sql`${t.status} = 'HELD'`),
    // One patient at a time per room: leaving IN_ROOM (completed, entered in error) frees it.
    uniqueIndex('appointments_one_in_room').on(t.roomId).where(sql`${t.status} = 'IN_ROOM'`),
    check('appointments_range', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

/** Every status change: who, when, from, to. */
export const appointmentStatusHistory = pgTable(
  'appointment_status_history',
  {
    ...domainColumns(),
    appointmentId: uuid().notNull().references(() => appointments.id),
    fromStatus: text(),
    toStatus: text().notNull(),
    changedBy: text().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    note: text(),
  },
  (t) => [index().on(t.appointmentId, t.changedAt)],
);
