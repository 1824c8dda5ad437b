import { randomUUID } from 'node:crypto';
import { createClient, isMedofficeError, type MedofficeClient } from '@medoffice/sdk';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { patientPayments } from '../../../server/src/db/schema/patient-accounts.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { accountsWorld } from '../../factories/accounts.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { pdfPagesText } from '../../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const client = async (practiceId: string, roles: Role[]): Promise<MedofficeClient> => createClient({ url: server.url, token: await server.token(practiceId, roles), retry: false });
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code?: string; fields?: { path: string }[]; extensions?: Record<string, unknown> });
const paths = (e: unknown) => (e as { fields?: { path: string }[] }).fields?.map((f) => f.path);
const key = () => `pay-${randomUUID()}`;

/** Two open visits for the patient ($30 in January, $50 in February) and one ($20) for the other patient. */
async function world() {
  const w = await accountsWorld(server.database.db);
  const jan = await w.visit(w.patient.id, '2026-01-05', 3_000);
  const feb = await w.visit(w.patient.id, '2026-02-05', 5_000);
  const theirs = await w.visit(w.other.id, '2026-01-10', 2_000);
  return { ...w, jan, feb, theirs, desk: await client(w.practiceId, [Role.FRONT_DESK]), biller: await client(w.practiceId, [Role.BILLER]) };
}

const entriesOf = (practiceId: string) => server.database.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.practiceId, practiceId), eq(ledgerEntries.kind, 'PATIENT_PAYMENT')));

