import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { claims } from './claims.js';
import { domainColumns } from './columns.js';
import { patients } from './patients.js';
import { payers } from './insurance.js';

/** A problem or imbalance of a refused file, as stored (codes, positions and amounts only). */
export interface RemittanceIssueJson {
  kind: 'PROBLEM' | 'IMBALANCE';
  code: string;
  message: string;
  claimIndex: number | null;
  lineNumber: number | null;
}

/**
 * One 835 the practice received. A POSTED file is unique per practice by its idempotency key, its
 * SHA-256 and its payment trace (TRN02 + TRN03): posting the same file twice posts it once. A REFUSED
 * file (unreadable or unbalanced) is kept with its problems and posted nothing.
 */
export const remittances = pgTable(
  'remittances',
  {
    ...domainColumns(),
    /** POSTED or REFUSED. */
    status: text().notNull(),
    idempotencyKey: text().notNull(),
    /** Hex SHA-256 of the file as received. */
    fileSha256: text().notNull(),
    traceNumber: text(),
    /** TRN03: the payer's identifier on the trace. */
    tracePayerId: text(),
    interchangeControlNumber: text(),
    groupControlNumber: text(),
    transactionControlNumber: text(),
    payerName: text(),
    /** REF*2U of the payer loop, when sent. */
    payerIdentifier: text(),
    payeeNpi: text(),
    /** BPR02 signed by BPR03 (D negative). */
    totalCents: integer(),
    handlingCode: text(),
    paymentMethod: text(),
    paymentDate: date({ mode: 'string' }),
    productionDate: date({ mode: 'string' }),
    problems: jsonb().$type<RemittanceIssueJson[]>().notNull().default(sql`'[]'::jsonb`),
    /** The file as received (PHI: never exposed as a field). */
    rawX12: text().notNull(),
    postedBy: text().notNull(),
    postedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('remittances_key').on(t.practiceId, t.idempotencyKey).where(sql`${t.status} = 'POSTED'`),
    uniqueIndex('remittances_file').on(t.practiceId, t.fileSha256).where(sql`${t.status} = 'POSTED'`),
    uniqueIndex('remittances_trace').on(t.practiceId, t.tracePayerId, t.traceNumber).where(sql`${t.status} = 'POSTED'`),
    // Keyset order of the list: newest posting first.
    index('remittances_page').on(t.practiceId, t.postedAt, t.id),
    check('remittances_status', sql`${t.status} in ('POSTED', 'REFUSED')`),
  ],
);

/**
 * One CLP of a posted file. `claim_id` is null for a claim that matched nothing (the unmatched queue,
 * with `unmatched_reason`); `candidate_claim_id` names the claim it resembled when there was one.
 */
export const remittanceClaims = pgTable(
  'remittance_claims',
  {
    ...domainColumns(),
    remittanceId: uuid().notNull().references(() => remittances.id),
    /** 0-based order in the file. */
    claimIndex: integer().notNull(),
    claimId: uuid().references(() => claims.id),
    patientId: uuid().references(() => patients.id),
    payerId: uuid().references(() => payers.id),
    candidateClaimId: uuid().references(() => claims.id),
    /** POSTED, REVERSAL (undid earlier postings) or UNMATCHED. */
    outcome: text().notNull(),
    unmatchedReason: text(),
    /** Set when a later reversal (CLP02 22) undid this claim's postings. */
    reversedById: uuid(),
    patientAccountNumber: text().notNull(),
    payerClaimNumber: text(),
    statusCode: text().notNull(),
    chargeCents: integer().notNull(),
    paidCents: integer().notNull(),
    patientResponsibilityCents: integer(),
    claimFilingIndicator: text(),
    frequencyCode: text(),
    remarkCodes: text().array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex().on(t.remittanceId, t.claimIndex),
    index('remittance_claims_claim').on(t.practiceId, t.claimId),
    // Keyset order of the unmatched queue: newest first.
    index('remittance_claims_unmatched').on(t.practiceId, t.createdAt, t.id).where(sql`${t.outcome} = 'UNMATCHED'`),
    check('remittance_claims_outcome', sql`${t.outcome} in ('POSTED', 'REVERSAL', 'UNMATCHED') and (${t.outcome} = 'UNMATCHED') = (${t.claimId} is null) and (${t.outcome} = 'UNMATCHED') = (${t.unmatchedReason} is not null)`),
  ],
);

/** One SVC of a remittance claim, with the claim line it was matched to. */
export const remittanceLines = pgTable(
  'remittance_lines',
  {
    ...domainColumns(),
    remittanceClaimId: uuid().notNull().references(() => remittanceClaims.id),
    /** 1-based position of the SVC in its CLP. */
    lineNumber: integer().notNull(),
    /** The claim line (LX) it paid; null when the claim was not matched. */
    claimLinePosition: integer(),
    procedureQualifier: text().notNull(),
    procedureCode: text().notNull(),
    modifiers: text().array().notNull().default(sql`'{}'::text[]`),
    chargeCents: integer().notNull(),
    paidCents: integer().notNull(),
    allowedCents: integer(),
    units: integer().notNull(),
    serviceDate: date({ mode: 'string' }),
    lineItemControlNumber: text(),
    remarkCodes: text().array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [uniqueIndex().on(t.remittanceClaimId, t.lineNumber)],
);

/** One CAS adjustment (group + CARC + amount) of a claim (line_id null) or of a line. */
export const remittanceAdjustments = pgTable(
  'remittance_adjustments',
  {
    ...domainColumns(),
    remittanceClaimId: uuid().notNull().references(() => remittanceClaims.id),
    remittanceLineId: uuid().references(() => remittanceLines.id),
    /** 0-based order of the CAS triple within its parent (the claim, or the line) in the file. */
    position: integer().notNull(),
    groupCode: text().notNull(),
    reasonCode: text().notNull(),
    amountCents: integer().notNull(),
    quantity: integer(),
  },
  (t) => [index().on(t.remittanceClaimId), index().on(t.remittanceLineId)],
);

/** One PLB reason/amount pair: a provider-level adjustment (positive reduces the payment). */
export const remittanceProviderAdjustments = pgTable(
  'remittance_provider_adjustments',
  {
    ...domainColumns(),
    remittanceId: uuid().notNull().references(() => remittances.id),
    /** 0-based order in the file. */
    position: integer().notNull(),
    providerId: text().notNull(),
    fiscalPeriodDate: date({ mode: 'string' }),
    reasonCode: text().notNull(),
    reference: text(),
    amountCents: integer().notNull(),
  },
  (t) => [uniqueIndex().on(t.remittanceId, t.position)],
);

/** Claim adjustment reason codes (X12 external code source 139), global, imported from the code list. */
export const carcCodes = pgTable(
  'carc_codes',
  {
    code: text().notNull(),
    description: text().notNull(),
    inactive: boolean().notNull().default(false),
    startDate: date({ mode: 'string' }),
    stopDate: date({ mode: 'string' }),
    importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.code] })],
);

