import { createClient, isMedofficeError, type MedofficeClient } from '@medoffice/sdk';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { patientPayments } from '../../../server/src/db/schema/patient-accounts.js';
import { appointments } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { accountsWorld } from '../../factories/accounts.factory.js';
import { insertAppointment } from '../../factories/appointment.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const client = async (practiceId: string, roles: Role[]): Promise<MedofficeClient> => createClient({ url: server.url, token: await server.token(practiceId, roles), retry: false });
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code?: string; fields?: { path: string }[]; extensions?: Record<string, unknown> });
const CHECK_IN = { demographicsConfirmed: true, insuranceCardConfirmed: true, intakeFormsStatus: 'COMPLETE' as const, copayDue: 2_500 };

/** A patient with an old open $30 visit and an appointment starting now. */
async function world() {
  const w = await accountsWorld(server.database.db);
  await w.visit(w.patient.id, '2026-01-05', 3_000);
  const appt = await insertAppointment(server.database.db, w.practiceId, { patientId: w.patient.id, providerId: w.provider.id, locationId: w.location.id, appointmentTypeId: w.type.id }, new Date(Date.now() - 5 * 60_000));
  const db = server.database.db;
  const paymentsOf = () => db.select().from(patientPayments).where(eq(patientPayments.patientId, w.patient.id));
  const statusOf = async () => (await db.select({ status: appointments.status }).from(appointments).where(eq(appointments.id, appt.id)))[0]!.status;
  return { ...w, appt, paymentsOf, statusOf, desk: await client(w.practiceId, [Role.FRONT_DESK]) };
}

describe('copay collected at check-in', () => {
  it('is recorded as a patient payment held as a credit for the visit, once however often the check-in is retried', async () => {
    const w = await world();
    // A stale version: the copay is recorded, the check-in refused; the retry replays the same payment.
    const stale = await failure(w.desk.checkInPatient({ appointmentId: w.appt.id, input: { ...CHECK_IN, expectedVersion: 99, copayCollected: { amount: 2_500, method: 'CASH' } } }));
    expect(isMedofficeError(stale, 'VERSION_CONFLICT')).toBe(true);
    const done = (await w.desk.checkInPatient({ appointmentId: w.appt.id, input: { ...CHECK_IN, copayCollected: { amount: 2_500, method: 'CASH' } } })).checkInPatient.appointment;
    const [payment, ...more] = await w.paymentsOf();
    expect(more).toEqual([]);
    expect(done.status).toBe('ARRIVED');
    expect(done.checkIn).toMatchObject({ copayDue: 2_500, copayCollected: 2_500, copayPaymentId: payment!.id });
    expect(payment).toMatchObject({ method: 'CASH', amountCents: 2_500, idempotencyKey: `check-in-copay:${w.appt.id}` });
    const entries = await server.database.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.patientId, w.patient.id), eq(ledgerEntries.kind, 'PATIENT_PAYMENT')));
    expect(entries.map((e) => [e.amountCents, e.superbillId])).toEqual([[-2_500, null]]); // not spent on the old visit
    const biller = await client(w.practiceId, [Role.BILLER]);
    expect((await biller.patientBalance({ id: w.patient.id })).patient!.balance).toMatchObject({ patient: 500, credit: 0 }); // the balance nets the account

    // Checking in again is refused before any money moves.
    const again = await failure(w.desk.checkInPatient({ appointmentId: w.appt.id, input: { ...CHECK_IN, copayCollected: { amount: 2_500, method: 'CASH' } } }));
    expect(isMedofficeError(again, 'BAD_USER_INPUT') && again!.fields!.map((f) => f.path)).toEqual(['appointmentId']);
    expect(await w.paymentsOf()).toHaveLength(1);
  });

  it('charges a card through the processor; a declined card or a bad amount refuses the check-in and records nothing', async () => {
    const w = await world();
    const declined = await failure(w.desk.checkInPatient({ appointmentId: w.appt.id, input: { ...CHECK_IN, copayCollected: { amount: 2_500, method: 'CARD', cardToken: 'tok_declined' } } }));
    expect(isMedofficeError(declined, 'BAD_USER_INPUT')).toBe(true);
    expect(declined).toMatchObject({ fields: [{ path: 'input.copayCollected.cardToken' }] });
    const noToken = await failure(w.desk.checkInPatient({ appointmentId: w.appt.id, input: { ...CHECK_IN, copayCollected: { amount: 2_500, method: 'CARD' } } }));
    expect(noToken).toMatchObject({ fields: [{ path: 'input.copayCollected.cardToken' }] });
    const zero = await failure(w.desk.checkInPatient({ appointmentId: w.appt.id, input: { ...CHECK_IN, copayCollected: { amount: 0, method: 'CASH' } } }));
    expect(zero).toMatchObject({ fields: [{ path: 'input.copayCollected.amount' }] });
    expect(await w.paymentsOf()).toEqual([]);
    expect(await w.statusOf()).toBe('BOOKED');

    const admin = await client(w.practiceId, [Role.PRACTICE_ADMIN]);
    const done = (await admin.checkInPatient({ appointmentId: w.appt.id, input: { ...CHECK_IN, copayCollected: { amount: 2_000, method: 'CARD', cardToken: 'tok_visa' } } })).checkInPatient.appointment;
    const [payment] = await w.paymentsOf();
    expect(payment).toMatchObject({ method: 'CARD', amountCents: 2_000, cardLast4: '4242' });
    expect(done.checkIn).toMatchObject({ copayCollected: 2_000, copayPaymentId: payment!.id });
  });

  it('records nothing without a collected copay, and another practice\'s appointment is not found', async () => {
    const w = await world();
    const done = (await w.desk.checkInPatient({ appointmentId: w.appt.id, input: CHECK_IN })).checkInPatient.appointment;
    expect(done.checkIn).toMatchObject({ copayDue: 2_500, copayCollected: 0, copayPaymentId: null });
    expect(await w.paymentsOf()).toEqual([]);
    const stranger = await accountsWorld(server.database.db);
    const theirs = await client(stranger.practiceId, [Role.FRONT_DESK]);
    const w2 = await world();
    expect(isMedofficeError(await failure(theirs.checkInPatient({ appointmentId: w2.appt.id, input: { ...CHECK_IN, copayCollected: { amount: 100, method: 'CASH' } } })), 'NOT_FOUND')).toBe(true);
    expect(await w2.paymentsOf()).toEqual([]);
  });
});
