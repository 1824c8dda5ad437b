import { Role } from '../../../server/src/graphql/roles.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import type { TestServer } from '../../helpers/test-server.js';

export const COVERAGE_FIELDS = 'id patientId payerId planName memberId groupNumber subscriberRelationship subscriber { name { given family } dateOfBirth sex } order effectiveDate endDate copayOnCard status version payer { id name ediPayerId }';
export const ADD = `mutation($input: AddCoverageInput!) { addCoverage(input: $input) { coverage { ${COVERAGE_FIELDS} } } }`;
export const UPDATE = `mutation($input: UpdateCoverageInput!) { updateCoverage(input: $input) { coverage { ${COVERAGE_FIELDS} } } }`;
export const END = `mutation($input: EndCoverageInput!) { endCoverage(input: $input) { coverage { id endDate version } } }`;
export const REORDER = `mutation($input: ReorderCoveragesInput!) { reorderCoverages(input: $input) { coverages { id order version } } }`;
export const GET = `query($id: ID!) { coverage(id: $id) { ${COVERAGE_FIELDS} } }`;
export const PATIENT_COVERAGES = `query($id: ID!, $asOf: LocalDate) { patient(id: $id) { id coverages(asOf: $asOf) { id order memberId } } }`;
export const SEARCH_COVERAGES = `query($asOf: LocalDate) { patients(first: 50) { edges { node { id coverages(asOf: $asOf) { id order payer { name } } } } } }`;
export const PAYERS = `query { payers { id name ediPayerId type } }`;
export const ADD_PAYER = `mutation($input: AddPayerInput!) { addPayer(input: $input) { payer { id name ediPayerId type eligibilityRoute } } }`;

/** A practice with a patient, a payer and a front-desk token. */
export async function coverageWorld(server: TestServer) {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const patient = await insertPatient(db, practiceId);
  const payer = await insertPayer(db, practiceId, { name: 'Acme Health' });
  const token = await server.token(practiceId, [Role.FRONT_DESK]);
  return { db, practiceId, patient, payer, token };
}

/** addCoverage input with synthetic values. */
export const coverageInput = (patientId: string, payerId: string, over: Record<string, unknown> = {}) => ({ patientId, payerId, memberId: 'w123456789', groupNumber: 'g-1', planName: 'Gold PPO', effectiveDate: '2026-01-01', copayOnCard: 2500, ...over });
