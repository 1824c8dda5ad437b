import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { ADD, ADD_PAYER, coverageInput, coverageWorld, GET, PAYERS, UPDATE } from './coverage-setup.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('payers', () => {
  it('adds and lists payers of the practice only; duplicate EDI ids are refused', async () => {
    const { practiceId, token } = await coverageWorld(server);
    const admin = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
    const res = await server.gql(admin, ADD_PAYER, { input: { name: 'Blue Example', ediPayerId: 'bx001', type: 'COMMERCIAL' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.addPayer.payer).toMatchObject({ ediPayerId: 'BX001', eligibilityRoute: 'DEFAULT' });
    const dup = await server.gql(admin, ADD_PAYER, { input: { name: 'Again', ediPayerId: 'BX001', type: 'COMMERCIAL' } });
    expect(dup.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.ediPayerId' }] });
    const list = await server.gql(token, PAYERS);
    expect(list.data!.payers.map((p: { name: string }) => p.name)).toEqual(['Acme Health', 'Blue Example']);
    const frontDesk = await server.gql(token, ADD_PAYER, { input: { name: 'X', ediPayerId: 'X1', type: 'OTHER' } });
    expect(frontDesk.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });
});

describe('coverage access', () => {
  it('treats another practice’s coverage, patient or payer as missing', async () => {
    const mine = await coverageWorld(server);
    const other = await coverageWorld(server);
    const c = (await server.gql(other.token, ADD, { input: coverageInput(other.patient.id, other.payer.id) })).data!.addCoverage.coverage;
    expect((await server.gql(mine.token, GET, { id: c.id })).errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(mine.token, UPDATE, { input: { id: c.id, expectedVersion: 1, planName: 'x' } })).errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(mine.token, ADD, { input: coverageInput(other.patient.id, mine.payer.id) })).errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(mine.token, ADD, { input: coverageInput(mine.patient.id, other.payer.id) })).errors![0]!.extensions.code).toBe('NOT_FOUND');
  });

  it('enforces roles: ANALYST cannot read, CLINICIAN cannot write', async () => {
    const { practiceId, patient, payer, token } = await coverageWorld(server);
    const c = (await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id) })).data!.addCoverage.coverage;
    const analyst = await server.token(practiceId, [Role.ANALYST]);
    expect((await server.gql(analyst, GET, { id: c.id })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    const clinician = await server.token(practiceId, [Role.CLINICIAN]);
    expect((await server.gql(clinician, GET, { id: c.id })).errors).toBeUndefined();
    expect((await server.gql(clinician, ADD, { input: coverageInput(patient.id, payer.id, { order: 'TERTIARY' }) })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    const anonymous = await server.gql(null, GET, { id: c.id });
    expect([anonymous.status, anonymous.errors![0]!.extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
