import { and, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { patientPaymentRefunds, patientPayments, paymentPlans } from '../../db/schema/patient-accounts.js';
import { isUuid } from '../../lib/uuid.js';
import type { PlanForStatement } from './statement-plan.rules.js';

export type PlanRow = typeof paymentPlans.$inferSelect;
export type NewPlanRow = Omit<typeof paymentPlans.$inferInsert, 'practiceId' | 'createdAt' | 'updatedAt' | 'version'>;
/** A plan with what its payments (less their refunds) have paid so far. */
export type PlanWithPaid = PlanRow & { paidCents: number };

const p = paymentPlans;

/** What the payments recorded toward the plan paid, less their refunds (a correlated sum; drizzle leaves a single-table query's columns unqualified, so the outer id is named in full). */
const paid = sql<number>`coalesce((select sum(pp.amount_cents - coalesce((select sum(r.amount_cents) from ${patientPaymentRefunds} r where r.payment_id = pp.id), 0))
  from ${patientPayments} pp where pp.payment_plan_id = payment_plans.id), 0)::bigint`.mapWith(Number);

/**
 * Plans of the practice with what was paid toward each, newest first (one statement).
 * @param where - ids, patients, or ACTIVE only
 */
export function findPlans(db: Db, practiceId: string, where: { ids?: readonly string[]; patientIds?: readonly string[]; activeOnly?: boolean }): Promise<PlanWithPaid[]> {
  const conditions: SQL[] = [eq(p.practiceId, practiceId)];
  if (where.ids) {
    const valid = where.ids.filter(isUuid);
    if (valid.length === 0) return Promise.resolve([]);
    conditions.push(inArray(p.id, valid));
  }
  if (where.patientIds) {
    if (where.patientIds.length === 0) return Promise.resolve([]);
    conditions.push(inArray(p.patientId, [...where.patientIds]));
  }
  if (where.activeOnly) conditions.push(eq(p.status, 'ACTIVE'));
  return db.select({ ...getTableColumns(p), paidCents: paid }).from(p).where(and(...conditions)).orderBy(desc(p.createdAt), desc(p.id));
}

/** The plan made under an idempotency key, if any. */
export async function findPlanByKey(db: Db, practiceId: string, key: string): Promise<PlanRow | null> {
  const [row] = await db.select().from(p).where(and(eq(p.practiceId, practiceId), eq(p.idempotencyKey, key)));
  return row ?? null;
}

/** Inserts a plan unless its key is taken or the patient has an active plan (then null). */
export async function insertPlan(tx: Db, practiceId: string, row: NewPlanRow): Promise<PlanRow | null> {
  const [inserted] = await tx.insert(p).values({ ...row, practiceId }).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** Changes an ACTIVE plan's status (with the version bumped). @returns the row, or null when it was not ACTIVE */
export async function closePlan(tx: Db, practiceId: string, id: string, patch: Pick<NewPlanRow, 'status' | 'cancelledAt' | 'cancelReason' | 'releasedCents'>): Promise<PlanRow | null> {
  const [row] = await tx
    .update(p)
    .set({ ...patch, updatedAt: new Date(), version: sql`${p.version} + 1` })
    .where(and(eq(p.practiceId, practiceId), eq(p.id, id), eq(p.status, 'ACTIVE')))
    .returning();
  return row ?? null;
}

/**
 * The ACTIVE plans of these patients made by `asOf`, with what was paid toward each by then: payments
 * effective on or before `asOf`, less their refunds made by then (one statement; for statement runs).
 */
export async function findPlansForStatements(db: Db, practiceId: string, patientIds: readonly string[], asOf: string): Promise<(PlanForStatement & { patientId: string })[]> {
  if (patientIds.length === 0) return [];
  const result = await db.execute(sql`
    select p.id, p.patient_id as "patientId", p.total_cents as "totalCents", p.installment_count as "installmentCount", p.first_due_date::text as "firstDueDate",
           coalesce((select sum(pp.amount_cents - coalesce((select sum(r.amount_cents) from ${patientPaymentRefunds} r where r.payment_id = pp.id and r.created_at::date <= ${asOf}::date), 0))
                       from ${patientPayments} pp where pp.payment_plan_id = p.id and pp.effective_date <= ${asOf}::date), 0)::bigint as "paidCents"
      from ${paymentPlans} p
     where p.practice_id = ${practiceId} and p.patient_id in ${sql`(${sql.join(patientIds.map((id) => sql`${id}::uuid`), sql`, `)})`}
       and p.status = 'ACTIVE' and p.created_at::date <= ${asOf}::date`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    id: r.id as string, patientId: r.patientId as string, totalCents: Number(r.totalCents), installmentCount: Number(r.installmentCount), firstDueDate: r.firstDueDate as string, paidCents: Number(r.paidCents),
  }));
}
