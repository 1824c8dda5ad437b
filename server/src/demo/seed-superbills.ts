import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { coverages } from '../db/schema/insurance.js';
import { locations } from '../db/schema/locations.js';
import { patients } from '../db/schema/patients.js';
import { providerLocations } from '../db/schema/providers.js';
import { appointments, appointmentTypes } from '../db/schema/scheduling.js';
import { superbillDiagnoses, superbillLines, superbills } from '../db/schema/superbills.js';
import { todayIn } from '../lib/dates.js';
import { describeCodes } from '../modules/codes/code.service.js';
import { feesFor } from '../modules/fees/fee.service.js';
import { getBillingProfile } from '../modules/billing/billing-profile.read.js';
import { prng } from './synthetic.js';
import { HISTORY_DAYS } from './visit-plan.js';

/** Common primary-care encounters: diagnoses (A, B…) and lines [code, modifiers, units, pointers]. */
const ENCOUNTERS: readonly { dx: string[]; lines: [string, string[], number, number[]][] }[] = [
  { dx: ['I10', 'E785'], lines: [['99214', [], 1, [1, 2]], ['36415', [], 1, [2]], ['80053', [], 1, [1, 2]]] },
  { dx: ['E119', 'I10'], lines: [['99214', ['25'], 1, [1, 2]], ['83036', [], 1, [1]], ['36415', [], 1, [1]]] },
  { dx: ['J069'], lines: [['99213', [], 1, [1]]] },
  { dx: ['J029'], lines: [['99213', [], 1, [1]], ['87880', [], 1, [1]]] },
  { dx: ['Z0000', 'Z23'], lines: [['99396', [], 1, [1]], ['85025', [], 1, [1]], ['90686', [], 1, [2]], ['90471', [], 1, [2]]] },
  { dx: ['M5450'], lines: [['99213', ['25'], 1, [1]], ['J1885', [], 2, [1]]] },
  { dx: ['R051', 'J069'], lines: [['99212', [], 1, [1, 2]]] },
  { dx: ['F419'], lines: [['99214', [], 1, [1]], ['96127', [], 1, [1]]] },
  { dx: ['E6601', 'I10'], lines: [['99213', [], 1, [1, 2]], ['G2211', [], 1, [1]]] },
];
/** Older visits generated before the demo office's own history (which is billed too). */
const VISITS = 240;
const PER_DAY = 4;
const COPAYS = [0, 2000, 2500, 3000, 4000];
// At most ~20 parameters a row: 1,000 rows a statement stay far under PostgreSQL's 65,535 parameters.
const BATCH = 1000;

