import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { orders } from './orders.js';
import { patients } from './patients.js';
import { providers } from './providers.js';

/**
 * One lab message received (HL7 v2 ORU^R01 or a FHIR R4 bundle): stored once per sending facility and
 * message control id, so a message sent twice is acknowledged again without storing its results twice.
 */
export const labMessages = pgTable(
  'lab_messages',
  {
    ...domainColumns(),
    /** HL7V2 or FHIR. */
    format: text().notNull(),
    /** MSH-4 (HL7) or Bundle.meta.source / identifier system (FHIR). */
    sendingFacility: text().notNull(),
    /** MSH-10 (HL7) or Bundle.identifier.value / Bundle.id (FHIR). */
    controlId: text().notNull(),
    /** The raw message as received (kept for re-reading; never logged). */
    raw: text().notNull(),
    /** The partner client or user who posted it. */
    receivedBy: text().notNull(),
  },
  (t) => [uniqueIndex().on(t.practiceId, t.sendingFacility, t.controlId), check('lab_messages_format', sql`${t.format} in ('HL7V2', 'FHIR')`)],
);

/**
 * A lab report (an OBR or a DiagnosticReport) with its observations. A corrected report is a new row that
 * supersedes the previous version of the same report (same filler/placer number and code); the old row
 * stays readable. `patientId` is null while the report waits in the unmatched work queue.
 */
export const labResults = pgTable(
  'lab_results',
  {
    ...domainColumns(),
    messageId: uuid()
      .notNull()
      .references(() => labMessages.id),
    patientId: uuid().references(() => patients.id),
    orderId: uuid().references(() => orders.id),
    orderingProviderId: uuid().references(() => providers.id),
    /** Which report of the lab this is, across versions: filler number, else placer number, plus the code. */
    reportKey: text().notNull(),
    placerOrderNumber: text(),
    fillerOrderNumber: text(),
    /** The report code (LOINC when the lab sends one) and its text. */
    code: text().notNull(),
    codeSystem: text(),
    display: text(),
    /** PRELIMINARY, FINAL or CORRECTED (of the report as sent). */
    status: text().notNull(),
    /** 1 for the first version of a report, then +1 per correction. */
    revision: integer().notNull().default(1),
    supersedesId: uuid(),
    /** False once a later version superseded it. */
    current: boolean().notNull().default(true),
    effectiveAt: timestamp({ withTimezone: true }),
    issuedAt: timestamp({ withTimezone: true }),
    /** NORMAL, ABNORMAL or CRITICAL: the worst observation flag. */
    interpretation: text().notNull(),
    /** What the lab said about the patient (used to match, and shown in the unmatched queue). */
    sentPatient: jsonb().$type<{ mrn: string | null; givenName: string | null; familyName: string | null; dateOfBirth: string | null }>().notNull(),
    /** Which rule matched the patient: MRN, NAME_DOB, STAFF; null while unmatched. */
    matchedBy: text(),
    matchedAt: timestamp({ withTimezone: true }),
    matchedByUser: text(),
    reviewedBy: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    releasedBy: text(),
    releasedAt: timestamp({ withTimezone: true }),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.practiceId, t.patientId, t.receivedAt),
    index().on(t.practiceId, t.reportKey),
    uniqueIndex('lab_results_one_successor').on(t.supersedesId),
    index('lab_results_unmatched').on(t.practiceId, t.receivedAt).where(sql`${t.patientId} is null`),
    check('lab_results_status', sql`${t.status} in ('PRELIMINARY', 'FINAL', 'CORRECTED')`),
    check('lab_results_interpretation', sql`${t.interpretation} in ('NORMAL', 'ABNORMAL', 'CRITICAL')`),
    check('lab_results_matched_by', sql`${t.matchedBy} is null or ${t.matchedBy} in ('MRN', 'NAME_DOB', 'STAFF')`),
    check('lab_results_release_after_review', sql`${t.releasedAt} is null or ${t.reviewedAt} is not null`),
  ],
);

/** One observation (OBX or Observation) of a report, in the lab's order. */
export const labObservations = pgTable(
  'lab_observations',
  {
    seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    practiceId: uuid().notNull(),
    resultId: uuid()
      .notNull()
      .references(() => labResults.id),
    position: integer().notNull(),
    /** LOINC (or the lab's local code) as text. */
    code: text().notNull(),
    codeSystem: text(),
    display: text(),
    /** HL7 value type (NM, ST, TX, CWE, SN…) or the FHIR value[x] kind. */
    valueType: text(),
    value: text(),
    units: text(),
    referenceRange: text(),
    /** HL7 table 0078 flag as sent (N, L, H, LL, HH, A, AA…); null when none. */
    abnormalFlag: text(),
    /** NORMAL, ABNORMAL or CRITICAL, derived from the flag. */
    interpretation: text().notNull(),
    /** PRELIMINARY, FINAL, CORRECTED, CANCELLED or ENTERED_IN_ERROR (OBX-11 / Observation.status). */
    status: text().notNull(),
    observedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.resultId, t.position), check('lab_observations_interpretation', sql`${t.interpretation} in ('NORMAL', 'ABNORMAL', 'CRITICAL')`)],
);

export type LabResultRow = typeof labResults.$inferSelect;
export type LabObservationRow = typeof labObservations.$inferSelect;
export type LabMessageRow = typeof labMessages.$inferSelect;
