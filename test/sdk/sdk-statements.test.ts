import { createClient, isMedofficeError } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { Scope } from '../../server/src/graphql/scopes.js';
import { practiceToday } from '../../server/src/modules/ledger/ledger-post.service.js';
import { addDays } from '../../server/src/modules/accounts/statement.rules.js';
import { accountsWorld } from '../factories/accounts.factory.js';
import { partnerToken } from '../helpers/partner-client.js';
import { pdfPagesText } from '../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const partner = async (practiceId: string, scopes: Scope[]) => createClient({ url: server.url, token: (await partnerToken(server, practiceId, scopes)).token, retry: false });

describe('SDK: a partner billing service runs statements and payment plans', () => {
  it('billing:write generates statements and sets up and cancels a plan; billing:read reads them; other scopes reach none of it', async () => {
    const db = server.database.db;
    const w = await accountsWorld(db);
    const today = await practiceToday(db, w.practiceId);
    const cycle = addDays(`${today.slice(0, 7)}-01`, -1);
    await w.visit(w.patient.id, addDays(cycle, -20), 4_000);
    await w.visit(w.other.id, addDays(cycle, -3), 1_500);

    const writer = await partner(w.practiceId, [Scope.BILLING_WRITE]);
    expect((await writer.generateStatements({ input: { asOf: cycle, minimumBalance: 1_000 } })).generateStatements.generated).toBe(2);
    const plan = (await writer.createPaymentPlan({ input: { idempotencyKey: 'sdk-partner-plan-1', patientId: w.patient.id, total: 3_000, installments: 3, firstDueDate: today } })).createPaymentPlan.plan;
    expect(plan).toMatchObject({ status: 'ACTIVE', total: 3_000, remaining: 3_000 });

    const reader = await partner(w.practiceId, [Scope.BILLING_READ]);
    const page = (await reader.statements({ filter: { patientId: w.patient.id }, first: 10 })).statements;
    expect(page.edges.map((e) => e.node)).toMatchObject([{ patientId: w.patient.id, cycle: cycle.slice(0, 7), balanceDue: 4_000 }]);
    const id = page.edges[0]!.node.id;
    expect((await reader.statement({ id })).statement.balanceDue).toBe(4_000);
    const pdf = (await reader.statementPdf({ id })).statementPdf;
    expect((await pdfPagesText(Buffer.from(pdf.base64, 'base64'))).join(' ')).toContain('40.00');
    expect((await reader.paymentPlan({ id: plan.id })).paymentPlan.id).toBe(plan.id);
    // A reader writes nothing.
    expect(isMedofficeError(await reader.cancelPaymentPlan({ input: { id: plan.id, reason: 'no' } }).catch((e: unknown) => e), 'FORBIDDEN')).toBe(true);
    expect(isMedofficeError(await reader.generateStatements({ input: { asOf: cycle, minimumBalance: 1 } }).catch((e: unknown) => e), 'FORBIDDEN')).toBe(true);
    expect((await writer.cancelPaymentPlan({ input: { id: plan.id, reason: 'patient asked' } })).cancelPaymentPlan.status).toBe('CANCELLED');

    // Nested: a partner who reads patients but not billing reaches neither statements nor plans through Patient.
    const demographics = await partner(w.practiceId, [Scope.PATIENTS_READ_DEMOGRAPHICS]);
    expect(isMedofficeError(await demographics.patientStatements({ id: w.patient.id }).catch((e: unknown) => e), 'FORBIDDEN')).toBe(true);
    expect(isMedofficeError(await demographics.statements({ first: 1 }).catch((e: unknown) => e), 'FORBIDDEN')).toBe(true);
    // Another practice's partner sees none of these.
    const elsewhere = await accountsWorld(db);
    const stranger = await partner(elsewhere.practiceId, [Scope.BILLING_WRITE]);
    expect(isMedofficeError(await stranger.statement({ id }).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    expect(isMedofficeError(await stranger.paymentPlan({ id: plan.id }).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
  }, 90_000);
});
