import { sql } from 'drizzle-orm';
import { bigint, check, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn, primaryKey } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { patients } from './patients.js';

/** PostgreSQL bytea; both drivers take a Buffer/Uint8Array (PGlite returns Uint8Array, postgres.js a Buffer). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A patient's document, one row per version. The content and what describes it never change (a trigger
 * refuses it); a new version is a new row linked by supersedes_id, and the old one is marked superseded_by_id.
 * Entered-in-error replaces delete (a trigger refuses DELETE and TRUNCATE).
 */
export const documents = pgTable(
  'documents',
  {
    ...domainColumns(),
    patientId: uuid()
      .notNull()
      .references(() => patients.id),
    /** REFERRAL_LETTER, OUTSIDE_RECORD, CONSENT, ID_CARD, INSURANCE_CARD, LAB_REPORT, CORRESPONDENCE, PAYER_CORRESPONDENCE, OTHER. */
    type: text().notNull(),
    title: text(),
    /** The date the document bears (not the upload date). */
    documentDate: date({ mode: 'string' }).notNull(),
    source: text(),
    author: text(),
    /** Detected from the content's magic bytes: application/pdf, image/png, image/jpeg, image/tiff, text/plain. */
    mediaType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    /** SHA-256 of the content, lowercase hex. */
    sha256: text().notNull(),
    content: bytea().notNull(),
    /** 1 for the first version, +1 for each superseding one. */
    revision: integer().notNull().default(1),
    supersedesId: uuid().references((): AnyPgColumn => documents.id),
    supersededById: uuid().references((): AnyPgColumn => documents.id),
    uploadedBy: text().notNull(),
    enteredInErrorAt: timestamp({ withTimezone: true }),
    enteredInErrorBy: text(),
    enteredInErrorReason: text(),
  },
  (t) => [
    index().on(t.practiceId, t.patientId, t.documentDate, t.id),
    uniqueIndex('documents_one_successor').on(t.supersedesId),
    check('documents_type', sql`${t.type} in ('REFERRAL_LETTER', 'OUTSIDE_RECORD', 'CONSENT', 'ID_CARD', 'INSURANCE_CARD', 'LAB_REPORT', 'CORRESPONDENCE', 'PAYER_CORRESPONDENCE', 'OTHER')`),
    check('documents_media_type', sql`${t.mediaType} in ('application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain')`),
    check('documents_size', sql`${t.sizeBytes} > 0 and ${t.sizeBytes} = octet_length(${t.content})`),
    check('documents_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('documents_revision', sql`(${t.revision} = 1) = (${t.supersedesId} is null)`),
    check('documents_entered_in_error', sql`(${t.enteredInErrorAt} is null) = (${t.enteredInErrorBy} is null) and (${t.enteredInErrorAt} is null) = (${t.enteredInErrorReason} is null)`),
  ],
);

/**
 * The pieces of an upload while its body streams in: written one by one inside the upload's transaction,
 * joined into `documents.content` by the database and deleted in that same transaction, so a committed
 * database never holds a row here and the server never holds the whole file.
 */
export const documentUploadParts = pgTable(
  'document_upload_parts',
  {
    uploadId: uuid().notNull(),
    seq: integer().notNull(),
    practiceId: uuid().notNull(),
    chunk: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.seq] })],
);
