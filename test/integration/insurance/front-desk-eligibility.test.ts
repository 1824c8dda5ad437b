import { beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../../server/src/lib/dates.js';
import { insertAppointment } from '../../factories/insurance.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { eligibilityWorld } from './eligibility-setup.js';

const DAY_VIEW = `query($locationId: ID!, $date: LocalDate!) {
  schedule(locationId: $locationId, date: $date, first: 200) {
    edges { node { id patient { mrn } expectedCopay eligibility { outcome expectedCopay dateOfService } } }
  } }`;
const VERIFY_DAY = 'mutation($input: VerifyEligibilityForDayInput!) { verifyEligibilityForDay(input: $input) { results { status } } }';
const CHECK_IN = `mutation($id: ID!, $input: CheckInInput!) {
  checkInPatient(appointmentId: $id, input: $input) { appointment { id expectedCopay eligibility { outcome expectedCopay } } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

/** A practice with `count` verified appointments from `first` on, on local `date` at one New York location. */
async function verifiedDay(count: number, first = new Date('2026-12-01T14:00:00Z'), date = '2026-12-01') {
  const w = await eligibilityWorld(server);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const patient = i === 0 ? w.patient : await insertPatient(w.db, w.practiceId);
    await w.addCoverage(`W${8000 + i}`, {}, patient.id);
    const appt = await insertAppointment(w.db, w.practiceId, { patientId: patient.id, providerId: w.provider.id, locationId: w.location.id, startsAt: new Date(first.getTime() + i * 30 * 60_000) });
    ids.push(appt.id);
  }
  const verified = await server.gql(w.token, VERIFY_DAY, { input: { locationId: w.location.id, date } });
  expect(verified.errors).toBeUndefined();
  return { ...w, ids };
}

describe('eligibility at the front desk', () => {
  it('shows each appointment’s latest eligibility and expected copay in the day view without a statement per appointment', async () => {
    const small = await verifiedDay(2);
    const large = await verifiedDay(8);
    const run = (w: Awaited<ReturnType<typeof verifiedDay>>) => server.gql(w.token, DAY_VIEW, { locationId: w.location.id, date: '2026-12-01' });
    const a = await run(small);
    const b = await run(large);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const nodes = b.data!.schedule.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toHaveLength(8);
    for (const n of nodes) expect(n).toMatchObject({ expectedCopay: 2500, eligibility: { outcome: 'ELIGIBLE', expectedCopay: 2500, dateOfService: '2026-12-01' } });
    expect(b.extensions!.stats!.sqlStatements).toBe(a.extensions!.stats!.sqlStatements);
  });

  it('returns null eligibility for an appointment never verified', async () => {
    const w = await eligibilityWorld(server);
    await insertAppointment(w.db, w.practiceId, { patientId: w.patient.id, providerId: w.provider.id, locationId: w.location.id, startsAt: new Date('2026-12-01T15:00:00Z') });
    const res = await server.gql(w.token, DAY_VIEW, { locationId: w.location.id, date: '2026-12-01' });
    expect(res.data!.schedule.edges[0].node).toMatchObject({ eligibility: null, expectedCopay: null });
  });

  it('shows the eligibility answer and copay to collect when checking in', async () => {
    // Check-in happens now, so the visit is today (in the location's zone) a few minutes from now.
    const startsAt = new Date(Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000);
    const w = await verifiedDay(1, startsAt, todayIn('America/New_York', startsAt));
    const res = await server.gql(w.token, CHECK_IN, {
      id: w.ids[0],
      input: { demographicsConfirmed: true, insuranceCardConfirmed: true, intakeFormsStatus: 'COMPLETE', copayDue: 2500 },
    });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.checkInPatient.appointment).toMatchObject({ expectedCopay: 2500, eligibility: { outcome: 'ELIGIBLE', expectedCopay: 2500 } });
  });
});
