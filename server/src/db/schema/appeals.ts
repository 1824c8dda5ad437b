import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { claims } from './claims.js';
import { domainColumns } from './columns.js';
import { documents } from './documents.js';
import { payers } from './insurance.js';
import { patients } from './patients.js';
import { remittanceClaims, remittances } from './remittances.js';

/**
 * An appeal of a denied claim, or of one denied line of it, to the payer: why, the letter's argument, the
 * deadline (the remittance date + the payer's appeal days, frozen when the appeal is opened) and its
 * status DRAFT → SUBMITTED → WON / LOST, or WITHDRAWN. A won appeal's payment arrives as a new 835
 * (`outcome_remittance_id`). One open appeal (DRAFT or SUBMITTED) per claim line (line 0: the claim).
 */
export const appeals = pgTable(
  'appeals',
  {
    ...domainColumns(),
    /** Human-facing number (global identity). */
    number: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    claimId: uuid().notNull().references(() => claims.id),
    /** The denied line (LX, from 1); null: the whole claim. */
    claimLinePosition: integer(),
    patientId: uuid().notNull().references(() => patients.id),
    payerId: uuid().notNull().references(() => payers.id),
    /** The posted CLP that denied it. */
    remittanceClaimId: uuid().notNull().references(() => remittanceClaims.id),
    /** DRAFT, SUBMITTED, WON, LOST or WITHDRAWN. */
    status: text().notNull().default('DRAFT'),
    /** Why the denial is wrong, in a line (for lists). */
    reason: text().notNull(),
    /** The letter's argument, printed in the appeal letter. */
    letter: text().notNull(),
    /** What the denial took off (CO/OA/PI of the denied lines), cents. */
    deniedCents: integer().notNull(),
    /** The CARCs of the denial, as received. */
    reasonCodes: text().array().notNull().default(sql`'{}'::text[]`),
    remittanceDate: date({ mode: 'string' }).notNull(),
    deadline: date({ mode: 'string' }).notNull(),
    submittedAt: timestamp({ withTimezone: true }),
    decidedAt: timestamp({ withTimezone: true }),
    /** The 835 that paid a won appeal, when known. */
    outcomeRemittanceId: uuid().references(() => remittances.id),
    createdBy: text().notNull(),
    idempotencyKey: text(),
  },
  (t) => [
    // Keyset order of the list: deadline soonest first, then number.
    index('appeals_page').on(t.practiceId, t.deadline, t.number),
    index().on(t.practiceId, t.claimId),
    uniqueIndex('appeals_one_open_per_line').on(t.claimId, sql`coalesce(${t.claimLinePosition}, 0)`).where(sql`${t.status} in ('DRAFT', 'SUBMITTED')`),
    uniqueIndex('appeals_idempotency').on(t.practiceId, t.idempotencyKey),
    check('appeals_status', sql`${t.status} in ('DRAFT', 'SUBMITTED', 'WON', 'LOST', 'WITHDRAWN')`),
    check('appeals_money', sql`${t.deniedCents} >= 0`),
    check('appeals_line', sql`${t.claimLinePosition} is null or ${t.claimLinePosition} between 1 and 50`),
    check('appeals_outcome', sql`${t.outcomeRemittanceId} is null or ${t.status} = 'WON'`),
  ],
);

/** Every status change of an appeal: from, to, who, when, why. Append-only. */
export const appealHistory = pgTable(
  'appeal_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    practiceId: uuid().notNull(),
    appealId: uuid().notNull().references(() => appeals.id),
    /** Null for the creation. */
    fromStatus: text(),
    toStatus: text().notNull(),
    note: text(),
    changedBy: text().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.appealId, t.seq)],
);

/**
 * A patient document version attached to an appeal (payer correspondence, the appeal letter as sent): what
 * goes to the payer with it. Attached once per appeal and version; never removed (a document filed by
 * mistake is marked entered in error in the documents module, and shows so).
 */
export const appealDocuments = pgTable(
  'appeal_documents',
  {
    ...domainColumns(),
    appealId: uuid().notNull().references(() => appeals.id),
    documentId: uuid().notNull().references(() => documents.id),
    /** Why it is attached (what it shows), as the biller wrote it. */
    note: text(),
    attachedBy: text().notNull(),
  },
  (t) => [uniqueIndex('appeal_documents_once').on(t.appealId, t.documentId), index().on(t.practiceId, t.appealId)],
);
