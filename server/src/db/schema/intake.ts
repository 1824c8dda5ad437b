import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { patients } from './patients.js';
import { appointments } from './scheduling.js';

/** One question of an intake form version (validated by the intake module before it is stored). */
export interface IntakeQuestionJson {
  key: string;
  section: string;
  label: string;
  type: string;
  required: boolean;
  choices: string[] | null;
  /** The patient field a reviewed answer may update (DEMOGRAPHICS questions only), or null. */
  patientField: string | null;
}

/** A form the practice defines; its questions live in versions. */
export const intakeForms = pgTable(
  'intake_forms',
  {
    ...domainColumns(),
    name: text().notNull(),
    active: boolean().notNull().default(true),
    /** The newest version's number. */
    currentRevision: integer().notNull().default(1),
  },
  (t) => [uniqueIndex('intake_forms_name').on(t.practiceId, sql`lower(${t.name})`)],
);

/** One version of a form: its questions, frozen (a trigger refuses changes). */
export const intakeFormVersions = pgTable(
  'intake_form_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    formId: uuid()
      .notNull()
      .references(() => intakeForms.id),
    revision: integer().notNull(),
    questions: jsonb().$type<IntakeQuestionJson[]>().notNull(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.formId, t.revision), check('intake_form_versions_revision', sql`${t.revision} >= 1`)],
);

/**
 * A link sent to a patient for one appointment: one form version, a random token of which only the SHA-256
 * is kept, an expiry, and when it was used (once).
 */
export const intakeLinks = pgTable(
  'intake_links',
  {
    ...domainColumns(),
    appointmentId: uuid()
      .notNull()
      .references(() => appointments.id),
    patientId: uuid()
      .notNull()
      .references(() => patients.id),
    formVersionId: uuid()
      .notNull()
      .references(() => intakeFormVersions.id),
    tokenSha256: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    sentBy: text().notNull(),
  },
  (t) => [uniqueIndex('intake_links_token').on(t.tokenSha256), index('intake_links_appointment').on(t.practiceId, t.appointmentId, t.createdAt), check('intake_links_sha256', sql`${t.tokenSha256} ~ '^[0-9a-f]{64}$'`)],
);

/** The patient's answers as submitted through a link (immutable), and the staff review. */
export const intakeSubmissions = pgTable(
  'intake_submissions',
  {
    ...domainColumns(),
    linkId: uuid()
      .notNull()
      .references(() => intakeLinks.id),
    appointmentId: uuid()
      .notNull()
      .references(() => appointments.id),
    patientId: uuid()
      .notNull()
      .references(() => patients.id),
    formVersionId: uuid()
      .notNull()
      .references(() => intakeFormVersions.id),
    /** Question key → answer (string, number or boolean), as validated against the form version. */
    answers: jsonb().$type<Record<string, string | number | boolean>>().notNull(),
    /** The typed name of a consent signature, and when it was signed (the submission instant). */
    signatureName: text(),
    signedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    reviewedBy: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewNote: text(),
    /** The patient fields the review changed. */
    appliedFields: text().array(),
  },
  (t) => [uniqueIndex('intake_submissions_one_per_link').on(t.linkId), index('intake_submissions_appointment').on(t.practiceId, t.appointmentId), check('intake_submissions_signature', sql`(${t.signatureName} is null) = (${t.signedAt} is null)`), check('intake_submissions_review', sql`(${t.reviewedAt} is null) = (${t.reviewedBy} is null)`)],
);
