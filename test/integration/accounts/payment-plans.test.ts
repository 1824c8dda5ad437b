import { createClient, isMedofficeError, type MedofficeClient } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { paymentPlans } from '../../../server/src/db/schema/patient-accounts.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { addMonths } from '../../../server/src/modules/accounts/payment-plan.rules.js';
import { addDays } from '../../../server/src/modules/accounts/statement.rules.js';
import { practiceToday } from '../../../server/src/modules/ledger/ledger-post.service.js';
import { accountsWorld } from '../../factories/accounts.factory.js';
import { key } from '../../factories/ledger.factory.js';
import { pdfPagesText } from '../../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const client = async (practiceId: string, roles: Role[]): Promise<MedofficeClient> => createClient({ url: server.url, token: await server.token(practiceId, roles), retry: false });
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code?: string; fields?: { path: string }[] });
const paths = (e: unknown) => (e as { fields?: { path: string }[] } | null)?.fields?.map((f) => f.path);

/** The patient owes $80 (two visits), the other patient $20. */
async function world() {
  const w = await accountsWorld(server.database.db);
  await w.visit(w.patient.id, '2026-01-05', 3_000);
  await w.visit(w.patient.id, '2026-02-05', 5_000);
  await w.visit(w.other.id, '2026-01-10', 2_000);
  const today = await practiceToday(server.database.db, w.practiceId);
  return { ...w, today, biller: await client(w.practiceId, [Role.BILLER]), desk: await client(w.practiceId, [Role.FRONT_DESK]) };
}

