import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { ledgerEntries } from '../../db/schema/ledger.js';
import { patientPaymentRefunds, patientPayments } from '../../db/schema/patient-accounts.js';
import { practices } from '../../db/schema/practices.js';
import { superbills } from '../../db/schema/superbills.js';
import { isUuid } from '../../lib/uuid.js';
import type { OpenItem } from './payment-allocation.rules.js';

export type PaymentRow = typeof patientPayments.$inferSelect;
export type RefundRow = typeof patientPaymentRefunds.$inferSelect;
export type NewPaymentRow = Omit<typeof patientPayments.$inferInsert, 'practiceId' | 'createdAt' | 'updatedAt' | 'version'> & { id: string };
export type NewRefundRow = Omit<typeof patientPaymentRefunds.$inferInsert, 'practiceId' | 'createdAt' | 'updatedAt' | 'version'>;

const e = ledgerEntries;

/**
 * The patient's open balances by superbill (patient part > 0), oldest date of service first (one statement).
 */
export async function findOpenItems(db: Db, practiceId: string, patientId: string): Promise<OpenItem[]> {
  const open = sql<number>`sum(${e.patientCents})::bigint`.mapWith(Number);
  return db
    .select({ superbillId: sql<string>`${superbills.id}`, dateOfService: superbills.dateOfService, openCents: open })
    .from(e)
    .innerJoin(superbills, eq(superbills.id, e.superbillId))
    .where(and(eq(e.practiceId, practiceId), eq(e.patientId, patientId)))
    .groupBy(superbills.id, superbills.dateOfService, superbills.number)
    .having(gt(open, 0))
    .orderBy(asc(superbills.dateOfService), asc(superbills.number));
}

/** One payment of the practice by id (null when not found). */
export async function findPayment(db: Db, practiceId: string, id: string): Promise<PaymentRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(patientPayments).where(and(eq(patientPayments.practiceId, practiceId), eq(patientPayments.id, id)));
  return row ?? null;
}

/** The payment recorded under an idempotency key, if any. */
export async function findPaymentByKey(db: Db, practiceId: string, key: string): Promise<PaymentRow | null> {
  const [row] = await db.select().from(patientPayments).where(and(eq(patientPayments.practiceId, practiceId), eq(patientPayments.idempotencyKey, key)));
  return row ?? null;
}

/** Inserts a payment unless its key is taken (then null: read the winner). */
export async function insertPayment(tx: Db, practiceId: string, row: NewPaymentRow): Promise<PaymentRow | null> {
  const [inserted] = await tx.insert(patientPayments).values({ ...row, practiceId }).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** Records which ledger entries carry a payment's money (set once, right after posting them). */
export async function setPaymentEntries(tx: Db, practiceId: string, id: string, entryIds: string[]): Promise<PaymentRow> {
  const [row] = await tx.update(patientPayments).set({ ledgerEntryIds: entryIds }).where(and(eq(patientPayments.practiceId, practiceId), eq(patientPayments.id, id))).returning();
  return row!;
}

/** Payments of the practice by ids, any order. */
export function findPaymentsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<PaymentRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(patientPayments).where(and(eq(patientPayments.practiceId, practiceId), inArray(patientPayments.id, valid)));
}

/** The refunds of a payment, oldest first. */
export function findRefunds(db: Db, practiceId: string, paymentId: string): Promise<RefundRow[]> {
  return db.select().from(patientPaymentRefunds).where(and(eq(patientPaymentRefunds.practiceId, practiceId), eq(patientPaymentRefunds.paymentId, paymentId))).orderBy(asc(patientPaymentRefunds.createdAt));
}

/** The refund recorded under an idempotency key, if any. */
export async function findRefundByKey(db: Db, practiceId: string, key: string): Promise<RefundRow | null> {
  const [row] = await db.select().from(patientPaymentRefunds).where(and(eq(patientPaymentRefunds.practiceId, practiceId), eq(patientPaymentRefunds.idempotencyKey, key)));
  return row ?? null;
}

/** Inserts a refund unless its key is taken (then null). */
export async function insertRefund(tx: Db, practiceId: string, row: NewRefundRow): Promise<RefundRow | null> {
  const [inserted] = await tx.insert(patientPaymentRefunds).values({ ...row, practiceId }).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** Net patient-part amount per superbill (null: no superbill) of the given ledger entries. */
export function netBySuperbill(db: Db, practiceId: string, entryIds: readonly string[]): Promise<{ superbillId: string | null; cents: number }[]> {
  if (entryIds.length === 0) return Promise.resolve([]);
  return db
    .select({ superbillId: e.superbillId, cents: sql<number>`sum(${e.patientCents})::bigint`.mapWith(Number) })
    .from(e)
    .where(and(eq(e.practiceId, practiceId), inArray(e.id, [...entryIds])))
    .groupBy(e.superbillId);
}

/** The practice's name (for receipts and statements). */
export async function findPracticeName(db: Db, practiceId: string): Promise<string | null> {
  const [row] = await db.select({ name: practices.name }).from(practices).where(eq(practices.id, practiceId));
  return row?.name ?? null;
}
