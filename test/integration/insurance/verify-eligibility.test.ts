import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { eligibilityChecks } from '../../../server/src/db/schema/insurance.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { eligibilityWorld, VERIFY } from './eligibility-setup.js';

const RAW = `query($patientId: ID) { eligibilityChecks(patientId: $patientId) { edges { node { id raw270 raw271 } } } }`;
const LIST = `query($patientId: ID, $coverageId: ID, $first: Int, $after: String) { eligibilityChecks(patientId: $patientId, coverageId: $coverageId, first: $first, after: $after) { edges { cursor node { id outcome } } pageInfo { hasNextPage endCursor } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('verifyEligibility with the simulated clearinghouse', () => {
  it('stores an ELIGIBLE check with the normalised benefits', async () => {
    const w = await eligibilityWorld(server);
    const coverageId = await w.addCoverage('W100200300');
    const res = await server.gql(w.token, VERIFY, { input: { coverageId, providerId: w.provider.id, dateOfService: '2026-12-01' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.verifyEligibility.check).toMatchObject({
      coverageId, patientId: w.patient.id, serviceTypeCodes: ['30'], outcome: 'ELIGIBLE', reason: null, planName: 'SIM PPO GOLD', planBeginDate: '2026-01-01',
      // The simulated PPO lists both network tiers, so it does not state the provider's network status.
      inNetwork: null, copay: 2500, copayServiceTypeCode: '98', expectedCopay: 2500, coinsurance: 0.2, coinsuranceServiceTypeCode: '98', priorAuthorizationRequired: null, rejections: [],
      outOfNetwork: { copay: 6000, copayServiceTypeCode: '98', coinsurance: 0.4 }, envelopeProblems: [],
      deductible: { individual: { total: 150000, remaining: 60000 }, family: { total: 300000, remaining: 210000 } },
      outOfPocket: { individual: { total: 500000, remaining: 320000 }, family: { total: 1000000, remaining: 700000 } },
    });
  });

  it('reads the copay for the visit\'s service type, and an out-of-network provider\'s copay is the one to collect', async () => {
    const ask = async (memberId: string, extra: Record<string, unknown> = {}) => {
      const w = await eligibilityWorld(server);
      return server.gql(w.token, VERIFY, { input: { coverageId: await w.addCoverage(memberId), providerId: w.provider.id, dateOfService: '2026-12-01', ...extra } });
    };
    const physical = await ask('W100200301', { visitServiceTypeCode: '81' });
    // The simulated payer states copays for 98 and UC only: a routine physical has none, the card's copay is expected.
    expect(physical.data!.verifyEligibility.check).toMatchObject({ copay: null, copayServiceTypeCode: null });
    const oon = await ask('OON100200');
    expect(oon.data!.verifyEligibility.check).toMatchObject({ inNetwork: false, copay: null, outOfNetwork: { copay: 7500 }, expectedCopay: 7500 });
    const bad = await ask('W100200302', { visitServiceTypeCode: 'ZZ' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.visitServiceTypeCode' }] });
  });

  it('a subscriber-level rejection names its level', async () => {
    const w = await eligibilityWorld(server);
    const res = await server.gql(w.token, VERIFY, { input: { coverageId: await w.addCoverage('NF100200'), providerId: w.provider.id, dateOfService: '2026-12-01' } });
    expect(res.data!.verifyEligibility.check.rejections).toEqual([{ code: '75', description: 'Subscriber/Insured Not Found', followUp: 'C', level: 'SUBSCRIBER' }]);
  });

  it.each([
    ['INA1', 'NOT_ELIGIBLE', 'INACTIVE: EB 6'],
    ['TRM1', 'NOT_ELIGIBLE', 'COVERAGE_ENDED: the plan ended before the date of service'],
    ['NF1', 'NOT_ELIGIBLE', 'REJECTED: AAA 75'],
    ['BAD1', 'NOT_ELIGIBLE', 'REJECTED: AAA 72'],
    ['UNV1', 'UNKNOWN', 'PAYER_UNAVAILABLE: AAA 42'],
    ['SLOW1', 'UNKNOWN', 'UPSTREAM_TIMEOUT'],
    ['GRBG1', 'UNKNOWN', 'MALFORMED_RESPONSE: not an X12 interchange (no ISA header)'],
  ])('member %s → %s (%s)', async (memberId, outcome, reason) => {
    const w = await eligibilityWorld(server);
    const coverageId = await w.addCoverage(memberId);
    const res = await server.gql(w.token, VERIFY, { input: { coverageId, providerId: w.provider.id, dateOfService: '2026-12-01' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.verifyEligibility.check).toMatchObject({ outcome, reason });
    const [row] = await w.db.select().from(eligibilityChecks).where(eq(eligibilityChecks.coverageId, coverageId));
    expect(row!.raw270).toMatch(/^ISA\*/);
    expect(row!.raw271 === null).toBe(memberId.startsWith('SLOW'));
    expect(row!.respondedAt === null).toBe(memberId.startsWith('SLOW'));
  });

  it('a dependent’s inquiry goes out with the subscriber and HL 23', async () => {
    const w = await eligibilityWorld(server);
    const coverageId = await w.addCoverage('FAM777', { subscriberRelationship: 'CHILD', subscriber: { name: { given: 'Parent', family: 'Holder' }, dateOfBirth: '1970-01-01', sex: 'FEMALE' } });
    const res = await server.gql(w.token, VERIFY, { input: { coverageId, providerId: w.provider.id, dateOfService: '2026-12-01', serviceTypeCodes: ['30', '98'] } });
    expect(res.data!.verifyEligibility.check).toMatchObject({ outcome: 'ELIGIBLE', copay: 3000, deductible: { individual: { total: null }, family: { total: 400000, remaining: 125000 } } });
    const [row] = await w.db.select().from(eligibilityChecks).where(eq(eligibilityChecks.coverageId, coverageId));
    expect(row!.raw270).toContain('~HL*4*3*23*0~');
    expect(row!.raw270).toContain('~NM1*IL*1*HOLDER*PARENT****MI*FAM777~');
    expect(row!.raw270).toContain('~EQ*30~EQ*98~');
  });

  it('shows the raw X12 only to BILLER and PRACTICE_ADMIN', async () => {
    const w = await eligibilityWorld(server);
    const coverageId = await w.addCoverage('W1');
    await server.gql(w.token, VERIFY, { input: { coverageId, providerId: w.provider.id, dateOfService: '2026-12-01' } });
    const asBiller = await server.gql(w.biller, RAW, { patientId: w.patient.id });
    expect(asBiller.errors).toBeUndefined();
    expect(asBiller.data!.eligibilityChecks.edges[0].node.raw271).toMatch(/^ISA\*.*ST\*271\*/s);
    const asFrontDesk = await server.gql(w.token, RAW, { patientId: w.patient.id });
    expect(asFrontDesk.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('refuses bad input and stores nothing', async () => {
    const w = await eligibilityWorld(server);
    const coverageId = await w.addCoverage('W2', { endDate: '2026-06-30' });
    const bad = async (over: Record<string, unknown>) => (await server.gql(w.token, VERIFY, { input: { coverageId, providerId: w.provider.id, dateOfService: '2026-03-01', ...over } })).errors![0]!.extensions;
    expect(await bad({ serviceTypeCodes: ['30', 'ZZ'] })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.serviceTypeCodes.1' }] });
    expect(await bad({ serviceTypeCodes: [] })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await bad({ dateOfService: '2026-07-01' })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.dateOfService' }] });
    expect(await bad({ dateOfService: '2025-12-31' })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.dateOfService' }] });
    expect(await bad({ dateOfService: '2026-02-30' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await bad({ providerId: '00000000-0000-4000-8000-000000000001' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await w.db.select().from(eligibilityChecks).where(eq(eligibilityChecks.coverageId, coverageId))).toEqual([]);
  });

  it('treats another practice’s coverage as missing, and enforces roles', async () => {
    const mine = await eligibilityWorld(server);
    const other = await eligibilityWorld(server);
    const theirs = await other.addCoverage('W3');
    const res = await server.gql(mine.token, VERIFY, { input: { coverageId: theirs, providerId: mine.provider.id, dateOfService: '2026-12-01' } });
    expect(res.errors![0]!.extensions.code).toBe('NOT_FOUND');
    const clinician = await server.token(mine.practiceId, [Role.CLINICIAN]);
    const own = await mine.addCoverage('W4');
    expect((await server.gql(clinician, VERIFY, { input: { coverageId: own, providerId: mine.provider.id, dateOfService: '2026-12-01' } })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await server.gql(mine.token, LIST, { patientId: other.patient.id })).data!.eligibilityChecks.edges).toEqual([]);
  });

  it('pages the history newest first, by patient or by coverage', async () => {
    const w = await eligibilityWorld(server);
    const coverageId = await w.addCoverage('W5');
    const ids: string[] = [];
    for (const dos of ['2026-11-01', '2026-11-02', '2026-11-03']) {
      ids.push((await server.gql(w.token, VERIFY, { input: { coverageId, providerId: w.provider.id, dateOfService: dos } })).data!.verifyEligibility.check.id);
    }
    const p1 = await server.gql(w.token, LIST, { coverageId, first: 2 });
    expect(p1.data!.eligibilityChecks.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(p1.data!.eligibilityChecks.pageInfo.hasNextPage).toBe(true);
    const p2 = await server.gql(w.token, LIST, { coverageId, first: 2, after: p1.data!.eligibilityChecks.pageInfo.endCursor });
    expect(p2.data!.eligibilityChecks.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
    const back = await server.gql(w.token, `query($c: ID, $b: String) { eligibilityChecks(coverageId: $c, last: 5, before: $b) { edges { node { id } } } }`, { c: coverageId, b: p2.data!.eligibilityChecks.edges[0].cursor });
    expect(back.data!.eligibilityChecks.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[2], ids[1]]);
    const both = await server.gql(w.token, LIST, { coverageId, patientId: w.patient.id });
    expect(both.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const otherPatient = await insertPatient(w.db, w.practiceId);
    expect((await server.gql(w.token, LIST, { patientId: otherPatient.id })).data!.eligibilityChecks.edges).toEqual([]);
  });
});
