import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { locations } from '../db/schema/locations.js';
import { patients } from '../db/schema/patients.js';
import { practices } from '../db/schema/practices.js';
import { providerLocations, providers } from '../db/schema/providers.js';
import type { Logger } from '../logger.js';
import { todayIn } from '../lib/dates.js';
import { addDays } from '../lib/local-time.js';
import { ensureCodeFixture } from '../modules/codes/code-fixture.js';
import { seedDemoAccounts } from './seed-accounts.js';
import { seedDemoAppeals } from './seed-appeals.js';
import { seedDemoBilling } from './seed-billing.js';
import { seedDemoClaimFlow } from './seed-claim-flow.js';
import { seedDemoClaims } from './seed-claims.js';
import { seedDemoEligibility } from './seed-eligibility.js';
import { seedDemoInsurance } from './seed-insurance.js';
import { seedDemoOffice } from './seed-office.js';
import { seedDemoLedger } from './seed-ledger.js';
import { seedDemoCorrespondence } from './seed-loops.js';
import { seedDemoDocuments } from './seed-documents.js';
import { seedDemoReleases } from './seed-releases.js';
import { seedDemoIntake } from './seed-intake.js';
import { seedDemoReferrals } from './seed-referrals.js';
import { seedDemoOrders } from './seed-orders.js';
import { seedDemoResults } from './seed-results.js';
import { seedDemoSuperbills } from './seed-superbills.js';
import { seedDemoImports } from './seed-imports.js';
import { seedDemoSupplies } from './seed-supplies.js';
import { seedDemoVisits } from './seed-visits.js';
import { HISTORY_DAYS } from './visit-plan.js';
import { demoId, FAMILY, GIVEN, LANGUAGES, prng, type Rng, syntheticDob, syntheticNpi, syntheticPhone } from './synthetic.js';

/** The demo practice has a fixed id so printed tokens and docs stay valid across fresh starts. */
export const DEMO_PRACTICE_ID = '00000000-0000-4000-8000-00000000d3e0';

const DEMO_LOCATIONS = [
  { name: 'Riverside Family Medicine (Demo)', timeZone: 'America/New_York', city: 'Albany', state: 'NY', postalCode: '122071234' },
  { name: 'Bayview Clinic (Demo)', timeZone: 'America/Los_Angeles', city: 'Oakland', state: 'CA', postalCode: '946071234' },
] as const;

// Specialty and NUCC taxonomy code pairs.
const SPECIALTIES = [
  ['Family Medicine', '207Q00000X'],
  ['Internal Medicine', '207R00000X'],
  ['Pediatrics', '208000000X'],
  ['Cardiovascular Disease', '207RC0000X'],
  ['Dermatology', '207N00000X'],
  ['Nurse Practitioner, Family', '363LF0000X'],
  ['Obstetrics & Gynecology', '207V00000X'],
  ['Physician Assistant', '363A00000X'],
] as const;

type PatientInsert = typeof patients.$inferInsert;

/** One synthetic patient row (no MRN side effects: the caller numbers them). */
export function syntheticPatient(rng: Rng, practiceId: string, n: number): PatientInsert {
  const phone = syntheticPhone(rng);
  return {
    practiceId,
    mrn: `M${String(n).padStart(7, '0')}`,
    givenName: rng.pick(GIVEN),
    familyName: rng.pick(FAMILY),
    dateOfBirth: syntheticDob(rng),
    sexAtBirth: rng.pick(['FEMALE', 'MALE'] as const),
    phones: [{ kind: 'MOBILE', number: phone, primary: true }],
    phoneDigits: phone.slice(2),
    email: `patient${n}@example.test`,
    address: { line1: `${rng.int(1, 999)} Example St`, city: 'Testville', state: rng.pick(['NY', 'CA']), postalCode: '00000', country: 'US' },
    preferredLanguage: rng.pick(LANGUAGES),
    consents: { sms: rng.next() < 0.7, email: rng.next() < 0.6, voicemail: true, portal: rng.next() < 0.5 },
  };
}

// About 17 parameters a row: 1,000 rows stay well under PostgreSQL's 65,535 parameters a statement.
const PATIENT_BATCH = 1000;

/** Inserts patients in batches of 1,000 rows per statement. */
export async function insertPatientsInBatches(db: Db, rows: PatientInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += PATIENT_BATCH) await db.insert(patients).values(rows.slice(i, i + PATIENT_BATCH));
}

/**
 * Inserts a practice with 2 locations in different time zones and 8 providers with valid NPIs.
 * @param db - the database or transaction to use
 * @param practiceId - the new practice's id
 * @param name - the practice's name
 * @param patientCount - patients the caller will add as M0000001…; the MRN counter starts after them
 */
