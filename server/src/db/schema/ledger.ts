import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { claims } from './claims.js';
import { domainColumns } from './columns.js';
import { payers } from './insurance.js';
import { patients } from './patients.js';
import { remittances } from './remittances.js';
import { superbills } from './superbills.js';

/**
 * The practice's ledger: append-only, integer cents. A trigger (hand-written migration
 * `ledger_append_only`) refuses every UPDATE, DELETE and TRUNCATE, and checks a REVERSAL against the
 * entry it reverses; a correction is always a new, reversing entry. `version` stays 1 forever.
 *
 * Sign convention: `amount_cents` is the change of what is owed to the practice in `bucket`. Charges
 * and refunds are positive (the balance grows); payments, contractual adjustments and write-offs are
 * negative (it shrinks). A PATIENT_RESPONSIBILITY transfer moves a positive amount into PATIENT out of
 * `counter_bucket` (INSURANCE): +amount on the patient part, −amount on the insurance part, the total
 * unchanged. A COORDINATION_TRANSFER is the opposite move when a secondary payer takes over what the primary
 * left to the patient: +amount on the insurance part (bucket INSURANCE, on the secondary claim's line),
 * −amount on the patient part (counter_bucket PATIENT). A REVERSAL carries the exact negation of the entry it reverses (same buckets).
 * `insurance_cents` and `patient_cents` are that effect per part (generated), so every balance is a
 * plain sum of them.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    ...domainColumns(),
    /** Posting order (global identity): the keyset tie-breaker and the human-facing entry number. */
    number: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    /** CHARGE, INSURANCE_PAYMENT, CONTRACTUAL_ADJUSTMENT, PATIENT_RESPONSIBILITY, COORDINATION_TRANSFER, OTHER_ADJUSTMENT, PATIENT_PAYMENT, REFUND, WRITE_OFF, REVERSAL. */
    kind: text().notNull(),
    patientId: uuid().notNull().references(() => patients.id),
    claimId: uuid().references(() => claims.id),
    /** The claim line (LX number, from 1) the entry belongs to; only with claim_id. */
    claimLinePosition: integer(),
    superbillId: uuid().references(() => superbills.id),
    /** The superbill line (from 1); only with superbill_id. */
    superbillLinePosition: integer(),
    /** The 835 an insurance payment, adjustment, transfer or their reversal came from. */
    remittanceId: uuid().references(() => remittances.id),
    payerId: uuid().references(() => payers.id),
    /** INSURANCE or PATIENT: whose part of the balance `amount_cents` changes. */
    bucket: text().notNull(),
    /** The part a transfer takes the amount from (INSURANCE for PATIENT_RESPONSIBILITY); null otherwise. */
    counterBucket: text(),
    amountCents: integer().notNull(),
    insuranceCents: integer()
      .notNull()
      .generatedAlwaysAs(sql`(case when bucket = 'INSURANCE' then amount_cents else 0 end) - (case when counter_bucket = 'INSURANCE' then amount_cents else 0 end)`),
    patientCents: integer()
      .notNull()
      .generatedAlwaysAs(sql`(case when bucket = 'PATIENT' then amount_cents else 0 end) - (case when counter_bucket = 'PATIENT' then amount_cents else 0 end)`),
    /** Adjustment group (CO, PR, OA, PI, CR) of adjustments and transfers, as on an 835 CAS segment. */
    groupCode: text(),
    /** Claim adjustment reason code (CARC) of adjustments and transfers. */
    reasonCode: text(),
    /** Remittance advice remark codes (RARC), as received. */
    remarkCodes: text().array().notNull().default(sql`'{}'::text[]`),
    /** Why (required for WRITE_OFF and REVERSAL), or a memo. */
    reason: text(),
    reversesId: uuid().references((): AnyPgColumn => ledgerEntries.id),
    postedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    effectiveDate: date({ mode: 'string' }).notNull(),
    createdBy: text().notNull(),
    idempotencyKey: text(),
  },
  (t) => [
    // Keyset order of the list: (effective_date, number) under the practice, newest first.
    index('ledger_entries_page').on(t.practiceId, t.effectiveDate, t.number),
    // (ledger_entries_aging, once A/R aging's covering index, was dropped when aging moved to ar_items.)
    index('ledger_entries_patient').on(t.practiceId, t.patientId, t.effectiveDate, t.number),
    index('ledger_entries_claim').on(t.practiceId, t.claimId, t.claimLinePosition),
    index().on(t.superbillId),
    uniqueIndex('ledger_entries_idempotency').on(t.practiceId, t.idempotencyKey),
    // Exactly once: an entry is reversed by at most one entry.
    uniqueIndex('ledger_entries_reversed_once').on(t.reversesId),
    check('ledger_entries_kind', sql`${t.kind} in ('CHARGE', 'INSURANCE_PAYMENT', 'CONTRACTUAL_ADJUSTMENT', 'PATIENT_RESPONSIBILITY', 'COORDINATION_TRANSFER', 'OTHER_ADJUSTMENT', 'PATIENT_PAYMENT', 'REFUND', 'WRITE_OFF', 'REVERSAL')`),
    check('ledger_entries_bucket', sql`${t.bucket} in ('INSURANCE', 'PATIENT') and (${t.counterBucket} is null or (${t.counterBucket} in ('INSURANCE', 'PATIENT') and ${t.counterBucket} <> ${t.bucket}))`),
    check('ledger_entries_amount', sql`${t.amountCents} <> 0 and ${t.amountCents} between -100000000 and 100000000`),
    // A CHECK that evaluates to NULL passes: comparisons with a null column are wrapped in coalesce(…, false).
    // A payer's negative CO gives back part of an adjustment and a negative PR moves money back from the
    // patient to the insurance part: the opposite sign is allowed only on remittance entries.
    check(
      'ledger_entries_sign',
      sql`coalesce(case ${t.kind}
        when 'CHARGE' then ${t.amountCents} > 0
        when 'INSURANCE_PAYMENT' then ${t.amountCents} < 0 and ${t.bucket} = 'INSURANCE'
        when 'CONTRACTUAL_ADJUSTMENT' then (${t.amountCents} < 0 or ${t.remittanceId} is not null) and ${t.bucket} = 'INSURANCE'
        when 'PATIENT_RESPONSIBILITY' then (${t.amountCents} > 0 or ${t.remittanceId} is not null) and ${t.bucket} = 'PATIENT' and ${t.counterBucket} = 'INSURANCE'
        when 'COORDINATION_TRANSFER' then ${t.amountCents} > 0 and ${t.bucket} = 'INSURANCE' and ${t.counterBucket} = 'PATIENT' and ${t.claimId} is not null
        when 'PATIENT_PAYMENT' then ${t.amountCents} < 0 and ${t.bucket} = 'PATIENT'
        when 'REFUND' then ${t.amountCents} > 0
        when 'WRITE_OFF' then ${t.amountCents} < 0
        else true end, false)`,
    ),
    check('ledger_entries_transfer', sql`${t.counterBucket} is null or ${t.kind} in ('PATIENT_RESPONSIBILITY', 'COORDINATION_TRANSFER', 'REVERSAL')`),
    check(
      'ledger_entries_adjustment_codes',
      sql`coalesce(case ${t.kind}
        when 'CONTRACTUAL_ADJUSTMENT' then ${t.groupCode} = 'CO' and ${t.reasonCode} is not null
        when 'PATIENT_RESPONSIBILITY' then ${t.groupCode} = 'PR' and ${t.reasonCode} is not null
        when 'OTHER_ADJUSTMENT' then ${t.groupCode} in ('OA', 'PI', 'CR') and ${t.reasonCode} is not null
        when 'REVERSAL' then true
        else ${t.groupCode} is null end
        and (${t.reasonCode} is null or ${t.reasonCode} ~ '^[A-Z0-9]{1,3}$'), false)`,
    ),
    check('ledger_entries_reason', sql`${t.kind} not in ('WRITE_OFF', 'REVERSAL') or coalesce(length(btrim(${t.reason})) > 0, false)`),
    check('ledger_entries_reversal', sql`(${t.kind} = 'REVERSAL') = (${t.reversesId} is not null)`),
    check('ledger_entries_lines', sql`(${t.claimLinePosition} is null or (${t.claimId} is not null and ${t.claimLinePosition} between 1 and 50)) and (${t.superbillLinePosition} is null or (${t.superbillId} is not null and ${t.superbillLinePosition} between 1 and 50))`),
    check('ledger_entries_version', sql`${t.version} = 1`),
  ],
);
