import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../server/src/db/client.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { GET_PATIENT, REGISTER, SEARCH } from '../../helpers/patient-ops.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { ADD, coverageInput, coverageWorld } from '../insurance/coverage-setup.js';
import { sql } from 'drizzle-orm';

// Both executors: graphql-jit (default) and graphql-js, on one database.
let jit: TestServer;
let js: TestServer;
beforeAll(async () => {
  jit = await startTestServer();
  js = await startTestServer({ GRAPHQL_EXECUTOR: 'graphql-js' }, { database: jit.database });
});

const patientCount = async (server: TestServer, practiceId: string) =>
  Number(rowsOf<{ n: number }>(await server.database.db.execute(sql`select count(*)::int as n from patients where practice_id = ${practiceId}`))[0]!.n);

/** Asserts BAD_USER_INPUT on exactly these paths, with a message that does not quote the value. */
function expectRefused(res: Awaited<ReturnType<TestServer['gql']>>, paths: string[], secret: string) {
  expect(res.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  expect(res.errors![0]!.extensions.fields?.map((f) => f.path)).toEqual(paths);
  expect(JSON.stringify(res)).not.toContain(secret);
}

describe('control characters in string input', () => {
  // A NUL byte reached PostgreSQL (SQLSTATE 22021) and came back as INTERNAL_SERVER_ERROR.
  it('refuses a NUL byte in a search, on both executors', async () => {
    const practiceId = await createPractice(jit.database.db);
    const token = await jit.token(practiceId, [Role.FRONT_DESK]);
    for (const server of [jit, js]) {
      expectRefused(await server.gql(token, SEARCH, { search: { name: 'Secretname\u0000x' } }), ['search.name'], 'Secretname');
    }
  });

  it('refuses a NUL byte in an id argument and in a nested name, and writes nothing', async () => {
    const practiceId = await createPractice(jit.database.db);
    const token = await jit.token(practiceId, [Role.FRONT_DESK]);
    expectRefused(await jit.gql(token, GET_PATIENT, { id: '00000000-0000-4000-8000-00000000000\u0000' }), ['id'], '\u0000');
    const input = patientInput({ legalName: { given: 'Secretgiven\u0000', family: 'Fam\u0007ily' } });
    expectRefused(await jit.gql(token, REGISTER, { input }), ['input.legalName.given', 'input.legalName.family'], 'Secretgiven');
    expect(await patientCount(jit, practiceId)).toBe(0);
  });

  it('refuses C1 controls and DEL everywhere, and bidirectional overrides in names', async () => {
    const practiceId = await createPractice(jit.database.db);
    const token = await jit.token(practiceId, [Role.FRONT_DESK]);
    for (const [given, why] of [
      ['Secretgiven\u0085', 'must not contain control characters'],
      ['Secretgiven\u007f', 'must not contain control characters'],
      ['Secret\u202Egiven', 'must not contain bidirectional control characters'],
      ['Secret\u2066given\u2069', 'must not contain bidirectional control characters'],
      ['Secret\tgiven', 'must not contain control characters'],
    ]) {
      const res = await jit.gql(token, REGISTER, { input: patientInput({ legalName: { given, family: 'Edgecase' } }) });
      expectRefused(res, ['input.legalName.given'], 'Secret');
      expect(res.errors![0]!.extensions.fields![0]!.message).toBe(why);
    }
    const contact = await jit.gql(token, REGISTER, { input: patientInput({ emergencyContacts: [{ name: 'Ann\u202Ee', relationship: 'sister', phone: '+12125550100' }] }) });
    expectRefused(contact, ['input.emergencyContacts.0.name'], 'Ann');
    expect(await patientCount(jit, practiceId)).toBe(0);
  });

  it('lets free-text notes keep tabs, line breaks and right-to-left marks, but no other controls', async () => {
    const practiceId = await createPractice(jit.database.db);
    const token = await jit.token(practiceId, [Role.FRONT_DESK]);
    const ok = await jit.gql(token, REGISTER, { input: patientInput({ notes: 'line one\n\tline two\r\n\u2067مرحبا\u2069' }) });
    expect(ok.errors).toBeUndefined();
    expectRefused(await jit.gql(token, REGISTER, { input: patientInput({ notes: 'Secretnote\u0000' }) }), ['input.notes'], 'Secretnote');
    expectRefused(await jit.gql(token, REGISTER, { input: patientInput({ notes: 'Secretnote\u001b[31m' }) }), ['input.notes'], 'Secretnote');
    expect(await patientCount(jit, practiceId)).toBe(1);
  });
});

describe('Money input bound', () => {
  // 2^31 cents ($21 million) used to be accepted as a copay.
  it('refuses more than 100000000 cents in a Money input, as a variable or a literal', async () => {
    const { patient, payer, token } = await coverageWorld(jit);
    for (const cents of [2 ** 31, 100_000_001, -100_000_001]) {
      const res = await jit.gql(token, ADD, { input: coverageInput(patient.id, payer.id, { copayOnCard: cents }) });
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0]!.extensions.fields).toEqual([{ path: 'input.copayOnCard', message: expect.stringContaining('from -100000000 to 100000000') }]);
      expect(res.errors![0]!.message).toContain('100000000');
      expect(res.errors![0]!.message).not.toContain(String(cents));
    }
    const literal = await jit.gql(token, `mutation { addCoverage(input: { patientId: "${patient.id}", payerId: "${payer.id}", memberId: "W1", effectiveDate: "2026-01-01", copayOnCard: 2147483648 }) { coverage { id } } }`);
    expect(literal.status).toBe(400);
    expect(literal.errors?.map((e) => e.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const atBound = await jit.gql(token, ADD, { input: coverageInput(patient.id, payer.id, { copayOnCard: 100_000_000 }) });
    expect(atBound.errors).toBeUndefined();
    expect(atBound.data!.addCoverage.coverage.copayOnCard).toBe(100_000_000);
  });
});
