import { and, asc, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { patientPayments, paymentPlans } from '../db/schema/patient-accounts.js';
import { appointments } from '../db/schema/scheduling.js';
import { patientStatements } from '../db/schema/statements.js';
import type { Principal } from '../graphql/auth.js';
import { Role } from '../graphql/roles.js';
import { PaymentMethod } from '../modules/accounts/patient-payment.inputs.js';
import { recordPatientPayment } from '../modules/accounts/patient-payment.service.js';
import { simulatedCardProcessor } from '../modules/accounts/card-processor.js';
import { generateStatements } from '../modules/accounts/statement.service.js';
import { addDays } from '../modules/accounts/statement.rules.js';
import { AuditTrail } from '../modules/audit/audit-trail.js';
import { practiceToday, practiceZone } from '../modules/ledger/ledger-post.service.js';
import { copayPaymentKey } from '../modules/scheduling/check-in.service.js';
import { seedStatementHistory } from './seed-statement-history.js';

/** How many statement patients pay after their statement, and the minimum balance of the demo cycle. */
const PAY_AFTER = 3;
const MINIMUM_CENTS = 500;

export interface DemoAccounts {
  copays: number;
  statements: number;
  /** Statements of the two cycles before last month's (seedStatementHistory). */
  earlierStatements: number;
  paymentsAfterStatements: number;
  planId: string | null;
}

/**
 * Gives the demo practice its patient accounts, through the same services the API uses and with fixed
 * idempotency keys, so a second seed adds nothing: today's check-in copays recorded as payments (the
 * appointment's check-in names its payment), the statement cycles of three and two months ago with payments
 * between them (seedStatementHistory), a payment plan begun 40 days ago with its first installment paid and
 * the second missed, last month's statement cycle (the plan's patient's statement lists its installments),
 * and payments after those statements.
 * Needs the ledger demo (balances) and today's visits.
 */
export async function seedDemoAccounts(db: Db, practiceId: string, now: Date = new Date()): Promise<DemoAccounts> {
  const principal: Principal = { practiceId, userId: 'demo', roles: [Role.BILLER] };
  const audit = new AuditTrail(principal, 'demo-seed', 'seedDemoAccounts');
  const today = await practiceToday(db, practiceId, now);
  const copays = await seedCheckInCopays(db, principal, audit, today);

  const earlierStatements = await seedStatementHistory(db, principal, audit, today, MINIMUM_CENTS);
  const asOf = addDays(`${today.slice(0, 7)}-01`, -1); // the end of last month: the last closed cycle
  // The plan is agreed before last month's run, so that patient's statement carries its installments.
  const planId = await seedMissedPlan(db, principal, audit, today, await planStatement(db, practiceId, asOf));
  await generateStatements(db, principal, audit, { asOf, minimumBalance: MINIMUM_CENTS, dueInDays: 30 });
  const cycle = await db.select().from(patientStatements).where(and(eq(patientStatements.practiceId, practiceId), eq(patientStatements.cycle, asOf.slice(0, 7)))).orderBy(asc(patientStatements.patientId));
  const paying = cycle.slice(0, PAY_AFTER);
  for (const [i, s] of paying.entries()) {
    await recordPatientPayment(db, principal, audit, { idempotencyKey: `demo:after-statement:${s.id}`, patientId: s.patientId, amount: Math.ceil(s.balanceDueCents / 2), method: i % 2 ? PaymentMethod.CHECK : PaymentMethod.CASH, checkNumber: i % 2 ? `10${i}` : null });
  }
  return { copays, statements: cycle.length, earlierStatements, paymentsAfterStatements: paying.length, planId };
}

/** Today's checked-in visits with a copay due: the copay collected at check-in, recorded as a patient payment. */
async function seedCheckInCopays(db: Db, principal: Principal, audit: AuditTrail, today: string): Promise<number> {
  const zone = await practiceZone(db, principal.practiceId);
  // The practice day in UTC instants, with a day's margin either side; the zone check below is exact.
  const from = new Date(`${addDays(today, -1)}T00:00:00Z`);
  const to = new Date(`${addDays(today, 2)}T00:00:00Z`);
  const visits = await db
    .select({ id: appointments.id, patientId: appointments.patientId, startsAt: appointments.startsAt, checkIn: appointments.checkIn })
    .from(appointments)
    .where(and(eq(appointments.practiceId, principal.practiceId), inArray(appointments.status, ['ARRIVED', 'IN_ROOM', 'COMPLETED']), gte(appointments.startsAt, from), lt(appointments.startsAt, to)))
    .orderBy(asc(appointments.startsAt), asc(appointments.id));
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  let n = 0;
  for (const [i, v] of visits.entries()) {
    const checkIn = v.checkIn as { copayDue?: number } | null;
    if (!checkIn?.copayDue || day.format(v.startsAt) !== today) continue;
    const method = i % 3 === 1 ? PaymentMethod.CHECK : PaymentMethod.CASH;
    const { payment } = await recordPatientPayment(db, principal, audit, {
      idempotencyKey: copayPaymentKey(v.id), patientId: v.patientId, amount: checkIn.copayDue, method, checkNumber: method === PaymentMethod.CHECK ? `2${String(i).padStart(3, '0')}` : null, allocations: [],
    });
    await db.update(appointments).set({ checkIn: { ...checkIn, copayCollected: checkIn.copayDue, copayPaymentId: payment.id } }).where(eq(appointments.id, v.id));
    n++;
  }
  return n;
}

/**
 * The statement a demo plan is agreed on: of the last cycle before `asOf`'s (seedStatementHistory's), the one
 * with the greatest balance due (so what is left after the mailed payment and the first installment is still
 * over the minimum and last month's run makes the patient a statement).
 */
async function planStatement(db: Db, practiceId: string, asOf: string): Promise<typeof patientStatements.$inferSelect | undefined> {
  const [statement] = await db
    .select()
    .from(patientStatements)
    .where(and(eq(patientStatements.practiceId, practiceId), lt(patientStatements.cycle, asOf.slice(0, 7))))
    .orderBy(desc(patientStatements.cycle), desc(patientStatements.balanceDueCents), asc(patientStatements.patientId))
    .limit(1);
  return statement;
}

/**
 * A plan over what one statement patient still owes (the statement's balance due less the payment mailed
 * after it), agreed 45 days ago with the first installment due 40 days ago: the first is paid on its due date,
 * the second (due 10 days ago) is missed. Inserted directly because the API only takes plans starting today
 * or later. Seeded before last month's statement run, which lists the plan's missed and due installments.
 */
async function seedMissedPlan(db: Db, principal: Principal, audit: AuditTrail, today: string, statement: typeof patientStatements.$inferSelect | undefined): Promise<string | null> {
  const key = 'demo:payment-plan';
  let [plan] = await db.select().from(paymentPlans).where(and(eq(paymentPlans.practiceId, principal.practiceId), eq(paymentPlans.idempotencyKey, key)));
  if (!plan) {
    if (!statement) return null;
    const [mailed] = await db.select({ amountCents: patientPayments.amountCents }).from(patientPayments).where(and(eq(patientPayments.practiceId, principal.practiceId), eq(patientPayments.idempotencyKey, `demo:mailed-payment:${statement.id}`)));
    const totalCents = statement.balanceDueCents - (mailed?.amountCents ?? 0);
    if (totalCents < 3) return null;
    [plan] = await db
      .insert(paymentPlans)
      .values({
        practiceId: principal.practiceId, patientId: statement.patientId, totalCents, installmentCount: 3, firstDueDate: addDays(today, -40),
        requestDigest: 'demo', idempotencyKey: key, createdBy: 'demo', createdAt: new Date(`${addDays(today, -45)}T15:00:00Z`),
      })
      .returning();
  }
  const first = Math.floor(plan!.totalCents / 3);
  await recordPatientPayment(db, principal, audit, { idempotencyKey: `${key}:1`, patientId: plan!.patientId, amount: first, method: PaymentMethod.CASH, paymentPlanId: plan!.id }, simulatedCardProcessor, plan!.firstDueDate);
  return plan!.id;
}
