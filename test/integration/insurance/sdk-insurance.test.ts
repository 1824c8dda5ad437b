import { createClient, isMedofficeError } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertProvider } from '../../factories/insurance.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('insurance through the SDK', () => {
  it('adds a payer and a coverage, verifies eligibility, reads the history and the raw X12', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const patient = await insertPatient(db, practiceId);
    const provider = await insertProvider(db, practiceId);
    const admin = createClient({ url: server.url, token: await server.token(practiceId, [Role.PRACTICE_ADMIN]) });
    const desk = createClient({ url: server.url, token: await server.token(practiceId, [Role.FRONT_DESK]) });

    const { addPayer } = await admin.addPayer({ input: { name: 'Sdk Health', ediPayerId: 'SDK01', type: 'COMMERCIAL' } });
    const { addCoverage } = await desk.addCoverage({ input: { patientId: patient.id, payerId: addPayer.payer.id, memberId: 'HDD424242', effectiveDate: '2026-01-01', copayOnCard: 2000 } });
    expect(addCoverage.coverage).toMatchObject({ order: 'PRIMARY', memberId: 'HDD424242', payer: { name: 'Sdk Health' } });

    const { verifyEligibility } = await desk.verifyEligibility({ input: { coverageId: addCoverage.coverage.id, providerId: provider.id, dateOfService: '2026-12-01' } });
    expect(verifyEligibility.check).toMatchObject({ outcome: 'ELIGIBLE', planName: 'SIM HDHP BRONZE', copay: null, expectedCopay: 2000, coinsurance: 0.3 });
    expect(verifyEligibility.check.deductible?.individual).toEqual({ total: 600000, remaining: 600000 });

    const { patient: withCoverages } = await desk.patientCoverages({ patientId: patient.id, asOf: '2026-12-01' });
    expect(withCoverages.coverages.map((c) => c.id)).toEqual([addCoverage.coverage.id]);

    const checks = await desk.eligibilityChecks({ patientId: patient.id });
    expect(checks.eligibilityChecks.edges.map((e) => e.node.id)).toEqual([verifyEligibility.check.id]);
    const raw = await admin.eligibilityChecksWithRaw({ coverageId: addCoverage.coverage.id });
    expect(raw.eligibilityChecks.edges[0]!.node.raw270).toContain('ST*270*0001*005010X279A1');

    const error = await desk.verifyEligibility({ input: { coverageId: addCoverage.coverage.id, providerId: provider.id, dateOfService: '2025-06-01' } }).catch((e: unknown) => e);
    expect(isMedofficeError(error) && error.code).toBe('BAD_USER_INPUT');
  });
});
