import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterPatientInput!) {
    registerPatient(input: $input) { patient { id mrn version legalName { given family } dateOfBirth } likelyDuplicates { id } }
  }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('registerPatient', () => {
  it('registers a patient with a generated MRN', async () => {
    const practiceId = await createPractice(server.database.db);
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const res = await server.gql(token, REGISTER, { input: patientInput() });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerPatient.patient.mrn).toBe('M0000001');
  });
});
