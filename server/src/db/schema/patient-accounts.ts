import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { patients } from './patients.js';

/**
 * A payment a patient made (at the desk, by mail, by card). The money itself is in the ledger: one
 * PATIENT_PAYMENT entry per allocation (`ledger_entry_ids`, a superbill each, plus one without a superbill
 * for what stays as a credit). Card payments keep only what the processor returns: its reference and
 * the card's brand and last four digits — never a card number or the token that was charged.
 */
export const patientPayments = pgTable(
  'patient_payments',
  {
    ...domainColumns(),
    patientId: uuid().notNull().references(() => patients.id),
    /** CASH, CHECK or CARD. */
    method: text().notNull(),
    amountCents: integer().notNull(),
    /** The check number, as written on the check (CHECK only). */
    checkNumber: text(),
    processorReference: text(),
    cardBrand: text(),
    cardLast4: text(),
    effectiveDate: date({ mode: 'string' }).notNull(),
    ledgerEntryIds: uuid().array().notNull(),
    /** The payment plan this payment counts toward, if any. */
    paymentPlanId: uuid().references((): AnyPgColumn => paymentPlans.id),
    /** A digest of the request, so a replayed key with other content is told apart. */
    requestDigest: text().notNull(),
    idempotencyKey: text().notNull(),
    createdBy: text().notNull(),
  },
  (t) => [
    uniqueIndex('patient_payments_idempotency').on(t.practiceId, t.idempotencyKey),
    index('patient_payments_patient').on(t.practiceId, t.patientId, t.createdAt),
    index('patient_payments_plan').on(t.paymentPlanId),
    check('patient_payments_method', sql`${t.method} in ('CASH', 'CHECK', 'CARD')`),
    check('patient_payments_amount', sql`${t.amountCents} between 1 and 100000000`),
    check('patient_payments_card', sql`(${t.method} = 'CARD') = (${t.processorReference} is not null) and (${t.cardLast4} is null or ${t.cardLast4} ~ '^[0-9]{4}$')`),
  ],
);

/** Money given back from one payment: a REFUND ledger entry; the refunds of a payment never exceed it. */
export const patientPaymentRefunds = pgTable(
  'patient_payment_refunds',
  {
    ...domainColumns(),
    paymentId: uuid().notNull().references(() => patientPayments.id),
    amountCents: integer().notNull(),
    reason: text().notNull(),
    processorReference: text(),
    ledgerEntryIds: uuid().array().notNull(),
    requestDigest: text().notNull(),
    idempotencyKey: text().notNull(),
    createdBy: text().notNull(),
  },
  (t) => [
    uniqueIndex('patient_payment_refunds_idempotency').on(t.practiceId, t.idempotencyKey),
    index('patient_payment_refunds_payment').on(t.paymentId),
    check('patient_payment_refunds_amount', sql`${t.amountCents} between 1 and 100000000`),
  ],
);

/**
 * A payment plan: the patient pays `total_cents` of the balance in `installment_count` monthly installments
 * from `first_due_date` (the schedule is computed: equal installments, the last takes the remainder).
 * Payments recorded with the plan's id count toward it. ACTIVE until paid in full (COMPLETED) or cancelled
 * (CANCELLED: what was not paid is an ordinary balance again). One ACTIVE plan per patient.
 */
export const paymentPlans = pgTable(
  'payment_plans',
  {
    ...domainColumns(),
    patientId: uuid().notNull().references(() => patients.id),
    totalCents: integer().notNull(),
    installmentCount: integer().notNull(),
    firstDueDate: date({ mode: 'string' }).notNull(),
    status: text().notNull().default('ACTIVE'),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    /** What went back to the ordinary balance when the plan was cancelled. */
    releasedCents: integer(),
    requestDigest: text().notNull(),
    idempotencyKey: text().notNull(),
    createdBy: text().notNull(),
  },
  (t) => [
    uniqueIndex('payment_plans_idempotency').on(t.practiceId, t.idempotencyKey),
    uniqueIndex('payment_plans_one_active').on(t.practiceId, t.patientId).where(sql`${t.status} = 'ACTIVE'`),
    index('payment_plans_patient').on(t.practiceId, t.patientId, t.createdAt),
    check('payment_plans_status', sql`${t.status} in ('ACTIVE', 'COMPLETED', 'CANCELLED') and (${t.status} = 'CANCELLED') = (${t.cancelledAt} is not null)`),
    check('payment_plans_amounts', sql`${t.totalCents} between 1 and 100000000 and ${t.installmentCount} between 2 and 60 and ${t.totalCents} >= ${t.installmentCount}`),
  ],
);
