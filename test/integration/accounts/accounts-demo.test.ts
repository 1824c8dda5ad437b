import { and, asc, eq, like, TransactionRollbackError } from 'drizzle-orm';
import { arItems } from '../../../server/src/db/schema/ar-items.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { patientPayments, paymentPlans } from '../../../server/src/db/schema/patient-accounts.js';
import { appointments } from '../../../server/src/db/schema/scheduling.js';
import { patientStatements } from '../../../server/src/db/schema/statements.js';
import { seedDemoAccounts } from '../../../server/src/demo/seed-accounts.js';
import { rebuildArItems } from '../../../server/src/modules/accounts/ar-items-rebuild.repo.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { addDays } from '../../../server/src/modules/accounts/statement.rules.js';
import { practiceToday } from '../../../server/src/modules/ledger/ledger-post.service.js';
import { DEMO_HOOK_TIMEOUT, demoNow } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
const practiceId = DEMO_PRACTICE_ID;
const seededAt = demoNow();
beforeAll(async () => {
  server = await startTestServer({}, { demo: true });
}, DEMO_HOOK_TIMEOUT);

describe('demo patient accounts', () => {
  it('has check-in copays as payments, last month\'s statements, payments after them and a plan with a missed installment that its patient\'s last statement lists — once', async () => {
    const db = server.database.db;
    const today = await practiceToday(db, practiceId, seededAt);
    const payments = await db.select().from(patientPayments).where(eq(patientPayments.practiceId, practiceId));

    // Copays collected at today's check-ins: a payment each, named by the appointment's check-in.
    const checkedIn = (await db.select().from(appointments).where(eq(appointments.practiceId, practiceId))).filter((a) => (a.checkIn as { copayPaymentId?: string } | null)?.copayPaymentId);
    expect(checkedIn.length).toBeGreaterThan(0);
    for (const a of checkedIn) {
      const c = a.checkIn as { copayDue: number; copayCollected: number; copayPaymentId: string };
      const p = payments.find((x) => x.id === c.copayPaymentId)!;
      expect(p).toMatchObject({ idempotencyKey: `check-in-copay:${a.id}`, patientId: a.patientId, amountCents: c.copayDue });
      expect(c.copayCollected).toBe(c.copayDue);
    }

    // Last month's cycle, every statement over the minimum; three patients paid half after it.
    const monthEnd = (d: string) => addDays(`${d.slice(0, 7)}-01`, -1);
    const cycle = monthEnd(today).slice(0, 7);
    const all = await db.select().from(patientStatements).where(eq(patientStatements.practiceId, practiceId));
    expect(all.every((s) => s.balanceDueCents >= 500)).toBe(true);
    const statements = all.filter((s) => s.cycle === cycle);
    expect(statements.length).toBeGreaterThanOrEqual(4);
    // The two cycles before, with payments by mail between them: a patient's history is a chain of three statements.
    const cycles = [monthEnd(monthEnd(monthEnd(today))), monthEnd(monthEnd(today)), monthEnd(today)].map((d) => d.slice(0, 7));
    expect(new Set(all.map((s) => s.cycle))).toEqual(new Set(cycles));
    const earlier = all.filter((s) => s.cycle !== cycle);
    const after = payments.filter((p) => p.idempotencyKey.startsWith('demo:after-statement:'));
    expect(after).toHaveLength(3);
    for (const p of after) expect(p.amountCents).toBe(Math.ceil(statements.find((s) => s.id === p.idempotencyKey.slice('demo:after-statement:'.length))!.balanceDueCents / 2));

    // Through the API: the plan shows its missed second installment and is listed as such.
    const token = await server.token(practiceId, [Role.BILLER]);
    const [plan] = await db.select().from(paymentPlans).where(eq(paymentPlans.practiceId, practiceId));
    const res = await server.gql(token, 'query { paymentPlansWithMissedInstallments { id paid missedInstallments schedule { status } } }');
    expect(res.data!.paymentPlansWithMissedInstallments).toEqual([{ id: plan!.id, paid: Math.floor(plan!.totalCents / 3), missedInstallments: 1, schedule: [{ status: 'PAID' }, { status: 'MISSED' }, { status: 'UPCOMING' }] }]);
    // The plan was agreed before last month's run: its patient's statement lists the installments still open —
    // the first was paid on its due date, so the second (missed or falling due) comes first, nothing paid of it.
    const planned = (await server.gql(token, 'query($id: ID!) { patient(id: $id) { statements { cycle dueDate paymentPlan { paymentPlanId total paid remaining amountDue installments { number dueDate amount paid status } } } } }', { id: plan!.patientId })).data!.patient.statements;
    const onStatement = planned.find((st: { cycle: string }) => st.cycle === cycle);
    expect(onStatement.paymentPlan).toMatchObject({ paymentPlanId: plan!.id, total: plan!.totalCents, paid: Math.floor(plan!.totalCents / 3), remaining: plan!.totalCents - Math.floor(plan!.totalCents / 3) });
    const listed = onStatement.paymentPlan.installments as { number: number; dueDate: string; amount: number; paid: number; status: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed[0]).toMatchObject({ number: 2, amount: Math.floor(plan!.totalCents / 3), paid: 0, status: listed[0]!.dueDate < monthEnd(today) ? 'MISSED' : 'UPCOMING' });
    for (const i of listed) expect(i.dueDate <= onStatement.dueDate).toBe(true);
    expect(onStatement.paymentPlan.amountDue).toBe(listed.reduce((n, i) => n + i.amount - i.paid, 0));
    // The earlier cycles were run before the plan was seeded: their statements carry none.
    expect(planned.filter((st: { cycle: string }) => st.cycle !== cycle).every((st: { paymentPlan: unknown }) => st.paymentPlan === null)).toBe(true);
    const pdf = await server.gql(token, 'query($id: ID!) { statementPdf(id: $id) { byteLength } }', { id: statements[0]!.id });
    const first = earlier.find((s) => s.cycle === cycles[0])!;
    const history = (await server.gql(token, 'query($id: ID!) { patient(id: $id) { statements { id cycle previousStatementId previousBalance patientPayments balanceDue } } }', { id: first.patientId })).data!.patient.statements;
    expect(history.map((h: { cycle: string }) => h.cycle)).toEqual([...cycles].reverse());
    expect(history[2]).toMatchObject({ id: first.id, previousStatementId: null, patientPayments: 0 });
    for (const i of [1, 0]) {
      // Each statement follows the one before it and shows the payment made ten days after that one: a third of it.
      expect(history[i]).toMatchObject({ previousStatementId: history[i + 1].id, previousBalance: history[i + 1].balanceDue });
      expect(history[i].patientPayments).toBeLessThanOrEqual(-Math.ceil(history[i + 1].balanceDue / 3));
    }
    expect(pdf.data!.statementPdf.byteLength).toBeGreaterThan(1000);

    // The A/R items the triggers kept through the whole demo seed (visits, claims submitted, remittances,
    // payments, statements) are exactly what the set-based rebuild makes of it (rolled back: the demo is shared).
    const items = () => db.select().from(arItems).where(eq(arItems.practiceId, practiceId)).orderBy(asc(arItems.superbillId), asc(arItems.patientId), asc(arItems.claimId));
    const kept = await items();
    expect(kept.filter((it) => it.superbillId && it.firstSubmittedAt).length).toBeGreaterThan(0);
    let rebuilt: typeof kept = [];
    await db
      .transaction(async (tx) => {
        await rebuildArItems(tx, practiceId);
        rebuilt = await tx.select().from(arItems).where(eq(arItems.practiceId, practiceId)).orderBy(asc(arItems.superbillId), asc(arItems.patientId), asc(arItems.claimId));
        tx.rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof TransactionRollbackError)) throw e;
      });
    expect(rebuilt).toEqual(kept);

    // Seeding again adds nothing.
    const started = Date.now();
    const again = await seedDemoAccounts(db, practiceId, seededAt);
    console.log(`seedDemoAccounts rerun: ${Date.now() - started} ms`);
    expect(again).toMatchObject({ statements: statements.length, earlierStatements: earlier.length, paymentsAfterStatements: 3, planId: plan!.id });
    expect(await db.$count(patientPayments, eq(patientPayments.practiceId, practiceId))).toBe(payments.length);
    expect(await db.$count(patientStatements, eq(patientStatements.practiceId, practiceId))).toBe(all.length);
    expect(await db.$count(paymentPlans, and(eq(paymentPlans.practiceId, practiceId), like(paymentPlans.idempotencyKey, 'demo:%')))).toBe(1);
  });
});
