import { Role } from '../../../server/src/graphql/roles.js';
import { insertPayer, insertProvider } from '../../factories/insurance.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import type { TestServer } from '../../helpers/test-server.js';

export const CHECK_FIELDS = 'id coverageId patientId providerId dateOfService serviceTypeCodes outcome reason planName planBeginDate planEndDate inNetwork copay copayServiceTypeCode expectedCopay coinsurance coinsuranceServiceTypeCode outOfNetwork { copay copayServiceTypeCode coinsurance } envelopeProblems benefits { code amount placeholderAmount } deductible { individual { total remaining } family { total remaining } } outOfPocket { individual { total remaining } family { total remaining } } priorAuthorizationRequired rejections { code description followUp level } requestedAt respondedAt';
export const VERIFY = `mutation($input: VerifyEligibilityInput!) { verifyEligibility(input: $input) { check { ${CHECK_FIELDS} } } }`;
export const ADD_COVERAGE = 'mutation($input: AddCoverageInput!) { addCoverage(input: $input) { coverage { id } } }';

/** A practice with a location, a provider, a payer, a patient and a front-desk token. */
export async function eligibilityWorld(server: TestServer) {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const location = await createLocation(db, practiceId);
  const provider = await insertProvider(db, practiceId);
  const payer = await insertPayer(db, practiceId, { name: 'Sim Health' });
  const patient = await insertPatient(db, practiceId);
  const token = await server.token(practiceId, [Role.FRONT_DESK]);
  const biller = await server.token(practiceId, [Role.BILLER]);
  const addCoverage = async (memberId: string, over: Record<string, unknown> = {}, patientId = patient.id) => {
    const res = await server.gql(token, ADD_COVERAGE, { input: { patientId, payerId: payer.id, memberId, effectiveDate: '2026-01-01', copayOnCard: 1500, ...over } });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.addCoverage.coverage.id as string;
  };
  return { db, practiceId, location, provider, payer, patient, token, biller, addCoverage };
}
