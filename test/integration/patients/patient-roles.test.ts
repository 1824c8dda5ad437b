import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { DEACTIVATE, GET_PATIENT, patientSnapshot, REGISTER, registerOk, SEARCH } from '../../helpers/patient-ops.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
let practiceId: string;
let patientId: string;
beforeAll(async () => {
  server = await startTestServer();
  practiceId = await createPractice(server.database.db);
  const admin = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
  patientId = (await registerOk(server, admin, patientInput({ notes: 'Synthetic office note' }))).id;
});

const WITH_NOTES = /* GraphQL */ `query WithNotes($id: ID!) { patient(id: $id) { id mrn notes } }`;

describe('patient role rules', () => {
  it('lets clinical and front-desk staff read notes (minimum necessary: not BILLER)', async () => {
    const biller = await server.gql(await server.token(practiceId, [Role.BILLER]), WITH_NOTES, { id: patientId });
    expect(biller.data!.patient).toMatchObject({ id: patientId, notes: null });
    expect(biller.errors).toMatchObject([{ path: ['patient', 'notes'], extensions: { code: 'FORBIDDEN' } }]);
    for (const role of [Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN]) {
      const res = await server.gql(await server.token(practiceId, [role]), WITH_NOTES, { id: patientId });
      expect(res.errors).toBeUndefined();
      expect(res.data!.patient.notes).toBe('Synthetic office note');
    }
  });

  it('gives a patients:read-demographics partner client the patient but FORBIDDEN on notes', async () => {
    const { token } = await partnerToken(server, practiceId, [Scope.PATIENTS_READ_DEMOGRAPHICS]);
    const res = await server.gql(token, WITH_NOTES, { id: patientId });
    expect(res.data!.patient).toMatchObject({ id: patientId, notes: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['patient', 'notes'], extensions: { code: 'FORBIDDEN' } });
    expect(JSON.stringify(res)).not.toContain('Synthetic office note');
    const plain = await server.gql(token, `query { patient(id: "${patientId}") { id mrn legalName { family } dateOfBirth sexAtBirth address { city } } }`);
    expect(plain.errors).toBeUndefined();
    // Contacts need patients:read-contact; the full staff view is refused field by field.
    const full = await server.gql(token, GET_PATIENT, { id: patientId });
    expect(full.errors?.map((e) => e.extensions.code)).toContain('FORBIDDEN');
  });

  it('keeps ANALYST away from identified patients', async () => {
    const token = await server.token(practiceId, [Role.ANALYST]);
    for (const [query, vars] of [[GET_PATIENT, { id: patientId }], [SEARCH, {}]] as const) {
      const res = await server.gql(token, query, vars);
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('refuses writes to roles without them and writes nothing', async () => {
    const before = await patientSnapshot(server.database.db, practiceId);
    const cases = [
      [Role.BILLER, REGISTER, { input: patientInput() }],
      [Role.CLINICIAN, REGISTER, { input: patientInput() }],
      [Role.ANALYST, REGISTER, { input: patientInput() }],
      [Role.CLINICIAN, DEACTIVATE, { input: { id: patientId, expectedVersion: 1 } }],
      [Role.BILLER, DEACTIVATE, { input: { id: patientId, expectedVersion: 1 } }],
    ] as const;
    for (const [role, doc, vars] of cases) {
      const res = await server.gql(await server.token(practiceId, [role]), doc, vars);
      expect(res.errors?.map((e) => e.extensions.code), role).toEqual(['FORBIDDEN']);
    }
    expect(await patientSnapshot(server.database.db, practiceId)).toEqual(before);
  });
});
