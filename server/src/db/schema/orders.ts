import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { patients } from './patients.js';
import { practices } from './practices.js';
import { providers } from './providers.js';
import { appointments } from './scheduling.js';

/**
 * A clinician's order (lab, imaging, procedure, referral, durable equipment), tracked by staff to the end:
 * ORDERED → SCHEDULED → COLLECTED (lab) / PERFORMED → RESULTED → REVIEWED, or CANCELLED.
 */
export const orders = pgTable(
  'orders',
  {
    ...domainColumns(),
    patientId: uuid()
      .notNull()
      .references(() => patients.id),
    orderingProviderId: uuid()
      .notNull()
      .references(() => providers.id),
    /** LAB, IMAGING, PROCEDURE, REFERRAL or DME. */
    kind: text().notNull(),
    /** ICD-10-CM codes, normalized (no dot). */
    diagnosisCodes: text().array().notNull().default(sql`'{}'::text[]`),
    /** What is ordered: CPT, HCPCS or LOINC codes as text. */
    codes: text().array().notNull().default(sql`'{}'::text[]`),
    instructions: text(),
    /** ROUTINE, URGENT or STAT. */
    priority: text().notNull().default('ROUTINE'),
    dueDate: date({ mode: 'string' }),
    performingOrganization: text(),
    status: text().notNull().default('ORDERED'),
    scheduledFor: timestamp({ withTimezone: true }),
    /** The visit it is done at (a procedure visit). */
    appointmentId: uuid().references(() => appointments.id),
    collectedOrPerformedAt: timestamp({ withTimezone: true }),
    resultedAt: timestamp({ withTimezone: true }),
    /** The result it led to (a document or result reference). */
    resultReference: text(),
    reviewedBy: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    orderedBy: text().notNull(),
  },
  (t) => [
    index().on(t.practiceId, t.status, t.dueDate),
    index().on(t.practiceId, t.patientId),
    check('orders_kind', sql`${t.kind} in ('LAB', 'IMAGING', 'PROCEDURE', 'REFERRAL', 'DME')`),
    check('orders_status', sql`${t.status} in ('ORDERED', 'SCHEDULED', 'COLLECTED', 'PERFORMED', 'RESULTED', 'REVIEWED', 'CANCELLED')`),
    check('orders_priority', sql`${t.priority} in ('ROUTINE', 'URGENT', 'STAT')`),
  ],
);

/** Every step of an order, append-only: who moved it where and when. */
export const orderHistory = pgTable(
  'order_history',
  {
    seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    fromStatus: text(),
    toStatus: text().notNull(),
    note: text(),
    byUserId: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.practiceId, t.orderId, t.seq)],
);
