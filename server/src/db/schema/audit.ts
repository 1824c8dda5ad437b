import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    action: text().notNull(),
    operationName: text(),
    requestId: text().notNull(),
    /** The partner client that acted, for client-credentials tokens (its tokens' subject is this id too); null for staff users. Hashed into the chain. */
    clientId: text(),
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


/** A sha256 as 64 lowercase hex digits. */
const hexHash = (column: string) => sql`${sql.identifier(column)} ~ '^[0-9a-f]{64}$'`;

/**
 * The tamper-evident chain over audit_batches, one link per batch, numbered 1, 2, 3… per practice in
 * commit order: `hash = sha256(previous link's hash bytes || canonical content of the batch)` (the first
 * link has no previous). A deferred trigger (hand-written migration) appends the link when the batch's
 * transaction commits, so links are never written by the application and never forked. Append-only.
 * See docs/operations.md ("Audit chain") for the canonical content and how to verify and anchor it.
 */
export const auditChain = pgTable(
  'audit_chain',
  {
    practiceId: uuid().notNull(),
    seq: bigint({ mode: 'number' }).notNull(),
    batchId: bigint({ mode: 'number' }).notNull(),
    hash: text().notNull(),
    /** When the link was made (the commit of the batch's transaction); not hashed. */
    linkedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.seq] }), uniqueIndex().on(t.batchId), check('audit_chain_hash_hex', hexHash('hash'))],
);

/**
 * The latest link of each practice's chain: the row the linking trigger locks and advances, so two
 * committing transactions take consecutive numbers. A cache of `audit_chain`'s last link, never trusted
 * by verification (which reads the links themselves).
 */
export const auditChainHeads = pgTable(
  'audit_chain_heads',
  {
    practiceId: uuid()
      .primaryKey()
      .references(() => practices.id),
    seq: bigint({ mode: 'number' }).notNull(),
    batchId: bigint({ mode: 'number' }).notNull(),
    hash: text().notNull(),
    linkedAt: timestamp({ withTimezone: true }).notNull(),
  },
  () => [check('audit_chain_heads_hash_hex', hexHash('hash'))],
);
