import type { PlanWithPaid } from './payment-plan.repo.js';
import { InstallmentStatus, planSchedule } from './payment-plan.rules.js';
import { type PaymentPlan, PaymentPlanStatus } from './payment-plan.type.js';

/** A plan as the API shows it, its schedule as of `today` (the practice calendar). */
export function toPlan(r: PlanWithPaid, today: string): PaymentPlan {
  const status = r.status as PaymentPlanStatus;
  const paid = Math.min(r.paidCents, r.totalCents);
  const schedule = planSchedule(r.totalCents, r.installmentCount, r.firstDueDate, paid, today).map((i) => ({ number: i.number, dueDate: i.dueDate, amount: i.amountCents, paid: i.paidCents, status: i.status }));
  return {
    id: r.id, patientId: r.patientId, total: r.totalCents, installmentCount: r.installmentCount, firstDueDate: r.firstDueDate, status, paid: r.paidCents,
    remaining: status === PaymentPlanStatus.ACTIVE ? r.totalCents - paid : 0, released: r.releasedCents, schedule,
    missedInstallments: status === PaymentPlanStatus.ACTIVE ? schedule.filter((i) => i.status === InstallmentStatus.MISSED).length : 0,
    createdAt: r.createdAt, cancelledAt: r.cancelledAt, cancelReason: r.cancelReason, version: r.version,
  };
}