describe('recordPatientPayment', () => {
  it('pays the oldest visits first, keeps the over-payment as a credit, and is audited', async () => {
    const w = await world();
    const r = await w.desk.recordPatientPayment({ input: { idempotencyKey: key(), patientId: w.patient.id, amount: 9_000, method: 'CASH' } });
    expect(r.recordPatientPayment.replayed).toBe(false);
    const p = r.recordPatientPayment.payment;
    expect(p).toMatchObject({ patientId: w.patient.id, method: 'CASH', amount: 9_000, refunded: 0, processorReference: null, cardLast4: null });
    expect(p.allocations.map((a) => [a.superbillId, a.amount])).toEqual([[w.jan, 3_000], [w.feb, 5_000], [null, 1_000]]);
    expect((await w.desk.patientBalance({ id: w.patient.id })).patient!.balance).toEqual({ insurance: 0, patient: 0, credit: 1_000, total: -1_000 });
    const rows = await entriesOf(w.practiceId);
    expect(rows.map((e) => e.amountCents).sort()).toEqual([-1_000, -3_000, -5_000]);
    expect(new Set(rows.map((e) => e.id))).toEqual(new Set(p.allocations.map((a) => a.ledgerEntryId)));
    const audits = await auditEntries(server.database.db, { practiceId: w.practiceId, action: 'CREATE' });
    expect(audits.filter((a) => a.entityType === 'PatientPayment').map((a) => [a.entityId, a.patientId])).toEqual([[p.id, w.patient.id]]);
    expect(audits.filter((a) => a.entityType === 'LedgerEntry' && rows.some((e) => e.id === a.entityId))).toHaveLength(3);
  });

  it('follows explicit allocations and refuses over-allocation, another patient\'s visit, bad cents and unknown patients, recording nothing', async () => {
    const w = await world();
    const base = { patientId: w.patient.id, amount: 6_000, method: 'CHECK' as const, checkNumber: '1042' };
    const r = await w.biller.recordPatientPayment({ input: { ...base, idempotencyKey: key(), allocations: [{ superbillId: w.feb, amount: 5_000 }] } });
    expect(r.recordPatientPayment.payment.allocations.map((a) => [a.superbillId, a.amount])).toEqual([[w.feb, 5_000], [null, 1_000]]);
    expect(r.recordPatientPayment.payment.checkNumber).toBe('1042');
    const before = (await entriesOf(w.practiceId)).length;
    expect(paths(await failure(w.biller.recordPatientPayment({ input: { ...base, idempotencyKey: key(), allocations: [{ superbillId: w.jan, amount: 3_001 }] } })))).toEqual(['input.allocations.0.amount']);
    expect(paths(await failure(w.biller.recordPatientPayment({ input: { ...base, idempotencyKey: key(), amount: 2_000, allocations: [{ superbillId: w.jan, amount: 2_500 }] } })))).toEqual(['input.allocations']);
    expect(paths(await failure(w.biller.recordPatientPayment({ input: { ...base, idempotencyKey: key(), allocations: [{ superbillId: w.theirs, amount: 100 }] } })))).toEqual(['input.allocations.0.superbillId']);
    expect(paths(await failure(w.biller.recordPatientPayment({ input: { ...base, idempotencyKey: key(), allocations: [{ superbillId: w.feb, amount: 100 }] } })))).toEqual(['input.allocations.0.superbillId']); // paid in full: not open
    for (const amount of [0, -500]) expect(paths(await failure(w.biller.recordPatientPayment({ input: { ...base, idempotencyKey: key(), amount } }))), String(amount)).toEqual(['input.amount']);
    const token = await server.token(w.practiceId, [Role.BILLER]);
    const M = 'mutation($i: RecordPatientPaymentInput!) { recordPatientPayment(input: $i) { replayed } }';
    for (const amount of [10.5, 100_000_001, '500']) expect((await server.gql(token, M, { i: { ...base, idempotencyKey: key(), amount } })).errors![0]!.extensions.code, String(amount)).toBe('BAD_USER_INPUT');
    expect(paths(await failure(w.biller.recordPatientPayment({ input: { ...base, idempotencyKey: key(), method: 'CASH' } })))).toEqual(['input.checkNumber']);
    expect(paths(await failure(w.biller.recordPatientPayment({ input: { ...base, idempotencyKey: key(), checkNumber: null, method: 'CARD' } })))).toEqual(['input.cardToken']);
    expect(isMedofficeError(await failure(w.biller.recordPatientPayment({ input: { ...base, idempotencyKey: key(), patientId: randomUUID() } })), 'NOT_FOUND')).toBe(true);
    expect(isMedofficeError(await failure(w.biller.recordPatientPayment({ input: { ...base, idempotencyKey: key(), patientId: 'not-an-id' } })), 'NOT_FOUND')).toBe(true);
    expect(await entriesOf(w.practiceId)).toHaveLength(before);
  });

  it('charges a card through the processor, keeping only its reference, brand and last 4; a declined card records nothing', async () => {
    const w = await world();
    const r = await w.desk.recordPatientPayment({ input: { idempotencyKey: key(), patientId: w.patient.id, amount: 2_500, method: 'CARD', cardToken: 'tok_visa' } });
    expect(r.recordPatientPayment.payment).toMatchObject({ method: 'CARD', cardBrand: 'VISA', cardLast4: '4242', processorReference: expect.stringMatching(/^ch_[0-9a-f]{24}$/) });
    const [row] = await server.database.db.select().from(patientPayments).where(eq(patientPayments.id, r.recordPatientPayment.payment.id));
    expect(JSON.stringify(row)).not.toContain('tok_visa');
    const declined = await failure(w.desk.recordPatientPayment({ input: { idempotencyKey: key(), patientId: w.patient.id, amount: 2_500, method: 'CARD', cardToken: 'tok_declined' } }));
    expect(isMedofficeError(declined, 'BAD_USER_INPUT') && paths(declined)).toEqual(['input.cardToken']);
    const token = await server.token(w.practiceId, [Role.FRONT_DESK]);
    const raw = await server.gql(token, 'mutation($i: RecordPatientPaymentInput!) { recordPatientPayment(input: $i) { replayed } }', { i: { idempotencyKey: key(), patientId: w.patient.id, amount: 100, method: 'CARD', cardToken: 'tok_expired' } });
    expect(raw.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CARD_DECLINED' });
    expect(await server.database.db.select().from(patientPayments).where(eq(patientPayments.practiceId, w.practiceId))).toHaveLength(1);
  });

  it('records one payment for two concurrent requests with one key, and refuses the key for other content', async () => {
    const w = await world();
    const input = { idempotencyKey: key(), patientId: w.patient.id, amount: 1_234, method: 'CARD' as const, cardToken: 'tok_mastercard' };
    const results = await Promise.all(Array.from({ length: 6 }, () => w.desk.recordPatientPayment({ input })));
    expect(new Set(results.map((r) => r.recordPatientPayment.payment.id)).size).toBe(1);
    expect(results.filter((r) => !r.recordPatientPayment.replayed)).toHaveLength(1);
    expect(await server.database.db.select().from(patientPayments).where(eq(patientPayments.practiceId, w.practiceId))).toHaveLength(1);
    expect(await entriesOf(w.practiceId)).toHaveLength(1);
    expect(isMedofficeError(await failure(w.desk.recordPatientPayment({ input: { ...input, amount: 1_235 } })), 'IDEMPOTENCY_KEY_REUSED')).toBe(true);
    // The same key for the other patient, racing: one wins, the other is told the key is taken.
    const k = key();
    const race = await Promise.all([w.patient.id, w.other.id].map((patientId) => failure(w.desk.recordPatientPayment({ input: { idempotencyKey: k, patientId, amount: 500, method: 'CASH' } }))));
    expect(race.filter((e) => e === null)).toHaveLength(1);
    expect(race.filter((e) => e !== null && isMedofficeError(e, 'IDEMPOTENCY_KEY_REUSED'))).toHaveLength(1);
    expect(await server.database.db.select().from(patientPayments).where(eq(patientPayments.practiceId, w.practiceId))).toHaveLength(2);
  });
});

describe('refundPatientPayment and receipts', () => {
  it('refunds the credit first, then the newest visit, at most the payment, once per key', async () => {
    const w = await world();
    const paid = (await w.desk.recordPatientPayment({ input: { idempotencyKey: key(), patientId: w.patient.id, amount: 9_000, method: 'CARD', cardToken: 'tok_amex' } })).recordPatientPayment.payment;
    const k = key();
    const r = await w.biller.refundPatientPayment({ input: { idempotencyKey: k, paymentId: paid.id, amount: 2_000, reason: 'Overpaid' } });
    expect(r.refundPatientPayment).toMatchObject({ replayed: false, refund: { paymentId: paid.id, amount: 2_000, reason: 'Overpaid', processorReference: expect.stringMatching(/^re_/) }, payment: { refunded: 2_000 } });
    expect(r.refundPatientPayment.refund.ledgerEntryIds).toHaveLength(2);
    // 1,000 of credit back, then 1,000 of February owed again.
    expect((await w.biller.patientBalance({ id: w.patient.id })).patient!.balance).toEqual({ insurance: 0, patient: 1_000, credit: 0, total: 1_000 });
    expect((await w.biller.refundPatientPayment({ input: { idempotencyKey: k, paymentId: paid.id, amount: 2_000, reason: 'Overpaid' } })).refundPatientPayment.replayed).toBe(true);
    expect(isMedofficeError(await failure(w.biller.refundPatientPayment({ input: { idempotencyKey: k, paymentId: paid.id, amount: 1_000, reason: 'Overpaid' } })), 'IDEMPOTENCY_KEY_REUSED')).toBe(true);
    expect(paths(await failure(w.biller.refundPatientPayment({ input: { idempotencyKey: key(), paymentId: paid.id, amount: 7_001, reason: 'x' } })))).toEqual(['input.amount']);
    expect(paths(await failure(w.biller.refundPatientPayment({ input: { idempotencyKey: key(), paymentId: paid.id, amount: -1, reason: 'x' } })))).toEqual(['input.amount']);
    await w.biller.refundPatientPayment({ input: { idempotencyKey: key(), paymentId: paid.id, amount: 7_000, reason: 'Cancelled' } });
    expect((await w.biller.patientBalance({ id: w.patient.id })).patient!.balance).toEqual({ insurance: 0, patient: 8_000, credit: 0, total: 8_000 });
    expect(isMedofficeError(await failure(w.biller.refundPatientPayment({ input: { idempotencyKey: key(), paymentId: randomUUID(), amount: 1, reason: 'x' } })), 'NOT_FOUND')).toBe(true);
  });

  it('renders a receipt whose text says who paid what, how and where it went', async () => {
    const w = await world();
    const paid = (await w.desk.recordPatientPayment({ input: { idempotencyKey: key(), patientId: w.patient.id, amount: 4_000, method: 'CARD', cardToken: 'tok_visa' } })).recordPatientPayment.payment;
    const pdf = (await w.desk.patientPaymentReceipt({ id: paid.id })).patientPaymentReceipt;
    expect(pdf).toMatchObject({ contentType: 'application/pdf', fileName: `receipt-${paid.id.slice(0, 8)}.pdf` });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.length).toBe(pdf.byteLength);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const [text] = await pdfPagesText(bytes);
    for (const s of ['Payment receipt', w.patient.mrn, 'VISA ending 4242', '$40.00', 'Visit of 01/05/2026', '$30.00', 'Visit of 02/05/2026', '$10.00', 'Page 1 of 1']) expect(text, s).toContain(s);
    const exports = await auditEntries(server.database.db, { practiceId: w.practiceId, entityType: 'PatientPayment', action: 'EXPORT' });
    expect(exports.map((a) => a.entityId)).toEqual([paid.id]);
  });
});

