import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, type FieldProblem, notFound, versionConflict } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { sumByPatients } from '../ledger/ledger-balance.repo.js';
import { keyReused, practiceToday } from '../ledger/ledger-post.service.js';
import { lockPatients, patientExists } from '../ledger/ledger.repo.js';
import { amountProblems } from '../ledger/ledger.rules.js';
import type { CancelPaymentPlanInput, CreatePaymentPlanInput } from './payment-plan.inputs.js';
import { toPlan } from './payment-plan.mapper.js';
import * as repo from './payment-plan.repo.js';
import { InstallmentStatus } from './payment-plan.rules.js';
import type { PaymentPlan } from './payment-plan.type.js';

/**
 * Sets up a payment plan over part of the patient's balance (under the patient's lock, so the balance it is
 * checked against is current). Retry-safe on the key; a patient has one ACTIVE plan at a time.
 * @returns the plan (replayed when the key was used before)
 * @throws BAD_USER_INPUT (total not positive, over the balance or under one cent per installment; first due
 *   date in the past; the patient already has an active plan), NOT_FOUND (patient), IDEMPOTENCY_KEY_REUSED
 */
export async function createPaymentPlan(db: Db, principal: Principal, audit: AuditTrail, input: CreatePaymentPlanInput): Promise<{ plan: PaymentPlan; replayed: boolean }> {
  const { practiceId, userId } = principal;
  const today = await practiceToday(db, practiceId);
  const problems: FieldProblem[] = amountProblems(input.total, 'POSITIVE', 'input.total');
  if (!problems.length && input.total < input.installments) problems.push({ path: 'input.total', message: 'must be at least one cent per installment' });
  if (input.firstDueDate < today) problems.push({ path: 'input.firstDueDate', message: 'must not be before today on the practice calendar' });
  if (problems.length) throw badInput(problems);
  if (!isUuid(input.patientId) || !(await patientExists(db, practiceId, input.patientId))) throw notFound('Patient', input.patientId);
  const digest = createHash('sha256').update(JSON.stringify([input.patientId, input.total, input.installments, input.firstDueDate])).digest('hex');
  const replay = async (tx: Db, row: repo.PlanRow) => {
    if (row.requestDigest !== digest) throw keyReused(input.idempotencyKey);
    const [plan] = await repo.findPlans(tx, practiceId, { ids: [row.id] });
    return { plan: toPlan(plan!, today), replayed: true };
  };
  return db.transaction(async (tx) => {
    await lockPatients(tx, practiceId, [input.patientId]);
    const earlier = await repo.findPlanByKey(tx, practiceId, input.idempotencyKey);
    if (earlier) return replay(tx, earlier);
    const [sums] = await sumByPatients(tx, practiceId, [input.patientId]);
    const balance = sums?.patientCents ?? 0;
    if (input.total > balance) throw badInput([{ path: 'input.total', message: `exceeds the patient's balance (${Math.max(0, balance)} cents)` }]);
    const row = await repo.insertPlan(tx, practiceId, {
      patientId: input.patientId, totalCents: input.total, installmentCount: input.installments, firstDueDate: input.firstDueDate, requestDigest: digest, idempotencyKey: input.idempotencyKey, createdBy: userId,
    });
    // Under the patient lock the key cannot be taken meanwhile: the one-active-plan index refused it.
    if (!row) throw badInput([{ path: 'input.patientId', message: 'already has an active payment plan; cancel it first' }]);
    await audit.write(tx, 'CREATE', 'PaymentPlan', row.id, row.patientId);
    return { plan: toPlan({ ...row, paidCents: 0 }, today), replayed: false };
  });
}

/**
 * Cancels an active plan: what was not paid toward it is released (an ordinary balance again, shown on the
 * next statement as before).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (the plan is not ACTIVE)
 */
export async function cancelPaymentPlan(db: Db, principal: Principal, audit: AuditTrail, input: CancelPaymentPlanInput): Promise<PaymentPlan> {
  const { practiceId } = principal;
  const today = await practiceToday(db, practiceId);
  const [found] = await repo.findPlans(db, practiceId, { ids: [input.id] });
  if (!found) throw notFound('PaymentPlan', input.id);
  return db.transaction(async (tx) => {
    // Payments toward the plan take the patient lock too: `paid` below is final.
    await lockPatients(tx, practiceId, [found.patientId]);
    const [plan] = await repo.findPlans(tx, practiceId, { ids: [input.id] });
    if (input.expectedVersion != null && input.expectedVersion !== plan!.version) throw versionConflict('PaymentPlan', input.id, input.expectedVersion, plan!.version);
    if (plan!.status !== 'ACTIVE') throw badInput([{ path: 'input.id', message: `is ${plan!.status}; only an ACTIVE plan can be cancelled` }]);
    const released = Math.max(0, plan!.totalCents - plan!.paidCents);
    const row = await repo.closePlan(tx, practiceId, input.id, { status: 'CANCELLED', cancelledAt: new Date(), cancelReason: input.reason.trim(), releasedCents: released });
    await audit.write(tx, 'UPDATE', 'PaymentPlan', input.id, plan!.patientId);
    return toPlan({ ...row!, paidCents: plan!.paidCents }, today);
  });
}

/**
 * Checks a payment's plan under the patient's lock (the plan is the patient's and ACTIVE).
 * @throws BAD_USER_INPUT on `input.paymentPlanId`
 */
export async function checkPlanForPayment(tx: Db, practiceId: string, patientId: string, planId: string): Promise<void> {
  const [plan] = await repo.findPlans(tx, practiceId, { ids: [planId] });
  if (!plan || plan.patientId !== patientId || plan.status !== 'ACTIVE') throw badInput([{ path: 'input.paymentPlanId', message: 'is not an active payment plan of this patient' }]);
}

/** Marks a plan COMPLETED once its payments cover the total (call after recording a payment toward it). */
export async function completePlanIfPaid(tx: Db, practiceId: string, planId: string): Promise<void> {
  const [plan] = await repo.findPlans(tx, practiceId, { ids: [planId] });
  if (plan && plan.status === 'ACTIVE' && plan.paidCents >= plan.totalCents) await repo.closePlan(tx, practiceId, planId, { status: 'COMPLETED', cancelledAt: null, cancelReason: null, releasedCents: null });
}

/**
 * Active plans with at least one missed installment on `asOf` (today by default), oldest missed first
 * (one statement for the plans; each plan read audited).
 */
export async function plansWithMissedInstallments(db: Db, practiceId: string, audit: AuditTrail, asOf: string | null): Promise<PaymentPlan[]> {
  const day = asOf ?? (await practiceToday(db, practiceId));
  const plans = (await repo.findPlans(db, practiceId, { activeOnly: true })).map((r) => toPlan(r, day)).filter((p) => p.missedInstallments > 0);
  const firstMissed = (p: PaymentPlan) => p.schedule.find((i) => i.status === InstallmentStatus.MISSED)!.dueDate;
  plans.sort((a, b) => firstMissed(a).localeCompare(firstMissed(b)) || a.id.localeCompare(b.id));
  for (const p of plans) audit.read('PaymentPlan', p.id, p.patientId);
  return plans;
}
