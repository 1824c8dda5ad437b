import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { practices } from './practices.js';

/**
 * Append-only audit trail of PHI reads and all writes, one row per recorded batch: all the reads one
 * request flushed, or one write. `entity_types`, `entity_ids` and `patient_ids` are aligned arrays (one
 * element per entity; a patient id is null for an entity that belongs to no patient). A trigger
 * (hand-written migration) refuses UPDATE, DELETE and TRUNCATE, so not even the application can alter
 * history.
 */
export const auditBatches = pgTable(
  'audit_batches',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: text().notNull(),
    roles: text().array().notNull(),
    /** The partner client that acted (its tokens' subject is this id too); null for users. */
    clientId: text(),
    action: text().notNull(),
    operationName: text(),
    requestId: text().notNull(),
    entityTypes: text().array().notNull(),
    entityIds: text().array().notNull(),
    patientIds: uuid().array().$type<(string | null)[]>().notNull(),
  },
  (t) => [
    index().on(t.practiceId, t.at),
    index().on(t.practiceId, t.userId, t.at),
    // "Who accessed this patient": `patient_ids @> array[$1]`.
    index().using('gin', t.patientIds),
    // Aligned, one-dimensional, non-empty; every entity has a type and an id.
    check(
      'audit_batches_entities_aligned',
      sql`cardinality(${t.entityIds}) >= 1 and array_ndims(${t.entityIds}) = 1 and array_ndims(${t.entityTypes}) = 1 and array_ndims(${t.patientIds}) = 1 and cardinality(${t.entityTypes}) = cardinality(${t.entityIds}) and cardinality(${t.patientIds}) = cardinality(${t.entityIds}) and array_position(${t.entityTypes}, null) is null and array_position(${t.entityIds}, null) is null`,
    ),
  ],
);

