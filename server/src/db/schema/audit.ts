import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { practices } from './practices.js';

/**
 * Append-only audit trail of PHI reads and all writes. A trigger (hand-written migration) refuses
 * UPDATE and DELETE, so not even the application can alter history.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: text().notNull(),
    roles: text().array().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    patientId: uuid(),
    operationName: text(),
    requestId: text().notNull(),
  },
  (t) => [
    index().on(t.practiceId, t.at),
    index().on(t.practiceId, t.patientId, t.at),
    index().on(t.practiceId, t.userId, t.at),
  ],
);
