import type { StatementLineRow, StatementRow } from './statement.repo.js';
import type { StatementPlanSnapshot } from './statement-plan.rules.js';
import type { StatementCategory } from './statement.rules.js';
import type { PatientStatement, StatementLine } from './statement.type.js';

/** A stored statement as the API shows it. */
export function toStatement(r: StatementRow): PatientStatement {
  return {
    id: r.id, patientId: r.patientId, cycle: r.cycle, asOf: r.asOf, dueDate: r.dueDate, generatedAt: r.generatedAt, previousStatementId: r.previousStatementId,
    previousBalance: r.previousBalanceCents, newCharges: r.newChargesCents, insurancePayments: r.insurancePaymentsCents, adjustments: r.adjustmentsCents,
    patientPayments: r.patientPaymentsCents, insurancePending: r.insurancePendingCents, balanceDue: r.balanceDueCents,
    aging: { days0To30: r.aging0To30Cents, days31To60: r.aging31To60Cents, days61To90: r.aging61To90Cents, days91To120: r.aging91To120Cents, over120: r.agingOver120Cents },
    paymentPlan: toStatementPlan(r.paymentPlan as StatementPlanSnapshot | null),
  };
}

/** A stored statement line as the API shows it. */
export function toStatementLine(r: StatementLineRow): StatementLine {
  return { position: r.position, ledgerEntryId: r.ledgerEntryId, category: r.category as StatementCategory, description: r.description, effectiveDate: r.effectiveDate, dateOfService: r.dateOfService, amount: r.amountCents, patientAmount: r.patientCents };
}

function toStatementPlan(p: StatementPlanSnapshot | null): PatientStatement['paymentPlan'] {
  if (!p) return null;
  return {
    paymentPlanId: p.paymentPlanId, total: p.totalCents, paid: p.paidCents, remaining: p.remainingCents, amountDue: p.amountDueCents,
    installments: p.installments.map((i) => ({ number: i.number, dueDate: i.dueDate, amount: i.amountCents, paid: i.paidCents, status: i.status })),
  };
}