async function inBatches<T extends typeof superbillDiagnoses | typeof superbillLines>(tx: Db, table: T, rows: T['$inferInsert'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await tx.insert(table).values(rows.slice(i, i + BATCH) as never);
}

/**
 * Gives the demo practice a billing history: 240 more completed office visits in the ~3 months before
 * the demo office's own four weeks (4 a weekday, a provider at a time, patients rotating), then a
 * superbill for every COMPLETED appointment, priced from the charge master on its date — most
 * FINALIZED, the last week still DRAFT, a few VOIDED. A handful of multi-row inserts, so a fresh start
 * stays quick. Needs the code fixture, the billing seed and the demo office.
 */
export async function seedDemoSuperbills(db: Db, practiceId: string, now: Date = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const rng = prng(20261206);
    const staff = await tx.select({ providerId: providerLocations.providerId, locationId: providerLocations.locationId, zone: locations.timeZone }).from(providerLocations).innerJoin(locations, eq(locations.id, providerLocations.locationId)).where(eq(providerLocations.practiceId, practiceId)).orderBy(providerLocations.providerId);
    const people = await tx.select({ id: patients.id }).from(patients).where(eq(patients.practiceId, practiceId)).orderBy(patients.mrn).limit(VISITS);
    if (staff.length === 0 || people.length === 0) return;
    const primary = new Map((await tx.select({ patientId: coverages.patientId, payerId: coverages.payerId }).from(coverages).where(and(eq(coverages.practiceId, practiceId), eq(coverages.coverageOrder, 'PRIMARY'), eq(coverages.status, 'ACTIVE')))).map((c) => [c.patientId, c.payerId]));
    const [type] = await tx.select({ id: appointmentTypes.id }).from(appointmentTypes).where(eq(appointmentTypes.practiceId, practiceId)).orderBy(appointmentTypes.name).limit(1);
    if (!type) return;
    const profile = await getBillingProfile(tx, practiceId);
    const billing = profile ? { name: profile.legalName, tin: profile.tin, npi: profile.groupNpi, address: profile.billingAddress } : { name: 'Demo Medical Group', tin: null, npi: null, address: null };

    // Weekdays going back from before the office's history, 4 visits each at 15:00, 15:30… UTC (morning in New York, early in California).
    const visits: { startsAt: Date; staff: (typeof staff)[number]; patientId: string; encounter: (typeof ENCOUNTERS)[number]; telehealth: boolean }[] = [];
    for (let day = HISTORY_DAYS + 1; visits.length < VISITS; day++) {
      const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day, 15));
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
      for (let slot = 0; slot < PER_DAY && visits.length < VISITS; slot++) {
        const k = visits.length;
        visits.push({ startsAt: new Date(date.getTime() + slot * 30 * 60_000), staff: staff[k % staff.length]!, patientId: people[k % people.length]!.id, encounter: ENCOUNTERS[rng.int(0, ENCOUNTERS.length - 1)]!, telehealth: rng.next() < 0.1 });
      }
    }
    await tx.insert(appointments).values(
      visits.map((v) => ({
        practiceId, patientId: v.patientId, providerId: v.staff.providerId, locationId: v.staff.locationId, appointmentTypeId: type.id, startsAt: v.startsAt, endsAt: new Date(v.startsAt.getTime() + 30 * 60_000),
        status: 'COMPLETED', modality: v.telehealth ? 'TELEHEALTH' : 'IN_PERSON', placeOfServiceCode: v.telehealth ? '10' : '11', arrivedAt: v.startsAt,
        checkIn: { arrivedAt: v.startsAt.toISOString(), demographicsConfirmed: true, insuranceCardConfirmed: true, intakeFormsStatus: 'COMPLETE', copayDue: rng.pick(COPAYS), late: false, minutesLate: 0, checkedInBy: 'demo' },
      })),
    );
    // Every completed visit of the practice gets its superbill (the office's own ones and the older ones).
    const appts = await tx
      .select({ id: appointments.id, patientId: appointments.patientId, providerId: appointments.providerId, locationId: appointments.locationId, startsAt: appointments.startsAt, modality: appointments.modality, placeOfServiceCode: appointments.placeOfServiceCode, checkIn: appointments.checkIn, zone: locations.timeZone })
      .from(appointments)
      .innerJoin(locations, eq(locations.id, appointments.locationId))
      .where(and(eq(appointments.practiceId, practiceId), eq(appointments.status, 'COMPLETED')))
      .orderBy(appointments.startsAt);
    const billed = appts.map((a) => ({ appt: a, telehealth: a.modality === 'TELEHEALTH', encounter: ENCOUNTERS[rng.int(0, ENCOUNTERS.length - 1)]!, startsAt: a.startsAt, zone: a.zone }));

    // Prices and descriptions once per encounter kind and price year (the charge master changes on January 1).
    const priced = new Map<string, { fees: (number | null)[]; dx: Map<string, string | null>; px: Map<string, string | null> }>();
    const dosOf = billed.map((v) => todayIn(v.zone, v.startsAt));
    for (const [i, v] of billed.entries()) {
      const key = `${ENCOUNTERS.indexOf(v.encounter)}|${dosOf[i]!.slice(0, 4)}`;
      if (priced.has(key)) continue;
      const lines = v.encounter.lines.map(([code, modifiers]) => ({ code, modifiers }));
      const [fees, described] = await Promise.all([feesFor(tx, practiceId, { dateOfService: dosOf[i]!, lines }), describeCodes(tx, practiceId, { dateOfService: dosOf[i]!, diagnoses: v.encounter.dx, procedures: lines.map((l) => l.code) })]);
      priced.set(key, { fees: fees.map((f) => f.chargeCents), dx: new Map(described.diagnoses.map((d) => [d.code, d.description])), px: new Map(described.procedures.map((d) => [d.code, d.description])) });
    }
    const rows = billed.map((v, i) => {
      const p = priced.get(`${ENCOUNTERS.indexOf(v.encounter)}|${dosOf[i]!.slice(0, 4)}`)!;
      const total = v.encounter.lines.reduce((sum, [, , units], j) => sum + (p.fees[j] ?? 0) * units, 0);
      return {
        practiceId, status: 'DRAFT', appointmentId: v.appt.id, patientId: v.appt.patientId, renderingProviderId: v.appt.providerId, locationId: v.appt.locationId, payerId: primary.get(v.appt.patientId) ?? null,
        billingProvider: billing, dateOfService: dosOf[i]!, placeOfServiceCode: v.appt.placeOfServiceCode, telehealth: v.telehealth,
        copayCollectedCents: Math.min(total, (v.appt.checkIn as { copayDue?: number } | null)?.copayDue ?? 0), totalChargeCents: total, createdBy: 'demo', createdAt: v.startsAt,
      };
    });
    const created: { id: string }[] = [];
    for (let i = 0; i < rows.length; i += BATCH) created.push(...(await tx.insert(superbills).values(rows.slice(i, i + BATCH)).returning({ id: superbills.id })));
    await inBatches(tx, superbillDiagnoses, billed.flatMap((v, i) => v.encounter.dx.map((code, j) => ({ practiceId, superbillId: created[i]!.id, position: j + 1, code, description: priced.get(`${ENCOUNTERS.indexOf(v.encounter)}|${dosOf[i]!.slice(0, 4)}`)!.dx.get(code) ?? null }))));
    await inBatches(
      tx,
      superbillLines,
      billed.flatMap((v, i) => {
        const p = priced.get(`${ENCOUNTERS.indexOf(v.encounter)}|${dosOf[i]!.slice(0, 4)}`)!;
        return v.encounter.lines.map(([code, modifiers, units, pointers], j) => ({
          practiceId, superbillId: created[i]!.id, position: j + 1, code, description: p.px.get(code) ?? null, modifiers: v.telehealth ? [...modifiers, '95'] : modifiers, units,
          unitFeeCents: p.fees[j] ?? 0, chargeCents: (p.fees[j] ?? 0) * units, scheduleFeeCents: p.fees[j] ?? null, chargeOverrideReason: null, diagnosisPointers: pointers, note: null,
        }));
      }),
    );
    // The last week's visits stay DRAFT (still being coded); older ones are FINALIZED, one in 40 VOIDED.
    const cutoff = new Date(now.getTime() - 7 * 86_400_000);
    const older = created.filter((_, i) => billed[i]!.startsAt < cutoff).map((c) => c.id);
    if (older.length) await tx.update(superbills).set({ status: 'FINALIZED', finalizedAt: now, finalizedBy: 'demo' }).where(inArray(superbills.id, older));
    const voided = older.filter((_, i) => i % 40 === 7);
    if (voided.length) await tx.update(superbills).set({ status: 'VOIDED', voidReason: 'Entered for the wrong visit (demo)', voidedAt: now, voidedBy: 'demo' }).where(inArray(superbills.id, voided));
  });
}