export async function insertPracticeShell(db: Db, practiceId: string, name: string, patientCount: number): Promise<void> {
  await db.insert(practices).values({ id: practiceId, name, taxId: '00-0000000', nextMrn: patientCount + 1 });
  const locs = await db
    .insert(locations)
    .values(DEMO_LOCATIONS.map((l, i) => ({ id: demoId(practiceId, `location-${i}`), practiceId, name: l.name, timeZone: l.timeZone, placeOfServiceCode: '11', phone: `+1${i ? '510' : '518'}5550100`, address: { line1: `${100 + i} Demo Ave`, city: l.city, state: l.state, postalCode: l.postalCode, country: 'US' } })))
    .returning();
  const provs = await db
    .insert(providers)
    .values(SPECIALTIES.map(([specialty, taxonomyCode], i) => ({ id: demoId(practiceId, `provider-${i}`), practiceId, givenName: GIVEN[(i * 5) % GIVEN.length]!, familyName: `${FAMILY[(i * 3) % FAMILY.length]}-Provider`, credentials: taxonomyCode.startsWith('363') ? (taxonomyCode.startsWith('363L') ? 'NP' : 'PA-C') : 'MD', npi: syntheticNpi(123450000 + i * 7919), taxonomyCode, specialty })))
    .returning();
  await db.insert(providerLocations).values(provs.map((p, i) => ({ practiceId, providerId: p.id, locationId: locs[i % locs.length]!.id })));
}

/** The deterministic sequence of synthetic patients M0000001…M<count> of a practice. */
export function* syntheticPatients(practiceId: string, count: number): Generator<PatientInsert> {
  const rng = prng(20261126);
  for (let n = 1; n <= count; n++) {
    const patient = syntheticPatient(rng, practiceId, n);
    // A known name for the README's typo-tolerant search example ("jonathon smyth").
    if (n === 1) Object.assign(patient, { id: demoId(practiceId, 'patient-1'), givenName: 'Jonathan', familyName: 'Smith' });
    yield patient;
  }
}

/** What the demo seed adds beyond the practice and its patients. */
export interface DemoOptions {
  /** The instant the demo is built around (today's visits, history before it, bookings after it). */
  now?: Date;
  /** A working office: visit types, hours, rooms, visits, reminders, waitlist, recalls, eligibility checks (default true). */
  office?: boolean;
}

/**
 * Creates the deterministic demo practice (see insertPracticeShell) with `patientCount` patients in one
 * transaction, inserted 1,000 rows per statement so memory stays flat, and (unless `office: false`) a
 * working office around `now`: four weeks of past visits, three weeks booked ahead, today in progress,
 * and the front desk's eligibility checks for today and the next working day.
 * @returns the practice id and how many appointments and eligibility checks were made
 */
export async function seedDemoPractice(db: Db, patientCount = 500, practiceId = DEMO_PRACTICE_ID, name = 'Demo Medical Group', opts: DemoOptions = {}): Promise<{ practiceId: string; appointments: number; eligibilityChecks: number }> {
  const now = opts.now ?? new Date();
  let appointmentCount = 0;
  // Code sets first (reference data, own transaction), so the demo's billing can check its codes.
  await ensureCodeFixture(db);
  const office = await db.transaction(async (tx) => {
    await insertPracticeShell(tx, practiceId, name, patientCount);
    let batch: PatientInsert[] = [];
    for (const row of syntheticPatients(practiceId, patientCount)) {
      batch.push(row);
      if (batch.length === PATIENT_BATCH) {
        await tx.insert(patients).values(batch);
        batch = [];
      }
    }
    if (batch.length) await tx.insert(patients).values(batch);
    await seedDemoInsurance(tx, practiceId);
    await seedDemoBilling(tx, practiceId);
    if (opts.office === false) return null;
    const demoOffice = await seedDemoOffice(tx, practiceId, addDays(todayIn('UTC', now), -HISTORY_DAYS));
    appointmentCount = await seedDemoVisits(tx, practiceId, demoOffice, now, prng(20261206));
    return demoOffice;
  });
  const eligibilityChecks = office ? await seedDemoEligibility(db, practiceId, office, now) : 0;
  if (office) {
    await seedDemoSuperbills(db, practiceId, now);
    await seedDemoClaims(db, practiceId, now);
    await seedDemoLedger(db, practiceId);
    await seedDemoSupplies(db, practiceId, now);
    await seedDemoClaimFlow(db, practiceId, now);
    await seedDemoAccounts(db, practiceId, now);
    await seedDemoCorrespondence(db, practiceId, now);
    await seedDemoReferrals(db, practiceId, now);
    await seedDemoOrders(db, practiceId, now);
    await seedDemoDocuments(db, practiceId, now);
    await seedDemoAppeals(db, practiceId, now);
    await seedDemoReleases(db, practiceId, now);
    await seedDemoIntake(db, practiceId, now);
    await seedDemoResults(db, practiceId, now);
    await seedDemoImports(db, practiceId);
  }
  return { practiceId, appointments: appointmentCount, eligibilityChecks };
}

/**
 * Seeds the demo practice on first start against an empty database (or always/never per config).
 * @returns the demo practice id when it exists after the call, else null
 */
export async function seedDemoIfEmpty(db: Db, mode: 'auto' | 'always' | 'never', logger: Logger): Promise<{ practiceId: string } | null> {
  const [existing] = await db.select({ id: practices.id }).from(practices).where(eq(practices.id, DEMO_PRACTICE_ID));
  if (existing) return { practiceId: DEMO_PRACTICE_ID };
  if (mode === 'never') return null;
  const [{ n }] = (await db.select({ n: count() }).from(practices)) as [{ n: number }];
  if (mode === 'auto' && Number(n) > 0) return null;
  const started = Date.now();
  const result = await seedDemoPractice(db);
  logger.info({ practiceId: result.practiceId, appointments: result.appointments, eligibilityChecks: result.eligibilityChecks, ms: Date.now() - started }, 'seeded the demo practice');
  return { practiceId: result.practiceId };
}
