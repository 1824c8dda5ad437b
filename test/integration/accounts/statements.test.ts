import { randomUUID } from 'node:crypto';
import { createClient, isMedofficeError, type MedofficeClient } from '@medoffice/sdk';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { patientStatementLines, patientStatements } from '../../../server/src/db/schema/statements.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { practiceToday } from '../../../server/src/modules/ledger/ledger-post.service.js';
import { LedgerBucket, LedgerEntryKind } from '../../../server/src/modules/ledger/ledger-kind.js';
import { addDays } from '../../../server/src/modules/accounts/statement.rules.js';
import { accountsWorld } from '../../factories/accounts.factory.js';
import { key, postNow } from '../../factories/ledger.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { pdfPagesText } from '../../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const client = async (practiceId: string, roles: Role[]): Promise<MedofficeClient> => createClient({ url: server.url, token: await server.token(practiceId, roles), retry: false });
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code?: string; fields?: { path: string }[] });
const paths = (e: unknown) => (e as { fields?: { path: string }[] }).fields?.map((f) => f.path);
const lastDayOfPreviousMonth = (today: string) => addDays(`${today.slice(0, 7)}-01`, -1);

/** Patient: $30 and $50 self-pay visits 40 and 10 days before the end of last month; the other patient: $20. */
async function world() {
  const w = await accountsWorld(server.database.db);
  const today = await practiceToday(server.database.db, w.practiceId);
  const cycle1 = lastDayOfPreviousMonth(today);
  const early = await w.visit(w.patient.id, addDays(cycle1, -40), 3_000);
  const late = await w.visit(w.patient.id, addDays(cycle1, -10), 5_000);
  await w.visit(w.other.id, addDays(cycle1, -5), 2_000);
  return { ...w, today, cycle1, early, late, biller: await client(w.practiceId, [Role.BILLER]), desk: await client(w.practiceId, [Role.FRONT_DESK]) };
}

