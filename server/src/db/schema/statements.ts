import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { ledgerEntries } from './ledger.js';
import { patients } from './patients.js';

/**
 * A patient statement: an immutable snapshot (trigger `statements_immutable` refuses UPDATE/DELETE) of the
 * account for one monthly cycle. Its lines are the ledger entries that happened since the previous
 * statement; every entry is on at most one statement (`patient_statement_lines_entry`), so an entry is never
 * counted twice and one not yet on a statement goes on the next. All amounts are integer cents, signed as
 * in the ledger (what the patient owes grows with +).
 *
 * previous_balance + new_charges + insurance_payments + adjustments + patient_payments = account balance;
 * balance_due = account balance − insurance_pending (the patient's part) = Σ aging buckets.
 */
export const patientStatements = pgTable(
  'patient_statements',
  {
    ...domainColumns(),
    patientId: uuid().notNull().references(() => patients.id),
    /** The statement cycle: the month of `as_of`, `YYYY-MM`. One statement per patient and cycle. */
    cycle: text().notNull(),
    asOf: date({ mode: 'string' }).notNull(),
    dueDate: date({ mode: 'string' }).notNull(),
    previousStatementId: uuid().references((): AnyPgColumn => patientStatements.id),
    /** The account balance (insurance + patient part) on the previous statement; 0 on the first. */
    previousBalanceCents: integer().notNull(),
    newChargesCents: integer().notNull(),
    insurancePaymentsCents: integer().notNull(),
    adjustmentsCents: integer().notNull(),
    patientPaymentsCents: integer().notNull(),
    /** What insurance still owes on the account (not due from the patient yet). */
    insurancePendingCents: integer().notNull(),
    balanceDueCents: integer().notNull(),
    aging0To30Cents: integer('aging_0_30_cents').notNull(),
    aging31To60Cents: integer('aging_31_60_cents').notNull(),
    aging61To90Cents: integer('aging_61_90_cents').notNull(),
    aging91To120Cents: integer('aging_91_120_cents').notNull(),
    agingOver120Cents: integer('aging_over_120_cents').notNull(),
    /**
     * The patient's active payment plan as of the statement (null without one): its installments missed by
     * `as_of` and those falling due by `due_date`, with what the plan's payments covered by then
     * (`StatementPlanSnapshot`, statement.rules.ts). Part of the immutable snapshot.
     */
    paymentPlan: jsonb(),
    generatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: text().notNull(),
  },
  (t) => [
    uniqueIndex('patient_statements_cycle').on(t.practiceId, t.patientId, t.cycle),
    index('patient_statements_page').on(t.practiceId, t.asOf, t.id),
    index('patient_statements_patient').on(t.practiceId, t.patientId, t.asOf),
    check('patient_statements_cycle_format', sql`${t.cycle} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and ${t.cycle} = to_char(${t.asOf}, 'YYYY-MM')`),
    check('patient_statements_due', sql`${t.dueDate} > ${t.asOf}`),
    check(
      'patient_statements_sums',
      sql`${t.previousBalanceCents} + ${t.newChargesCents} + ${t.insurancePaymentsCents} + ${t.adjustmentsCents} + ${t.patientPaymentsCents} - ${t.insurancePendingCents} = ${t.balanceDueCents}
        and ${t.aging0To30Cents} + ${t.aging31To60Cents} + ${t.aging61To90Cents} + ${t.aging91To120Cents} + ${t.agingOver120Cents} = ${t.balanceDueCents}`,
    ),
  ],
);

/** One ledger entry as printed on a statement. */
export const patientStatementLines = pgTable(
  'patient_statement_lines',
  {
    ...domainColumns(),
    statementId: uuid().notNull().references(() => patientStatements.id),
    position: integer().notNull(),
    ledgerEntryId: uuid().notNull().references(() => ledgerEntries.id),
    /** NEW_CHARGE, INSURANCE_PAYMENT, ADJUSTMENT, PATIENT_PAYMENT or PATIENT_RESPONSIBILITY. */
    category: text().notNull(),
    description: text().notNull(),
    effectiveDate: date({ mode: 'string' }).notNull(),
    /** The visit's date of service, when the entry belongs to one. */
    dateOfService: date({ mode: 'string' }),
    /** The change of the account balance (insurance + patient part). */
    amountCents: integer().notNull(),
    /** The change of the patient's part. */
    patientCents: integer().notNull(),
  },
  (t) => [
    uniqueIndex('patient_statement_lines_position').on(t.statementId, t.position),
    uniqueIndex('patient_statement_lines_entry').on(t.ledgerEntryId),
    check('patient_statement_lines_category', sql`${t.category} in ('NEW_CHARGE', 'INSURANCE_PAYMENT', 'ADJUSTMENT', 'PATIENT_PAYMENT', 'PATIENT_RESPONSIBILITY')`),
  ],
);
