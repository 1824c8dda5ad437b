import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { DEACTIVATE, patientSnapshot, REGISTER, registerOk, UPDATE } from '../../helpers/patient-ops.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
let practiceId: string;
let token: string;
let patientId: string;
beforeAll(async () => {
  server = await startTestServer();
  practiceId = await createPractice(server.database.db);
  token = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
  patientId = (await registerOk(server, token, patientInput())).id;
});

// Values that stand for PHI: none of them may come back in any part of the response.
const EMAIL = 'leaky.person.at.nowhere';
const PHONE = '+1212555010';
const LONG_NAME = `Quxleakname${'q'.repeat(100)}`;
const LONG_NOTES = `Quxleaknote ${'n'.repeat(4000)}`;
const FUTURE = `${new Date().getUTCFullYear() + 1}-01-01`;

/** [what, fields to merge into a valid input, expected problem path, the submitted value that must not leak] */
const BAD: [string, Record<string, unknown>, string, string | null][] = [
  ['future DOB', { dateOfBirth: FUTURE }, 'input.dateOfBirth', null],
  ['impossible date 2026-02-30', { dateOfBirth: '2026-02-30' }, 'input.dateOfBirth', '2026-02-30'],
  ['malformed email', { email: EMAIL }, 'input.email', EMAIL],
  ['malformed phone', { phones: [{ kind: 'MOBILE', number: PHONE, primary: true }] }, 'input.phones.0.number', PHONE],
  ['phone sent as a number', { phones: [{ kind: 'MOBILE', number: 2125550123, primary: true }] }, 'input.phones.0.number', '2125550123'],
  ['empty given name', { legalName: { given: '', family: 'Quxfamily' } }, 'input.legalName.given', null],
  ['blank family name', { legalName: { given: 'Quxgiven', family: '   ' } }, 'input.legalName.family', null],
  ['oversized given name', { legalName: { given: LONG_NAME, family: 'Quxfamily' } }, 'input.legalName.given', LONG_NAME.slice(0, 20)],
  ['oversized notes', { notes: LONG_NOTES }, 'input.notes', LONG_NOTES.slice(0, 20)],
  ['two primary phones', { phones: [{ kind: 'MOBILE', number: '+12125550123', primary: true }, { kind: 'HOME', number: '+12125550124', primary: true }] }, 'input.phones', '2125550123'],
];

async function expectRejected(doc: string, input: Record<string, unknown>, path: string, leak: string | null) {
  const before = await patientSnapshot(server.database.db, practiceId);
  const res = await server.gql(token, doc, { input });
  expect(res.data ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  const error = res.errors![0]!;
  expect(error.extensions.code).toBe('BAD_USER_INPUT');
  expect(error.extensions.fields?.map((f) => f.path)).toContain(path);
  const body = JSON.stringify(res);
  if (leak) expect(body).not.toContain(leak);
  for (const given of [input.email, (input.legalName as { given?: string } | undefined)?.given]) {
    if (typeof given === 'string' && given.length > 3) expect(body).not.toContain(given);
  }
  expect(await patientSnapshot(server.database.db, practiceId)).toEqual(before);
}

describe('bad input is BAD_USER_INPUT with field paths, no PHI echoed, nothing stored', () => {
  for (const [what, fields, path, leak] of BAD) {
    it(`registerPatient: ${what}`, async () => {
      await expectRejected(REGISTER, patientInput(fields), path, leak);
    });
    it(`updatePatient: ${what}`, async () => {
      await expectRejected(UPDATE, { id: patientId, expectedVersion: 1, ...fields }, path, leak);
    });
  }

  it('registerPatient: several problems at once are all reported', async () => {
    await expectRejected(REGISTER, patientInput({ email: EMAIL, legalName: { given: ' ', family: LONG_NAME } }), 'input.legalName.family', EMAIL);
    const res = await server.gql(token, REGISTER, { input: patientInput({ email: EMAIL, legalName: { given: ' ', family: LONG_NAME } }) });
    expect(res.errors![0]!.extensions.fields!.map((f) => f.path).sort()).toEqual(['input.email', 'input.legalName.family', 'input.legalName.given']);
  });

  it('deactivatePatient: a non-integer expectedVersion', async () => {
    await expectRejected(DEACTIVATE, { id: patientId, expectedVersion: 1.5 }, 'input.expectedVersion', null);
  });

  it('deactivatePatient: a missing expectedVersion', async () => {
    await expectRejected(DEACTIVATE, { id: patientId }, 'input.expectedVersion', null);
  });
});
