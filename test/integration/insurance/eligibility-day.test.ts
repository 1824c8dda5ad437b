import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { eligibilityChecks } from '../../../server/src/db/schema/insurance.js';
import { queryStatsStorage } from '../../../server/src/db/query-stats.js';
import { createAppointmentEligibilityLoader } from '../../../server/src/modules/insurance/eligibility.loaders.js';
import { insertAppointment } from '../../factories/insurance.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { eligibilityWorld, VERIFY } from './eligibility-setup.js';

const DAY = `mutation($input: VerifyEligibilityForDayInput!) { verifyEligibilityForDay(input: $input) { date results { appointmentId status errorCode check { id outcome reason expectedCopay dateOfService } } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

// 2026-12-01 in New York (the factory location's zone): 14:00Z = 09:00 local; 04:30Z on the 2nd is still the 1st locally.
const at = (iso: string) => new Date(iso);

describe('verifyEligibilityForDay', () => {
  it('verifies each primary coverage of the day once, skips fresh answers and patients without coverage', async () => {
    const w = await eligibilityWorld(server);
    const p2 = await insertPatient(w.db, w.practiceId);
    const p3 = await insertPatient(w.db, w.practiceId);
    const p4 = await insertPatient(w.db, w.practiceId);
    const p5 = await insertPatient(w.db, w.practiceId);
    const c1 = await w.addCoverage('W9001');
    const c2 = await w.addCoverage('INA9002', {}, p2.id);
    await w.addCoverage('W9003', { order: 'SECONDARY' }, p3.id); // only a secondary: no primary to verify
    const c5 = await w.addCoverage('UNV9005', {}, p5.id);
    const mk = (patientId: string, iso: string, status?: string) => insertAppointment(w.db, w.practiceId, { patientId, providerId: w.provider.id, locationId: w.location.id, startsAt: at(iso), status });
    const a1 = await mk(w.patient.id, '2026-12-01T14:00:00Z');
    const a1b = await mk(w.patient.id, '2026-12-01T18:00:00Z'); // same patient again: one verification
    const a2 = await mk(p2.id, '2026-12-02T04:30:00Z'); // still Dec 1 in New York
    const a3 = await mk(p3.id, '2026-12-01T15:00:00Z');
    const a4 = await mk(p4.id, '2026-12-01T16:00:00Z', 'CANCELLED'); // not an active appointment
    const a5 = await mk(p5.id, '2026-12-01T17:00:00Z');
    await mk(w.patient.id, '2026-12-02T14:00:00Z'); // another day
    const other = await createLocation(w.db, w.practiceId);
    await insertAppointment(w.db, w.practiceId, { patientId: p4.id, providerId: w.provider.id, locationId: other.id, startsAt: at('2026-12-01T19:00:00Z') });

    const first = await server.gql(w.token, DAY, { input: { locationId: w.location.id, date: '2026-12-01' } });
    expect(first.errors).toBeUndefined();
    const byAppt = Object.fromEntries(first.data!.verifyEligibilityForDay.results.map((r: { appointmentId: string }) => [r.appointmentId, r]));
    expect(Object.keys(byAppt).sort()).toEqual([a1.id, a1b.id, a2.id, a3.id, a5.id].sort());
    expect(byAppt[a4.id]).toBeUndefined();
    expect(byAppt[a1.id]).toMatchObject({ status: 'VERIFIED', check: { outcome: 'ELIGIBLE', expectedCopay: 2500, dateOfService: '2026-12-01' } });
    expect(byAppt[a1b.id].check.id).toBe(byAppt[a1.id].check.id);
    expect(byAppt[a2.id]).toMatchObject({ status: 'VERIFIED', check: { outcome: 'NOT_ELIGIBLE', expectedCopay: null } });
    expect(byAppt[a3.id]).toMatchObject({ status: 'NO_PRIMARY_COVERAGE', check: null });
    expect(byAppt[a5.id]).toMatchObject({ status: 'VERIFIED', check: { outcome: 'UNKNOWN', expectedCopay: 1500 } });
    const stored = await w.db.select().from(eligibilityChecks).where(inArray(eligibilityChecks.coverageId, [c1, c2, c5]));
    expect(stored).toHaveLength(3);

    // Within the freshness window only the UNKNOWN answer is asked again.
    const second = await server.gql(w.token, DAY, { input: { locationId: w.location.id, date: '2026-12-01' } });
    const statuses = Object.fromEntries(second.data!.verifyEligibilityForDay.results.map((r: { appointmentId: string; status: string }) => [r.appointmentId, r.status]));
    expect(statuses).toMatchObject({ [a1.id]: 'FRESH', [a1b.id]: 'FRESH', [a2.id]: 'FRESH', [a5.id]: 'VERIFIED' });
    const forced = await server.gql(w.token, DAY, { input: { locationId: w.location.id, date: '2026-12-01', force: true } });
    expect(forced.data!.verifyEligibilityForDay.results.filter((r: { status: string }) => r.status === 'VERIFIED')).toHaveLength(4);
  });

  it('answers NOT_FOUND for another practice’s location', async () => {
    const mine = await eligibilityWorld(server);
    const other = await eligibilityWorld(server);
    const res = await server.gql(mine.token, DAY, { input: { locationId: other.location.id, date: '2026-12-01' } });
    expect(res.errors![0]!.extensions.code).toBe('NOT_FOUND');
  });
});

describe('latestEligibilityForAppointments (the Appointment.eligibility loader)', () => {
  it('returns each appointment’s latest check for its local date in one statement, primary coverage first', async () => {
    const w = await eligibilityWorld(server);
    const primary = await w.addCoverage('W7001');
    const secondary = await w.addCoverage('W7002', { order: 'SECONDARY' });
    const verify = (coverageId: string, dateOfService: string) => server.gql(w.token, VERIFY, { input: { coverageId, providerId: w.provider.id, dateOfService } });
    const old = (await verify(primary, '2026-12-01')).data!.verifyEligibility.check.id;
    const latest = (await verify(primary, '2026-12-01')).data!.verifyEligibility.check.id;
    await verify(secondary, '2026-12-01'); // newer, but secondary
    const dec3 = (await verify(primary, '2026-12-03')).data!.verifyEligibility.check.id;
    const mk = (iso: string) => insertAppointment(w.db, w.practiceId, { patientId: w.patient.id, providerId: w.provider.id, locationId: w.location.id, startsAt: at(iso) });
    const a1 = await mk('2026-12-02T03:00:00Z'); // Dec 1, 22:00 in New York
    const a2 = await mk('2026-12-02T15:00:00Z'); // Dec 2: never verified
    const a3 = await mk('2026-12-03T15:00:00Z');
    const otherPractice = await eligibilityWorld(server);
    const loader = createAppointmentEligibilityLoader(w.db, w.practiceId);
    const foreign = await insertAppointment(otherPractice.db, otherPractice.practiceId, { patientId: otherPractice.patient.id, providerId: otherPractice.provider.id, locationId: otherPractice.location.id, startsAt: at('2026-12-01T15:00:00Z') });
    const stats = { statements: 0, requestId: 'loader-test' };
    const result = await queryStatsStorage.run(stats, () => loader.loadMany([a1.id, a2.id, a3.id, foreign.id]));
    expect(stats.statements).toBe(1);
    expect(result.map((r) => (r instanceof Error ? r : r?.id ?? null))).toEqual([latest, null, dec3, null]);
    expect(latest).not.toBe(old);
  });
});
