import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { auditEntries, auditRows } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

// Synthetic, distinctive values: none of them may appear anywhere in the audit trail.
const PERSON = { givenName: 'Quorvina', familyName: 'Zelthwick', dateOfBirth: '1953-09-17', mrn: 'MZQ48213', phoneDigits: '9175550163' };

async function practiceWithPerson() {
  const practiceId = await createPractice(server.database.db);
  const patient = await insertPatient(server.database.db, practiceId, PERSON);
  return { practiceId, patient, token: await server.token(practiceId, [Role.FRONT_DESK], 'desk-probe') };
}

/** The practice's audit trail as stored, as one string, to prove that no search term reached it. */
async function trailText(practiceId: string) {
  return JSON.stringify(await auditRows(server.database.db, practiceId));
}

describe('patient searches are audited whatever is selected', () => {
  it('a search selecting only totalCount (an existence test) is recorded, by criteria and never by value', async () => {
    const { practiceId, token } = await practiceWithPerson();
    const res = await server.gql(token, `query Probe($s: PatientSearchInput) { patients(search: $s) { totalCount } }`, {
      s: { name: 'Quorvina Zelthwick', dateOfBirth: PERSON.dateOfBirth },
    });
    expect(res.data!.patients.totalCount).toBe(1);
    const entries = await auditEntries(server.database.db, { practiceId });
    expect(entries.map((e) => [e.action, e.entityType, e.entityId, e.patientId, e.userId, e.operationName])).toEqual([
      ['READ', 'PatientSearch', 'name,dateOfBirth', null, 'desk-probe', 'Probe'],
    ]);
    const text = await trailText(practiceId);
    for (const term of ['Quorvina', 'Zelthwick', PERSON.dateOfBirth, 'quorvina']) expect(text).not.toContain(term);
  });

  it('searches that select only pageInfo or __typename, or find nobody, are recorded too', async () => {
    const { practiceId, token } = await practiceWithPerson();
    const queries: [string, Record<string, unknown>][] = [
      [`query A($s: PatientSearchInput) { patients(search: $s) { pageInfo { hasNextPage } } }`, { s: { mrn: PERSON.mrn } }],
      [`query B($s: PatientSearchInput) { patients(search: $s) { __typename } }`, { s: { phone: '917-555-0163' } }],
      [`query C($s: PatientSearchInput) { patients(search: $s) { edges { node { id } } } }`, { s: { mrn: 'NOBODY99' } }],
      [`query D { patients(first: 1) { totalCount } }`, {}],
    ];
    for (const [query, variables] of queries) expect((await server.gql(token, query, variables)).errors).toBeUndefined();
    const searches = await auditEntries(server.database.db, { practiceId, entityType: 'PatientSearch' });
    expect(searches.map((e) => [e.operationName, e.entityId])).toEqual([
      ['A', 'mrn'],
      ['B', 'phone'],
      ['C', 'mrn'],
      ['D', 'all'],
    ]);
    const text = await trailText(practiceId);
    for (const term of [PERSON.mrn, 'NOBODY99', '5550163', '917-555']) expect(text).not.toContain(term);
  });

  it('a refused search (bad input) returns nothing and records nothing', async () => {
    const { practiceId, token } = await practiceWithPerson();
    const res = await server.gql(token, `query { patients(search: { phone: "1" }) { totalCount } }`);
    expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await auditRows(server.database.db, practiceId)).toEqual([]);
  });
});
