import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { documents } from './documents.js';
import { patients } from './patients.js';

/**
 * A release-of-information request: who asks for which of a patient's records and why, the patient's
 * signed authorization (a document version) and when it expires. REQUESTED → APPROVED / DENIED; APPROVED →
 * SENT, when the package (release_request_documents) is recorded. A SENT request is a disclosure: it is
 * what `disclosures(patientId)` lists (HIPAA accounting of disclosures).
 */
export const releaseRequests = pgTable(
  'release_requests',
  {
    ...domainColumns(),
    patientId: uuid()
      .notNull()
      .references(() => patients.id),
    /** The person the records go to. */
    requesterName: text().notNull(),
    requesterOrganization: text(),
    /** Where the package goes (address, fax, secure mail…), as the requester gave it. */
    deliverTo: text(),
    purpose: text().notNull(),
    /** Which records: document types (null = every type) and/or a document date range… */
    documentTypes: text().array(),
    fromDate: date({ mode: 'string' }),
    toDate: date({ mode: 'string' }),
    /** …or exactly these document versions (then types and dates are null). */
    documentIds: uuid().array(),
    /** The patient's signed authorization. */
    authorizationDocumentId: uuid()
      .notNull()
      .references(() => documents.id),
    /** The last calendar day (the practice's) the authorization allows a release. */
    authorizationExpiresOn: date({ mode: 'string' }).notNull(),
    /** REQUESTED, APPROVED, DENIED or SENT. */
    status: text().notNull().default('REQUESTED'),
    requestedBy: text().notNull(),
    decidedBy: text(),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    sentBy: text(),
    sentAt: timestamp({ withTimezone: true }),
    idempotencyKey: text(),
  },
  (t) => [
    index('release_requests_patient').on(t.practiceId, t.patientId, t.createdAt),
    index('release_requests_disclosures').on(t.practiceId, t.patientId, t.sentAt).where(sql`${t.status} = 'SENT'`),
    uniqueIndex('release_requests_idempotency').on(t.practiceId, t.idempotencyKey),
    check('release_requests_status', sql`${t.status} in ('REQUESTED', 'APPROVED', 'DENIED', 'SENT')`),
    check('release_requests_range', sql`${t.fromDate} is null or ${t.toDate} is null or ${t.fromDate} <= ${t.toDate}`),
    check('release_requests_selection', sql`(${t.documentIds} is null) or (${t.documentTypes} is null and ${t.fromDate} is null and ${t.toDate} is null)`),
    check('release_requests_sent', sql`(${t.status} = 'SENT') = (${t.sentAt} is not null) and (${t.sentAt} is null) = (${t.sentBy} is null)`),
    check('release_requests_decided', sql`(${t.status} = 'REQUESTED') = (${t.decidedAt} is null) and (${t.decidedAt} is null) = (${t.decidedBy} is null)`),
  ],
);

/** Every status change of a release request: from, to, who, when, why. Append-only. */
export const releaseRequestHistory = pgTable(
  'release_request_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    practiceId: uuid().notNull(),
    releaseRequestId: uuid()
      .notNull()
      .references(() => releaseRequests.id),
    fromStatus: text(),
    toStatus: text().notNull(),
    note: text(),
    changedBy: text().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.releaseRequestId, t.seq)],
);

/** The package of a SENT request: exactly which document versions were released. Append-only. */
export const releaseRequestDocuments = pgTable(
  'release_request_documents',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    releaseRequestId: uuid()
      .notNull()
      .references(() => releaseRequests.id),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
  },
  (t) => [uniqueIndex().on(t.releaseRequestId, t.documentId)],
);