describe('generateStatements', () => {
  it('makes one statement per patient over the minimum with the activity since the last one, previous balance, aging and due date', async () => {
    const w = await world();
    const run1 = (await w.biller.generateStatements({ input: { asOf: w.cycle1, minimumBalance: 2_500 } })).generateStatements;
    expect(run1).toEqual({ cycle: w.cycle1.slice(0, 7), generated: 1, balanceDue: 8_000 }); // the other patient's $20 is under the minimum
    const [first] = (await w.biller.patientStatements({ id: w.patient.id })).patient!.statements;
    expect(first).toMatchObject({
      cycle: w.cycle1.slice(0, 7), asOf: w.cycle1, dueDate: addDays(w.cycle1, 30), previousStatementId: null, previousBalance: 0, newCharges: 8_000,
      insurancePayments: 0, adjustments: 0, patientPayments: 0, insurancePending: 0, balanceDue: 8_000,
      aging: { days0To30: 5_000, days31To60: 3_000, days61To90: 0, days91To120: 0, over120: 0 },
    });

    // After the statement: a payment at the desk, and an insured visit adjudicated by the payer.
    await w.desk.recordPatientPayment({ input: { idempotencyKey: key('pay'), patientId: w.patient.id, amount: 4_000, method: 'CASH' } });
    const on = w.today;
    const base = { patientId: w.patient.id, effectiveDate: on };
    await postNow(server.database.db, w.actor, [
      { ...base, kind: LedgerEntryKind.CHARGE, bucket: LedgerBucket.INSURANCE, amountCents: 10_000, idempotencyKey: key('c') },
      { ...base, kind: LedgerEntryKind.INSURANCE_PAYMENT, bucket: LedgerBucket.INSURANCE, amountCents: -6_000, idempotencyKey: key('ip') },
      { ...base, kind: LedgerEntryKind.CONTRACTUAL_ADJUSTMENT, bucket: LedgerBucket.INSURANCE, amountCents: -2_000, groupCode: 'CO', reasonCode: '45', idempotencyKey: key('co') },
      { ...base, kind: LedgerEntryKind.PATIENT_RESPONSIBILITY, bucket: LedgerBucket.PATIENT, amountCents: 1_500, groupCode: 'PR', reasonCode: '2', idempotencyKey: key('pr') },
    ]);
    const run2 = (await w.biller.generateStatements({ input: { asOf: w.today, minimumBalance: 2_500, dueInDays: 21 } })).generateStatements;
    expect(run2).toEqual({ cycle: w.today.slice(0, 7), generated: 1, balanceDue: 5_500 });
    const [second, again] = (await w.biller.patientStatements({ id: w.patient.id })).patient!.statements;
    expect(again!.id).toBe(first!.id);
    const s = (await w.biller.statement({ id: second!.id })).statement;
    expect(s).toMatchObject({
      previousStatementId: first!.id, previousBalance: 8_000, newCharges: 10_000, insurancePayments: -6_000, adjustments: -2_000, patientPayments: -4_000,
      insurancePending: 500, balanceDue: 5_500, dueDate: addDays(w.today, 21),
    });
    expect(s.aging.days0To30 + s.aging.days31To60 + s.aging.days61To90 + s.aging.days91To120 + s.aging.over120).toBe(5_500);
    expect(s.lines.map((l) => [l.category, l.amount, l.patientAmount])).toEqual([
      ['PATIENT_PAYMENT', -3_000, -3_000], // the payment went to both visits, oldest first
      ['PATIENT_PAYMENT', -1_000, -1_000],
      ['NEW_CHARGE', 10_000, 0],
      ['INSURANCE_PAYMENT', -6_000, 0],
      ['ADJUSTMENT', -2_000, 0],
      ['PATIENT_RESPONSIBILITY', 0, 1_500],
    ]);

    // Every entry of the account is on exactly one statement.
    const entries = await server.database.db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.patientId, w.patient.id));
    const lines = await server.database.db.select().from(patientStatementLines).where(inArray(patientStatementLines.ledgerEntryId, entries.map((e) => e.id)));
    expect(lines.map((l) => l.ledgerEntryId).sort()).toEqual(entries.map((e) => e.id).sort());

    const audits = await auditEntries(server.database.db, { practiceId: w.practiceId, action: 'CREATE' });
    expect(audits.filter((a) => a.entityType === 'PatientStatement').map((a) => [a.entityId, a.patientId])).toEqual([[first!.id, w.patient.id], [second!.id, w.patient.id]]);
  });

  it('makes no second statement for a cycle: a rerun is a no-op, the database refuses a duplicate, and statements never change', async () => {
    const w = await world();
    const input = { asOf: w.cycle1, minimumBalance: 1 };
    expect((await w.biller.generateStatements({ input: { ...input, minimumBalance: 2_500 } })).generateStatements.generated).toBe(1);
    // A lower minimum in the same cycle adds the other patient only.
    expect((await w.biller.generateStatements({ input })).generateStatements.generated).toBe(1);
    expect((await w.biller.generateStatements({ input: { ...input, asOf: addDays(w.cycle1, -3) } })).generateStatements.generated).toBe(0);
    expect((await w.biller.generateStatements({ input })).generateStatements.generated).toBe(0);
    const rows = await server.database.db.select().from(patientStatements).where(eq(patientStatements.practiceId, w.practiceId));
    expect(rows).toHaveLength(2);
    const { id: _, ...copy } = rows[0]!;
    await expect(server.database.db.insert(patientStatements).values({ ...copy, generatedAt: new Date() })).rejects.toMatchObject({ cause: { code: '23505' } });
    await expect(server.database.db.update(patientStatements).set({ balanceDueCents: 0 }).where(eq(patientStatements.id, rows[0]!.id))).rejects.toThrow();
    await expect(server.database.db.delete(patientStatementLines).where(eq(patientStatementLines.statementId, rows[0]!.id))).rejects.toThrow();
    // The figures must add up in the database too.
    await expect(server.database.db.insert(patientStatements).values({ ...copy, cycle: '2020-01', asOf: '2020-01-31', dueDate: '2020-03-01', balanceDueCents: copy.balanceDueCents + 1 })).rejects.toMatchObject({ cause: { code: '23514' } });
  });

  it('refuses bad input, other roles and other practices', async () => {
    const w = await world();
    expect(paths(await failure(w.biller.generateStatements({ input: { asOf: addDays(w.today, 2), minimumBalance: 1 } })))).toEqual(['input.asOf']);
    for (const minimumBalance of [0, -5]) expect(paths(await failure(w.biller.generateStatements({ input: { asOf: w.cycle1, minimumBalance } }))), String(minimumBalance)).toEqual(['input.minimumBalance']);
    const token = await server.token(w.practiceId, [Role.BILLER]);
    const M = 'mutation($i: GenerateStatementsInput!) { generateStatements(input: $i) { generated } }';
    for (const i of [{ asOf: 'not-a-date', minimumBalance: 1 }, { asOf: w.cycle1, minimumBalance: 1.5 }, { asOf: w.cycle1, minimumBalance: 1, dueInDays: 0 }]) expect((await server.gql(token, M, { i })).errors![0]!.extensions.code, JSON.stringify(i)).toBe('BAD_USER_INPUT');
    expect(await server.database.db.select().from(patientStatements).where(eq(patientStatements.practiceId, w.practiceId))).toEqual([]);

    for (const role of [Role.FRONT_DESK, Role.CLINICIAN]) {
      const c = await client(w.practiceId, [role]);
      expect(isMedofficeError(await failure(c.generateStatements({ input: { asOf: w.cycle1, minimumBalance: 1 } })), 'FORBIDDEN'), role).toBe(true);
    }
    const admin = await client(w.practiceId, [Role.PRACTICE_ADMIN]);
    expect((await admin.generateStatements({ input: { asOf: w.cycle1, minimumBalance: 1 } })).generateStatements.generated).toBe(2);
    const [mine] = (await admin.statements({ filter: { patientId: w.patient.id } })).statements.edges;
    expect(isMedofficeError(await failure(w.desk.statement({ id: mine!.node.id })), 'FORBIDDEN')).toBe(true);
    const stranger = await accountsWorld(server.database.db);
    const theirs = await client(stranger.practiceId, [Role.BILLER]);
    expect(isMedofficeError(await failure(theirs.statement({ id: mine!.node.id })), 'NOT_FOUND')).toBe(true);
    expect(isMedofficeError(await failure(theirs.statementPdf({ id: mine!.node.id })), 'NOT_FOUND')).toBe(true);
    expect((await theirs.statements({})).statements.totalCount).toBe(0);
  });

  it('lists statements in fixed SQL statements and renders the stored snapshot as a PDF', async () => {
    const w = await world();
    await w.biller.generateStatements({ input: { asOf: w.cycle1, minimumBalance: 1 } });
    const token = await server.token(w.practiceId, [Role.BILLER]);
    const LIST = 'query($first: Int) { statements(first: $first) { totalCount edges { node { id balanceDue lines { amount } } } } }';
    const one = await server.gql(token, LIST, { first: 1 });
    const all = await server.gql(token, LIST, { first: 50 });
    // page + count + lines (one batch) + audit flush, whatever the page size.
    expect([one.extensions?.stats?.sqlStatements, all.extensions?.stats?.sqlStatements]).toEqual([4, 4]);
    expect(all.data!.statements.totalCount).toBe(2);
    const page = (await w.biller.statements({ filter: { cycle: w.cycle1.slice(0, 7) }, first: 1 })).statements;
    const next = (await w.biller.statements({ filter: { cycle: w.cycle1.slice(0, 7) }, first: 1, after: page.pageInfo.endCursor })).statements;
    expect(new Set([page.edges[0]!.node.id, next.edges[0]!.node.id]).size).toBe(2);
    expect(next.pageInfo.hasNextPage).toBe(false);

    const s = (await w.biller.statements({ filter: { patientId: w.patient.id } })).statements.edges[0]!.node;
    const pdf = (await w.biller.statementPdf({ id: s.id })).statementPdf;
    expect(pdf.contentType).toBe('application/pdf');
    const text = (await pdfPagesText(Buffer.from(pdf.base64, 'base64'))).join('\n');
    const us = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;
    for (const expected of ['Patient statement', 'Previous balance', 'New charges', '$80.00', '$30.00', '$50.00', `Balance due`, us(s.dueDate), us(s.asOf), 'ACTIVITY SINCE YOUR LAST STATEMENT']) expect(text, expected).toContain(expected);
    expect(text).toMatch(/Amount due \$80\.00/);
    expect(text).toContain('Over 120 days $50.00 $30.00 $0.00 $0.00 $0.00'); // the aging row, bucket by bucket
    expect(text).toMatch(/Charge \$30\.00 \$30\.00 .*Charge \$50\.00 \$50\.00/);
    const exports = await auditEntries(server.database.db, { practiceId: w.practiceId, action: 'EXPORT' });
    expect(exports.map((a) => [a.entityType, a.entityId])).toEqual([['PatientStatement', s.id]]);
  });

  it('puts a payment racing the run on the statement or after it, never lost or counted twice', async () => {
    const w = await world();
    await w.biller.generateStatements({ input: { asOf: w.cycle1, minimumBalance: 1 } });
    const payments = Array.from({ length: 6 }, (_, i) => w.desk.recordPatientPayment({ input: { idempotencyKey: `race-${randomUUID()}`, patientId: w.patient.id, amount: 100 + i, method: 'CASH' } }));
    const [run] = await Promise.all([w.biller.generateStatements({ input: { asOf: w.today, minimumBalance: 1 } }), ...payments]);
    expect(run.generateStatements.generated).toBeGreaterThanOrEqual(1);
    const [latest] = (await w.biller.patientStatements({ id: w.patient.id })).patient!.statements;
    const paid = await server.database.db.select({ id: ledgerEntries.id, cents: ledgerEntries.patientCents }).from(ledgerEntries).where(and(eq(ledgerEntries.patientId, w.patient.id), eq(ledgerEntries.kind, 'PATIENT_PAYMENT')));
    expect(paid.reduce((s, p) => s - p.cents, 0)).toBe(600 + 15);
    const on = await server.database.db.select({ id: patientStatementLines.ledgerEntryId, n: sql<number>`count(*)::int` }).from(patientStatementLines).where(inArray(patientStatementLines.ledgerEntryId, paid.map((p) => p.id))).groupBy(patientStatementLines.ledgerEntryId);
    expect(on.every((r) => r.n === 1)).toBe(true);
    const stated = new Set(on.map((r) => r.id));
    // What the statement says is due plus the payments after it is exactly the balance now.
    const after = paid.filter((p) => !stated.has(p.id)).reduce((s, p) => s + p.cents, 0);
    const balance = (await w.biller.patientBalance({ id: w.patient.id })).patient!.balance;
    expect(latest!.balanceDue + after).toBe(balance.patient - balance.credit);
    expect(latest!.patientPayments).toBe(paid.filter((p) => stated.has(p.id)).reduce((s, p) => s + p.cents, 0));
  });
});
