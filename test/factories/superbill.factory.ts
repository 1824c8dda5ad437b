import { billingProfiles } from '../../server/src/db/schema/billing.js';
import { Role } from '../../server/src/graphql/roles.js';
import { ensureCodeFixture } from '../../server/src/modules/codes/code-fixture.js';
import { insertEntries, insertSchedule } from '../../server/src/modules/fees/fee.repo.js';
import type { TestServer } from '../helpers/test-server.js';
import { insertAppointment, officeWithProvider } from './appointment.factory.js';
import { insertPayer } from './insurance.factory.js';
import { insertPatient } from './patient.factory.js';

/** Charge-master prices (cents) of the superbill tests, effective 2025-01-01 on. */
export const PRICES = { '99213': 13_000, '99214': 18_500, '36415': 2_500, G0439: 17_500 } as const;

/** A past visit date: 2026-03-02 10:00 in New York (15:00 UTC). */
export const VISIT = new Date('2026-03-02T15:00:00Z');

/**
 * A practice ready for superbills: one office (New York), a provider, a patient, a COMPLETED
 * appointment with a $25.00 copay recorded at check-in, a billing profile, a charge master and a payer
 * that wants modifier 95 on telehealth; the code-set fixture is loaded.
 */
export async function billingWorld(server: TestServer, opts: { status?: string; modality?: 'IN_PERSON' | 'TELEHEALTH' } = {}) {
  const db = server.database.db;
  await ensureCodeFixture(db);
  const office = await officeWithProvider(db);
  const { practiceId } = office;
  const patient = await insertPatient(db, practiceId);
  const telehealth = opts.modality === 'TELEHEALTH';
  const appointment = await insertAppointment(db, practiceId, { patientId: patient.id, providerId: office.provider.id, locationId: office.location.id, appointmentTypeId: office.type.id }, VISIT, {
    status: opts.status ?? 'COMPLETED',
    modality: opts.modality ?? 'IN_PERSON',
    placeOfServiceCode: telehealth ? '10' : '11',
    checkIn: { arrivedAt: VISIT.toISOString(), demographicsConfirmed: true, insuranceCardConfirmed: true, intakeFormsStatus: 'COMPLETE', copayDue: 2_500, late: false, minutesLate: 0, checkedInBy: 'desk' },
  });
  await db.insert(billingProfiles).values({ practiceId, legalName: 'Synthetic Family Practice LLC', tin: '123456789', groupNpi: '1234567893', taxonomyCode: '207Q00000X', billingAddress: { line1: '100 Billing Way', city: 'Albany', state: 'NY', postalCode: '12207', country: 'US' } });
  const master = await insertSchedule(db, practiceId, 'Charge master', null);
  await insertEntries(db, Object.entries(PRICES).map(([code, amountCents]) => ({ practiceId, scheduleId: master.id, code, amountCents, effectiveFrom: '2025-01-01', label: `Label ${code}` })));
  const payer95 = await insertPayer(db, practiceId, { telehealthModifier95: true });
  const token = (roles: Role[] = [Role.BILLER]) => server.token(practiceId, roles);
  return { ...office, patient, appointment, payer95, token, biller: await token() };
}

/** A well-formed superbill body: two diagnoses, an office visit and a venipuncture. */
export const goodContent = () => ({
  diagnoses: ['E11.9', 'I10'],
  lines: [
    { code: '99213', modifiers: ['25'], units: 1, diagnosisPointers: ['A', 'B'] },
    { code: '36415', units: 1, diagnosisPointers: ['A'] },
  ],
});