describe('payment plans', () => {
  it('schedules monthly installments, counts payments toward the plan, lists missed installments and completes when paid', async () => {
    const w = await world();
    const input = { idempotencyKey: key('plan'), patientId: w.patient.id, total: 6_000, installments: 3, firstDueDate: w.today };
    const made = (await w.biller.createPaymentPlan({ input })).createPaymentPlan;
    expect(made.replayed).toBe(false);
    const plan = made.plan;
    expect(plan).toMatchObject({ status: 'ACTIVE', total: 6_000, paid: 0, remaining: 6_000, missedInstallments: 0 });
    expect(plan.schedule.map((i) => [i.number, i.dueDate, i.amount, i.status])).toEqual([[1, w.today, 2_000, 'UPCOMING'], [2, addMonths(w.today, 1), 2_000, 'UPCOMING'], [3, addMonths(w.today, 2), 2_000, 'UPCOMING']]);
    expect((await w.biller.createPaymentPlan({ input })).createPaymentPlan).toMatchObject({ replayed: true, plan: { id: plan.id } });
    expect(isMedofficeError(await failure(w.biller.createPaymentPlan({ input: { ...input, total: 5_000 } })), 'IDEMPOTENCY_KEY_REUSED')).toBe(true);
    expect(paths(await failure(w.biller.createPaymentPlan({ input: { ...input, idempotencyKey: key('plan') } })))).toEqual(['input.patientId']); // one active plan

    // The front desk takes a payment toward the plan.
    await w.desk.recordPatientPayment({ input: { idempotencyKey: key('pay'), patientId: w.patient.id, amount: 2_500, method: 'CASH', paymentPlanId: plan.id } });
    const after = (await w.biller.paymentPlan({ id: plan.id })).paymentPlan;
    expect(after).toMatchObject({ paid: 2_500, remaining: 3_500 });
    expect(after.schedule.map((i) => [i.paid, i.status])).toEqual([[2_000, 'PAID'], [500, 'UPCOMING'], [0, 'UPCOMING']]);
    // A payment toward another patient's plan is refused.
    expect(paths(await failure(w.desk.recordPatientPayment({ input: { idempotencyKey: key('pay'), patientId: w.other.id, amount: 100, method: 'CASH', paymentPlanId: plan.id } })))).toEqual(['input.paymentPlanId']);

    // Forty days on, the second installment is missed.
    const later = addDays(w.today, 40);
    const missed = (await w.biller.paymentPlansWithMissedInstallments({ asOf: later })).paymentPlansWithMissedInstallments;
    expect(missed.map((p) => [p.id, p.missedInstallments])).toEqual([[plan.id, 1]]);
    expect(missed[0]!.schedule.map((i) => i.status)).toEqual(['PAID', 'MISSED', 'UPCOMING']);
    expect((await w.biller.paymentPlansWithMissedInstallments({})).paymentPlansWithMissedInstallments).toEqual([]);

    await w.desk.recordPatientPayment({ input: { idempotencyKey: key('pay'), patientId: w.patient.id, amount: 3_500, method: 'CHECK', checkNumber: '77', paymentPlanId: plan.id } });
    const [done] = (await w.biller.patientPaymentPlans({ id: w.patient.id })).patient!.paymentPlans;
    expect(done).toMatchObject({ id: plan.id, status: 'COMPLETED', paid: 6_000, remaining: 0, missedInstallments: 0 });
    expect((await w.biller.paymentPlansWithMissedInstallments({ asOf: later })).paymentPlansWithMissedInstallments).toEqual([]);
    // A completed plan frees the patient for a new one.
    expect((await w.biller.createPaymentPlan({ input: { ...input, idempotencyKey: key('plan'), total: 2_000, installments: 2 } })).createPaymentPlan.plan.status).toBe('ACTIVE');
  });

  it('cancels a plan, releasing what was not paid; refuses bad plans, other roles and other practices', async () => {
    const w = await world();
    const base = { idempotencyKey: key('plan'), patientId: w.other.id, total: 2_000, installments: 2, firstDueDate: addDays(w.today, 5) };
    expect(paths(await failure(w.biller.createPaymentPlan({ input: { ...base, total: 2_001 } })))).toEqual(['input.total']); // over the balance
    expect(paths(await failure(w.biller.createPaymentPlan({ input: { ...base, total: 1 } })))).toEqual(['input.total']);
    expect(paths(await failure(w.biller.createPaymentPlan({ input: { ...base, total: -5 } })))).toEqual(['input.total']);
    expect(paths(await failure(w.biller.createPaymentPlan({ input: { ...base, firstDueDate: addDays(w.today, -1) } })))).toEqual(['input.firstDueDate']);
    const token = await server.token(w.practiceId, [Role.BILLER]);
    const M = 'mutation($i: CreatePaymentPlanInput!) { createPaymentPlan(input: $i) { replayed } }';
    expect((await server.gql(token, M, { i: { ...base, installments: 61 } })).errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(isMedofficeError(await failure(w.desk.createPaymentPlan({ input: base })), 'FORBIDDEN')).toBe(true);

    const plan = (await w.biller.createPaymentPlan({ input: base })).createPaymentPlan.plan;
    await w.desk.recordPatientPayment({ input: { idempotencyKey: key('pay'), patientId: w.other.id, amount: 500, method: 'CASH', paymentPlanId: plan.id } });
    expect(isMedofficeError(await failure(w.biller.cancelPaymentPlan({ input: { id: plan.id, reason: 'Moved away', expectedVersion: 7 } })), 'VERSION_CONFLICT')).toBe(true);
    const cancelled = (await w.biller.cancelPaymentPlan({ input: { id: plan.id, reason: 'Moved away', expectedVersion: plan.version } })).cancelPaymentPlan;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', paid: 500, remaining: 0, released: 1_500, cancelReason: 'Moved away', version: plan.version + 1 });
    expect((await w.biller.patientBalance({ id: w.other.id })).patient!.balance.patient).toBe(1_500); // the balance is what it was, no longer on a plan
    expect(paths(await failure(w.biller.cancelPaymentPlan({ input: { id: plan.id, reason: 'again' } })))).toEqual(['input.id']);
    expect(paths(await failure(w.desk.recordPatientPayment({ input: { idempotencyKey: key('pay'), patientId: w.other.id, amount: 100, method: 'CASH', paymentPlanId: plan.id } })))).toEqual(['input.paymentPlanId']);

    const stranger = await accountsWorld(server.database.db);
    const theirs = await client(stranger.practiceId, [Role.BILLER]);
    expect(isMedofficeError(await failure(theirs.paymentPlan({ id: plan.id })), 'NOT_FOUND')).toBe(true);
    expect(isMedofficeError(await failure(theirs.cancelPaymentPlan({ input: { id: plan.id, reason: 'x' } })), 'NOT_FOUND')).toBe(true);
    expect(isMedofficeError(await failure(w.desk.paymentPlan({ id: plan.id })), 'FORBIDDEN')).toBe(true);
  });
});

describe('payment plans on statements', () => {
  it('prints the installments missed by the statement date and the one due by its due date, on the snapshot and in the PDF', async () => {
    const w = await world();
    const db = server.database.db;
    // A plan agreed 75 days ago (the API only takes plans starting today or later, so it is stored directly): 4 × 1,500 from 70 days ago.
    const first = addDays(w.today, -70);
    const [plan] = await db.insert(paymentPlans).values({
      practiceId: w.practiceId, patientId: w.patient.id, totalCents: 6_000, installmentCount: 4, firstDueDate: first, requestDigest: 'test', idempotencyKey: key('plan'), createdBy: 'test',
      createdAt: new Date(`${addDays(w.today, -75)}T15:00:00Z`),
    }).returning();
    await w.desk.recordPatientPayment({ input: { idempotencyKey: key('pay'), patientId: w.patient.id, amount: 1_500, method: 'CASH', paymentPlanId: plan!.id } });

    const run = (await w.biller.generateStatements({ input: { asOf: w.today, minimumBalance: 100, dueInDays: 30 } })).generateStatements;
    expect(run.generated).toBe(2);
    const [mine] = (await w.biller.patientStatements({ id: w.patient.id })).patient!.statements;
    expect(mine!.paymentPlan).toEqual({
      paymentPlanId: plan!.id, total: 6_000, paid: 1_500, remaining: 4_500, amountDue: 4_500,
      installments: [
        { number: 2, dueDate: addMonths(first, 1), amount: 1_500, paid: 0, status: 'MISSED' },
        { number: 3, dueDate: addMonths(first, 2), amount: 1_500, paid: 0, status: 'MISSED' },
        { number: 4, dueDate: addMonths(first, 3), amount: 1_500, paid: 0, status: 'UPCOMING' },
      ],
    });
    const [theirs] = (await w.biller.patientStatements({ id: w.other.id })).patient!.statements;
    expect(theirs!.paymentPlan).toBeNull();

    const pdf = (await w.biller.statementPdf({ id: mine!.id })).statementPdf;
    const text = (await pdfPagesText(Buffer.from(pdf.base64, 'base64'))).join(' ');
    const us = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;
    expect(text).toContain('YOUR PAYMENT PLAN');
    expect(text).toContain('Plan total $60.00, paid $15.00, remaining $45.00.');
    expect(text).toMatch(new RegExp(`2\\s+${us(addMonths(first, 1))}\\s+\\$15\\.00\\s+\\$0\\.00\\s+Missed`));
    expect(text).toMatch(new RegExp(`4\\s+${us(addMonths(first, 3))}\\s+\\$15\\.00\\s+\\$0\\.00\\s+Due`));
    expect(text).toContain(`2 installments are past due: please pay $45.00 by ${us(addDays(w.today, 30))}.`);
  });
});
