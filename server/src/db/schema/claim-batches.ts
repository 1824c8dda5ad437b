import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { claims } from './claims.js';
import { domainColumns } from './columns.js';

/**
 * GS06 and ST02 of the claim files (ISA13 comes from x12_interchange_control_seq, shared with the 270s
 * so that an interchange number is never reused by the same sender).
 */
export const x12GroupControlSeq = pgSequence('x12_group_control_seq', { minValue: 1, maxValue: 999_999_999, cycle: true });
export const x12TransactionControlSeq = pgSequence('x12_transaction_control_seq', { minValue: 1, maxValue: 999_999_999, cycle: true });

/** One submitClaims request: its idempotency key and what it asked for (the sorted claim ids). */
export const claimSubmissions = pgTable(
  'claim_submissions',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    idempotencyKey: text().notNull(),
    /** The claim ids asked for, sorted and joined: a retry must ask for the same. */
    requestHash: text().notNull(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.practiceId, t.idempotencyKey)],
);

/**
 * One 837P interchange sent for one payer claims route, stored exactly as sent. Status: SENT (no 999
 * yet), SENT_UNKNOWN (the transport failed after the file may have left: never resent automatically),
 * ACCEPTED, PARTIALLY_ACCEPTED or REJECTED (by the 999).
 */
export const claimBatches = pgTable(
  'claim_batches',
  {
    ...domainColumns(),
    submissionId: uuid().notNull().references(() => claimSubmissions.id),
    claimsRoute: text().notNull(),
    ediPayerId: text().notNull(),
    status: text().notNull(),
    interchangeControlNumber: bigint({ mode: 'number' }).notNull(),
    groupControlNumber: bigint({ mode: 'number' }).notNull(),
    transactionControlNumber: bigint({ mode: 'number' }).notNull(),
    /** BHT03, echoed by the 277CA. */
    referenceId: text().notNull(),
    claimCount: integer().notNull(),
    x12: text().notNull(),
    /** Why the transport failed (SENT_UNKNOWN); no PHI. */
    transportError: text(),
    submittedBy: text().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('claim_batches_page').on(t.practiceId, t.createdAt, t.id),
    index().on(t.submissionId),
    // A late 999 finds its batch by AK1 (GS06), a late 277CA by its trace (BHT03 of ours).
    index('claim_batches_group_control').on(t.practiceId, t.groupControlNumber),
    index('claim_batches_reference').on(t.practiceId, t.referenceId),
    check('claim_batches_status', sql`${t.status} in ('SENT', 'SENT_UNKNOWN', 'ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED')`),
  ],
);

/** The claims of a batch. A claim revision goes out once: the unique key is the exactly-once guard. */
export const claimBatchClaims = pgTable(
  'claim_batch_claims',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    batchId: uuid().notNull().references(() => claimBatches.id),
    claimId: uuid().notNull().references(() => claims.id),
    revision: integer().notNull(),
    /** CLM01 as sent, to match the 277CA's TRN. */
    patientAccountNumber: text().notNull(),
    position: integer().notNull(),
  },
  (t) => [uniqueIndex('claim_batch_claims_once').on(t.claimId, t.revision), index().on(t.batchId, t.position)],
);

/** A 999 or 277CA received for a batch: raw, parsed (normalized jsonb) and the problems found reading it. */
export const claimAcknowledgments = pgTable(
  'claim_acknowledgments',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    batchId: uuid().notNull().references(() => claimBatches.id),
    /** 999, 277CA, or UNREADABLE (not an X12 answer we can read; kept raw with the reason). */
    kind: text().notNull(),
    controlNumber: text(),
    /** Null when the text could not be read at all. */
    accepted: boolean(),
    raw: text().notNull(),
    parsed: jsonb().$type<unknown>(),
    problems: jsonb().$type<string[]>().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** SHA-256 of the full text received: the same answer delivered again is applied once. */
    sha256: text(),
    /** The client's key when the answer came in through receiveClaimAcknowledgment (null: with the submission). */
    idempotencyKey: text(),
  },
  (t) => [
    index().on(t.batchId, t.receivedAt),
    uniqueIndex('claim_acknowledgments_key').on(t.practiceId, t.idempotencyKey),
    check('claim_acknowledgments_kind', sql`${t.kind} in ('999', '277CA', 'UNREADABLE')`),
  ],
);

/** One status of one claim from an acknowledgment (category, code, entity as the X12 gives them). */
export interface AckStatusJson {
  category: string;
  code: string;
  entity: string | null;
}

/** What an acknowledgment said about one claim of its batch. */
export const claimAcknowledgmentResults = pgTable(
  'claim_acknowledgment_results',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    acknowledgmentId: uuid().notNull().references(() => claimAcknowledgments.id),
    claimId: uuid().notNull().references(() => claims.id),
    revision: integer().notNull(),
    /** ACCEPTED, REJECTED or UNKNOWN. */
    outcome: text().notNull(),
    payerClaimNumber: text(),
    statuses: jsonb().$type<AckStatusJson[]>().notNull(),
    /** The rejection reasons (999 IK3/IK4 or 277CA category/code), no PHI. */
    reason: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.claimId, t.receivedAt), check('claim_ack_results_outcome', sql`${t.outcome} in ('ACCEPTED', 'REJECTED', 'UNKNOWN')`)],
);

/** A 276 sent for a claim and the 277 answer (normalized columns plus raw texts). */
export const claimStatusInquiries = pgTable(
  'claim_status_inquiries',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    claimId: uuid().notNull().references(() => claims.id),
    revision: integer().notNull(),
    interchangeControlNumber: bigint({ mode: 'number' }).notNull(),
    traceNumber: text().notNull(),
    /** ANSWERED, NO_RESPONSE (transport failure) or UNREADABLE (not a 277, or not an answer to this 276). */
    outcome: text().notNull(),
    reason: text(),
    category: text(),
    code: text(),
    entity: text(),
    payerClaimNumber: text(),
    chargeCents: integer(),
    paidCents: integer(),
    adjudicationDate: text(),
    checkDate: text(),
    checkNumber: text(),
    statuses: jsonb().$type<unknown[]>().notNull(),
    problems: jsonb().$type<string[]>().notNull(),
    raw276: text().notNull(),
    raw277: text(),
    requestedBy: text().notNull(),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    respondedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.claimId, t.requestedAt), check('claim_status_inquiries_outcome', sql`${t.outcome} in ('ANSWERED', 'NO_RESPONSE', 'UNREADABLE')`)],
);
