import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { ClaimSnapshot } from '../../modules/claims/claim-snapshot.js';
import { domainColumns } from './columns.js';
import { coverages, payers } from './insurance.js';
import { locations } from './locations.js';
import { patients } from './patients.js';
import { providers } from './providers.js';
import { superbills } from './superbills.js';

/** One finding of the scrubber, as stored with the claim. */
export interface ScrubFindingJson {
  code: string;
  severity: 'ERROR' | 'WARNING';
  message: string;
  path: string;
}

/** The result of the last scrub of a claim. */
export interface ScrubResultJson {
  at: string;
  /** The claim revision that was scrubbed. */
  revision: number;
  clean: boolean;
  findings: ScrubFindingJson[];
}

/** Numbers of claims (the readable patient account number, CLM01, is built from it). */
export const claimNumberSeq = pgSequence('claim_number_seq', { startWith: 1000 });

/**
 * A claim to one payer: the frozen snapshot (what is billed) plus the columns lists filter and sort
 * on. `revision` counts resubmissions of the same claim after a rejection (starts at 1); `version` is
 * the optimistic lock of every row. A replacement (frequency 7) or void (8) is a new claim linked to its
 * original by `original_claim_id`.
 */
export const claims = pgTable(
  'claims',
  {
    ...domainColumns(),
    number: bigint({ mode: 'number' }).notNull(),
    /** CLM01: unique per practice. */
    patientAccountNumber: text().notNull(),
    superbillId: uuid().notNull().references(() => superbills.id),
    patientId: uuid().notNull().references(() => patients.id),
    payerId: uuid().notNull().references(() => payers.id),
    coverageId: uuid().notNull().references(() => coverages.id),
    renderingProviderId: uuid().references(() => providers.id),
    locationId: uuid().notNull().references(() => locations.id),
    /** DRAFT, READY, SUBMITTED, ACCEPTED, REJECTED, PAID, PARTIALLY_PAID, DENIED, CLOSED or VOIDED. */
    status: text().notNull().default('DRAFT'),
    /** 1 original, 7 replacement, 8 void. */
    frequencyCode: text().notNull().default('1'),
    revision: integer().notNull().default(1),
    originalClaimId: uuid().references((): AnyPgColumn => claims.id),
    /** The payer's responsibility for this claim (SBR01): P primary, S secondary, T tertiary. */
    payerResponsibility: text().notNull().default('P'),
    /** For a secondary (tertiary) claim: the claim to the payer before it, whose adjudication it carries. */
    priorPayerClaimId: uuid().references((): AnyPgColumn => claims.id),
    /** The payer's claim control number of this claim (from the acknowledgment or remittance). */
    payerClaimNumber: text(),
    dateOfService: date({ mode: 'string' }).notNull(),
    totalChargeCents: integer().notNull(),
    snapshot: jsonb().$type<ClaimSnapshot>().notNull(),
    lastScrub: jsonb().$type<ScrubResultJson>(),
    /** User id of who works the claim. */
    assigneeId: text(),
    nextFollowUpOn: date({ mode: 'string' }),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    createdBy: text().notNull(),
  },
  (t) => [
    // Keyset order of the list: newest date of service first, then number, id.
    index('claims_page').on(t.practiceId, t.dateOfService, t.number, t.id),
    index().on(t.practiceId, t.status, t.statusChangedAt),
    index().on(t.practiceId, t.patientId, t.dateOfService),
    index().on(t.superbillId),
    index().on(t.originalClaimId),
    uniqueIndex().on(t.practiceId, t.patientAccountNumber),
    uniqueIndex().on(t.number),
    index().on(t.priorPayerClaimId),
    // One live original claim per superbill and payer responsibility (createClaims and
    // createSecondaryClaim are idempotent on it).
    uniqueIndex('claims_one_original_per_superbill').on(t.superbillId, t.payerResponsibility).where(sql`${t.frequencyCode} = '1' and ${t.status} <> 'VOIDED'`),
    check('claims_payer_responsibility', sql`${t.payerResponsibility} in ('P', 'S', 'T') and (${t.payerResponsibility} = 'P') = (${t.priorPayerClaimId} is null)`),
    check('claims_status', sql`${t.status} in ('DRAFT', 'READY', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'PAID', 'PARTIALLY_PAID', 'DENIED', 'CLOSED', 'VOIDED')`),
    check('claims_frequency', sql`${t.frequencyCode} in ('1', '7', '8') and (${t.frequencyCode} = '1') = (${t.originalClaimId} is null)`),
    check('claims_revision', sql`${t.revision} >= 1`),
    check('claims_money', sql`${t.totalChargeCents} >= 0`),
  ],
);

/** Every status change of a claim: from, to, who, when, why. Append-only. */
export const claimStatusHistory = pgTable(
  'claim_status_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Order of the changes (several can share a transaction's timestamp). */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    practiceId: uuid().notNull(),
    claimId: uuid().notNull().references(() => claims.id),
    /** Null for the creation of the claim. */
    fromStatus: text(),
    toStatus: text().notNull(),
    revision: integer().notNull(),
    /** USER, SCRUB, SUBMISSION, ACKNOWLEDGMENT, STATUS_INQUIRY, REMITTANCE or SYSTEM. */
    source: text().notNull(),
    reason: text(),
    /** The submission batch or acknowledgment behind the change, when there is one. */
    reference: text(),
    changedBy: text().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.claimId, t.seq)],
);

/** Notes of the people working a claim. */
export const claimNotes = pgTable(
  'claim_notes',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    claimId: uuid().notNull().references(() => claims.id),
    body: text().notNull(),
    authorId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.claimId, t.createdAt)],
);
