import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const ADD = `mutation($input: AddPayerInput!) { addPayer(input: $input) { payer { id timelyFilingDays appealDays priorAuthorizationRequired } } }`;

describe('payer claim settings', () => {
  it('default to 365 filing days, 180 appeal days and no prior authorization; take other values in range; refuse others', async () => {
    const practiceId = await createPractice(server.database.db);
    const admin = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
    const plain = await server.gql(admin, ADD, { input: { name: 'Synthetic Plain', ediPayerId: 'SYNP1', type: 'COMMERCIAL' } });
    expect(plain.data!.addPayer.payer).toMatchObject({ timelyFilingDays: 365, appealDays: 180, priorAuthorizationRequired: false });
    const strict = await server.gql(admin, ADD, { input: { name: 'Synthetic Strict', ediPayerId: 'SYNS1', type: 'MEDICAID', timelyFilingDays: 90, appealDays: 60, priorAuthorizationRequired: true } });
    expect(strict.data!.addPayer.payer).toMatchObject({ timelyFilingDays: 90, appealDays: 60, priorAuthorizationRequired: true });
    const bad = await server.gql(admin, ADD, { input: { name: 'Synthetic Bad', ediPayerId: 'SYNB1', type: 'COMMERCIAL', timelyFilingDays: 0, appealDays: 4000 } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(((bad.errors?.[0]?.extensions.fields ?? []) as { path: string }[]).map((f) => f.path).sort()).toEqual(['input.appealDays', 'input.timelyFilingDays']);
  });
});
