import { eq } from 'drizzle-orm';
import { billingProfiles } from '../../server/src/db/schema/billing.js';
import { coverages, eligibilityChecks } from '../../server/src/db/schema/insurance.js';
import { locations } from '../../server/src/db/schema/locations.js';
import { patients } from '../../server/src/db/schema/patients.js';
import { providers } from '../../server/src/db/schema/providers.js';
import type { TestServer } from '../helpers/test-server.js';
import { insertAppointment } from './appointment.factory.js';
import { syntheticNpi } from './catalog.factory.js';
import { insertPayer } from './insurance.factory.js';
import { billingWorld, goodContent, VISIT } from './superbill.factory.js';

const CREATE_SUPERBILL = `mutation C($input: CreateSuperbillInput!) { createSuperbill(input: $input) { superbill { id version } } }`;
const FINALIZE_SUPERBILL = `mutation F($input: FinalizeSuperbillInput!) { finalizeSuperbill(input: $input) { superbill { id status } } }`;

type World = Awaited<ReturnType<typeof billingWorld>> & { server: TestServer };

/** An ACTIVE coverage row of the patient (synthetic member id). */
export async function insertCoverage(w: World, payerId: string, overrides: Partial<typeof coverages.$inferInsert> = {}) {
  const db = w.server.database.db;
  const [row] = await db
    .insert(coverages)
    .values({ practiceId: w.practiceId, patientId: w.patient.id, payerId, memberId: 'XZ123456789', groupNumber: 'GRP001', planName: 'Synthetic PPO', subscriberRelationship: 'SELF', coverageOrder: 'PRIMARY', effectiveDate: '2025-01-01', copayCents: 2_500, ...overrides })
    .returning();
  return row!;
}

/** A finalized superbill of the world's appointment (or of a new completed visit on `at`). @returns its id */
export async function finalizedSuperbill(w: World, content: Record<string, unknown> = goodContent(), at?: Date): Promise<string> {
  let appointmentId = w.appointment.id;
  if (at) {
    const a = await insertAppointment(w.server.database.db, w.practiceId, { patientId: w.patient.id, providerId: w.provider.id, locationId: w.location.id, appointmentTypeId: w.type.id }, at, { status: 'COMPLETED' });
    appointmentId = a.id;
  }
  const created = await w.server.gql(w.biller, CREATE_SUPERBILL, { input: { appointmentId, ...content } });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const sb = created.data!.createSuperbill.superbill;
  const fin = await w.server.gql(w.biller, FINALIZE_SUPERBILL, { input: { id: sb.id, expectedVersion: sb.version } });
  if (fin.errors) throw new Error(JSON.stringify(fin.errors));
  return sb.id as string;
}

/** Records an answered eligibility check for the coverage on the visit date. */
export async function insertEligibility(w: World, coverageId: string, outcome: 'ELIGIBLE' | 'NOT_ELIGIBLE', priorAuthorizationRequired: boolean | null = null, dateOfService = '2026-03-02') {
  const summary = { planName: null, planBeginDate: null, planEndDate: null, inNetwork: null, priorAuthorizationRequired, rejections: [], benefits: [], copayCents: null, copayServiceType: null, coinsurance: null, coinsuranceServiceType: null, deductible: { individual: { totalCents: null, remainingCents: null }, family: { totalCents: null, remainingCents: null } }, outOfPocket: { individual: { totalCents: null, remainingCents: null }, family: { totalCents: null, remainingCents: null } } };
  await w.server.database.db.insert(eligibilityChecks).values({
    practiceId: w.practiceId, coverageId, patientId: w.patient.id, providerId: w.provider.id, dateOfService, serviceTypeCodes: ['30'], outcome, summary, interchangeControlNumber: 1, traceNumber: 'T1', raw270: 'ISA*synthetic~', requestedBy: 'test', requestedAt: new Date(),
  });
}

/**
 * A practice ready for claims: the superbill world (billing profile, charge master, code fixture), a
 * commercial payer with the patient's primary coverage, and a FINALIZED superbill of the 2026-03-02 visit.
 * The rendering provider gets a valid NPI; the billing profile a ZIP+4 and a phone, the office a ZIP+4 and
 * the patient (the subscriber) a home address, as an 837P needs. The payer's timely-filing limit is long enough that the visit is not late, whatever today is.
 */
export async function claimWorld(server: TestServer, opts: { modality?: 'IN_PERSON' | 'TELEHEALTH'; payer?: Parameters<typeof insertPayer>[2]; coverage?: Partial<typeof coverages.$inferInsert> | null } = {}) {
  const base = await billingWorld(server, { modality: opts.modality });
  // The scheduling factories' provider NPIs are not Luhn-valid; a claim's rendering NPI must be.
  const [provider] = await server.database.db.update(providers).set({ npi: syntheticNpi() }).where(eq(providers.id, base.provider.id)).returning();
  const db = server.database.db;
  await db.update(billingProfiles).set({ phone: '+15185550100', billingAddress: { line1: '100 Billing Way', city: 'Albany', state: 'NY', postalCode: '122071234', country: 'US' } }).where(eq(billingProfiles.practiceId, base.practiceId));
  const [location] = await db.update(locations).set({ address: { line1: '1 Office Plaza', city: 'New York', state: 'NY', postalCode: '100011234', country: 'US' } }).where(eq(locations.id, base.location.id)).returning();
  const [patient] = await db.update(patients).set({ address: { line1: '12 Elm Street', city: 'Albany', state: 'NY', postalCode: '12208', country: 'US' } }).where(eq(patients.id, base.patient.id)).returning();
  const w = { ...base, provider: provider!, location: location!, patient: patient!, server };
  const payer = await insertPayer(server.database.db, w.practiceId, { timelyFilingDays: 3650, ...opts.payer });
  const coverage = opts.coverage === null ? null : await insertCoverage(w, payer.id, opts.coverage ?? {});
  const content = opts.modality === 'TELEHEALTH' ? { diagnoses: ['E11.9'], lines: [{ code: '99213', units: 1, diagnosisPointers: ['A'] }] } : goodContent();
  const superbillId = await finalizedSuperbill(w, content);
  return { ...w, payer, coverage, superbillId, visit: VISIT };
}
