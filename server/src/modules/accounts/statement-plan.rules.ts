import { InstallmentStatus, planSchedule } from './payment-plan.rules.js';

/** One installment as a statement prints it: missed by the statement date, or falling due by its due date. */
export interface StatementInstallment {
  number: number;
  dueDate: string;
  amountCents: number;
  /** What the plan's payments covered of it by the statement date. */
  paidCents: number;
  status: InstallmentStatus.MISSED | InstallmentStatus.UPCOMING;
}

/** The payment plan part of a statement snapshot (stored as patient_statements.payment_plan). */
export interface StatementPlanSnapshot {
  paymentPlanId: string;
  totalCents: number;
  /** Paid toward the plan by the statement date (payments less their refunds). */
  paidCents: number;
  remainingCents: number;
  /** Σ (amount − paid) of the installments listed: what the plan asks for by the statement's due date. */
  amountDueCents: number;
  installments: StatementInstallment[];
}

/** A plan as the statement run reads it. */
export interface PlanForStatement {
  id: string;
  totalCents: number;
  installmentCount: number;
  firstDueDate: string;
  paidCents: number;
}

/**
 * What a statement dated `asOf` and due `dueDate` says about the patient's plan: the installments whose due
 * date passed (before `asOf`) without being covered — missed — and those falling due from `asOf` to
 * `dueDate` not yet paid in full — due this cycle — with the payments toward the plan by `asOf` filling
 * installments in order, as the plan's own schedule does.
 */
export function statementPlan(plan: PlanForStatement, asOf: string, dueDate: string): StatementPlanSnapshot {
  const paid = Math.min(Math.max(plan.paidCents, 0), plan.totalCents);
  const installments = planSchedule(plan.totalCents, plan.installmentCount, plan.firstDueDate, paid, asOf)
    .filter((i) => i.status === InstallmentStatus.MISSED || (i.status === InstallmentStatus.UPCOMING && i.dueDate <= dueDate))
    .map((i) => ({ ...i, status: i.status as StatementInstallment['status'] }));
  return {
    paymentPlanId: plan.id, totalCents: plan.totalCents, paidCents: paid, remainingCents: plan.totalCents - paid,
    amountDueCents: installments.reduce((s, i) => s + i.amountCents - i.paidCents, 0), installments,
  };
}
