import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { EligibilitySummary } from '../../x12/eligibility-summary.js';
import { domainColumns } from './columns.js';
import type { AddressJson } from './json-types.js';
import { patients } from './patients.js';
import { providers } from './providers.js';

/** The subscriber of a coverage when it is not the patient. */
export interface SubscriberJson {
  given: string;
  middle?: string | null;
  family: string;
  dateOfBirth: string;
  sex: 'FEMALE' | 'MALE' | 'UNKNOWN';
  address?: AddressJson | null;
}

/** Payer directory of a practice. */
export const payers = pgTable(
  'payers',
  {
    ...domainColumns(),
    name: text().notNull(),
    /** The payer id clearinghouses route on (NM1*PR … PI). */
    ediPayerId: text().notNull(),
    /** COMMERCIAL, MEDICARE, MEDICAID, TRICARE, WORKERS_COMP, AUTO, SELF_PAY, OTHER. */
    payerType: text().notNull(),
    /** Which clearinghouse route eligibility and claims go through (e.g. DEFAULT). */
    eligibilityRoute: text().notNull().default('DEFAULT'),
    claimsRoute: text().notNull().default('DEFAULT'),
    address: jsonb().$type<AddressJson>(),
    phone: text(),
    active: boolean().notNull().default(true),
    /** The payer wants modifier 95 on every line of a telehealth visit (superbills refuse lines without it). */
    telehealthModifier95: boolean().notNull().default(false),
    /** Days from the date of service within which the payer accepts a claim (the scrubber's timely-filing edit). */
    timelyFilingDays: integer().notNull().default(365),
    /** Days from a denial within which the payer accepts an appeal. */
    appealDays: integer().notNull().default(180),
    /** The payer wants a prior authorization number on every claim (when no eligibility answer says otherwise). */
    priorAuthorizationRequired: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex().on(t.practiceId, t.ediPayerId),
    index().on(t.practiceId, t.name),
    check('payers_claim_days', sql`${t.timelyFilingDays} between 1 and 3650 and ${t.appealDays} between 1 and 3650`),
  ],
);

/**
 * A patient's insurance. At most one ACTIVE coverage of each order per patient on any date: an
 * exclusion constraint (hand-written migration) over daterange(effective_date, end_date, '[]').
 */
export const coverages = pgTable(
  'coverages',
  {
    ...domainColumns(),
    patientId: uuid().notNull().references(() => patients.id),
    payerId: uuid().notNull().references(() => payers.id),
    planName: text(),
    memberId: text().notNull(),
    groupNumber: text(),
    /** SELF, SPOUSE, CHILD or OTHER. */
    subscriberRelationship: text().notNull(),
    subscriber: jsonb().$type<SubscriberJson>(),
    /** PRIMARY, SECONDARY or TERTIARY. */
    coverageOrder: text().notNull(),
    effectiveDate: date({ mode: 'string' }).notNull(),
    /** Last covered day; null = open-ended. */
    endDate: date({ mode: 'string' }),
    copayCents: integer(),
    /** ACTIVE or CANCELLED (entered in error). */
    status: text().notNull().default('ACTIVE'),
  },
  (t) => [
    index().on(t.practiceId, t.patientId),
    check('coverages_dates', sql`${t.endDate} is null or ${t.endDate} >= ${t.effectiveDate}`),
    check('coverages_subscriber', sql`(${t.subscriberRelationship} = 'SELF') = (${t.subscriber} is null)`),
    check('coverages_copay', sql`${t.copayCents} is null or ${t.copayCents} >= 0`),
  ],
);

/** Every version of a coverage, written in the same transaction as the change. */
export const coverageHistory = pgTable(
  'coverage_history',
  {
    ...domainColumns(),
    coverageId: uuid().notNull().references(() => coverages.id),
    coverageVersion: integer().notNull(),
    /** CREATE, UPDATE, REORDER or END. */
    action: text().notNull(),
    changedBy: text().notNull(),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex().on(t.coverageId, t.coverageVersion)],
);

/** One 270/271 exchange and its normalised outcome. Stored complete, in one statement. */
export const eligibilityChecks = pgTable(
  'eligibility_checks',
  {
    ...domainColumns(),
    coverageId: uuid().notNull().references(() => coverages.id),
    patientId: uuid().notNull().references(() => patients.id),
    providerId: uuid().notNull().references(() => providers.id),
    dateOfService: date({ mode: 'string' }).notNull(),
    serviceTypeCodes: text().array().notNull(),
    /** ELIGIBLE, NOT_ELIGIBLE or UNKNOWN. */
    outcome: text().notNull(),
    reason: text(),
    summary: jsonb().$type<EligibilitySummary>(),
    /** Copay the front desk should collect: the payer's answer, else the card's. */
    expectedCopayCents: integer(),
    interchangeControlNumber: integer().notNull(),
    traceNumber: text().notNull(),
    raw270: text().notNull(),
    raw271: text(),
    requestedBy: text().notNull(),
    /** Client-chosen key: a retried verifyEligibility returns the stored check instead of asking again. */
    idempotencyKey: text(),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    respondedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.practiceId, t.coverageId, t.dateOfService, t.requestedAt),
    index().on(t.practiceId, t.patientId, t.requestedAt),
    uniqueIndex().on(t.practiceId, t.idempotencyKey),
    check('eligibility_checks_outcome', sql`${t.outcome} in ('ELIGIBLE', 'NOT_ELIGIBLE', 'UNKNOWN')`),
  ],
);