describe('roles and tenancy', () => {
  it('lets the front desk and billers take payments, billers and admins refund, and nobody reach another practice', async () => {
    const w = await world();
    const M = 'mutation($i: RecordPatientPaymentInput!) { recordPatientPayment(input: $i) { payment { id } } }';
    for (const role of [Role.CLINICIAN, Role.ANALYST, Role.PRACTICE_ADMIN]) {
      expect((await server.gql(await server.token(w.practiceId, [role]), M, { i: { idempotencyKey: key(), patientId: w.patient.id, amount: 100, method: 'CASH' } })).errors![0]!.extensions.code, role).toBe('FORBIDDEN');
    }
    const paid = (await w.desk.recordPatientPayment({ input: { idempotencyKey: key(), patientId: w.patient.id, amount: 100, method: 'CASH' } })).recordPatientPayment.payment;
    expect(isMedofficeError(await failure(w.desk.refundPatientPayment({ input: { idempotencyKey: key(), paymentId: paid.id, amount: 100, reason: 'x' } })), 'FORBIDDEN')).toBe(true);
    const admin = await client(w.practiceId, [Role.PRACTICE_ADMIN]);
    expect((await admin.refundPatientPayment({ input: { idempotencyKey: key(), paymentId: paid.id, amount: 50, reason: 'x' } })).refundPatientPayment.refund.amount).toBe(50);

    const elsewhere = await accountsWorld(server.database.db);
    const theirDesk = await client(elsewhere.practiceId, [Role.FRONT_DESK]);
    const theirBiller = await client(elsewhere.practiceId, [Role.BILLER]);
    expect(isMedofficeError(await failure(theirDesk.recordPatientPayment({ input: { idempotencyKey: key(), patientId: w.patient.id, amount: 100, method: 'CASH' } })), 'NOT_FOUND')).toBe(true);
    expect(isMedofficeError(await failure(theirDesk.patientPayment({ id: paid.id })), 'NOT_FOUND')).toBe(true);
    expect(isMedofficeError(await failure(theirDesk.patientPaymentReceipt({ id: paid.id })), 'NOT_FOUND')).toBe(true);
    expect(isMedofficeError(await failure(theirBiller.refundPatientPayment({ input: { idempotencyKey: key(), paymentId: paid.id, amount: 10, reason: 'x' } })), 'NOT_FOUND')).toBe(true);
    // Their own patient cannot be paid onto our visit.
    expect(paths(await failure(theirDesk.recordPatientPayment({ input: { idempotencyKey: key(), patientId: elsewhere.patient.id, amount: 100, method: 'CASH', allocations: [{ superbillId: w.jan, amount: 100 }] } })))).toEqual(['input.allocations.0.superbillId']);
    expect((await w.desk.patientPayment({ id: paid.id })).patientPayment).toMatchObject({ id: paid.id, refunded: 50 });
  });
});
