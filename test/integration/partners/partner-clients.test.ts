import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditBatches } from '../../../server/src/db/schema/audit.js';
import { partnerClients } from '../../../server/src/db/schema/partners.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { DEMO_PARTNER_SCOPES, ensureDemoLabClient, ensureDemoPartnerClient } from '../../../server/src/demo/demo-partner.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { postToken } from '../../helpers/partner-client.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../../helpers/test-server.js';

const CLIENT_FIELDS = 'id clientId name scopes createdAt secretRotatedAt revokedAt version';
const CREATE = `mutation($input: CreatePartnerClientInput!) { createPartnerClient(input: $input) { clientSecret client { ${CLIENT_FIELDS} } } }`;
const ROTATE = `mutation($input: PartnerClientRefInput!) { rotatePartnerClientSecret(input: $input) { clientSecret client { ${CLIENT_FIELDS} } } }`;
const REVOKE = `mutation($input: PartnerClientRefInput!) { revokePartnerClient(input: $input) { client { ${CLIENT_FIELDS} } } }`;
const LIST = `query { partnerClients { ${CLIENT_FIELDS} } }`;
const PATIENT = 'query($id: ID!) { patient(id: $id) { id mrn legalName { family } } }';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

async function practiceWithClient(scopes: string[] = [Scope.PATIENTS_READ_DEMOGRAPHICS, Scope.SCHEDULING_READ]) {
  const practiceId = await createPractice(server.database.db);
  const admin = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
  const res = await server.gql(admin, CREATE, { input: { name: 'Acme Billing', scopes } });
  expect(res.errors).toBeUndefined();
  const { client, clientSecret } = res.data!.createPartnerClient;
  return { practiceId, admin, client, clientSecret: clientSecret as string };
}

const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}` });

describe('partner clients (PRACTICE_ADMIN)', () => {
  it('creates a client whose secret is shown once and stored only as a hash', async () => {
    const { admin, client, clientSecret } = await practiceWithClient();
    expect(client).toMatchObject({ name: 'Acme Billing', scopes: ['patients:read-demographics', 'scheduling:read'], revokedAt: null, version: 1 });
    expect(client.clientId).toMatch(/^pc_/);
    expect(clientSecret.length).toBeGreaterThanOrEqual(43);
    const [row] = await server.database.db.select().from(partnerClients).where(eq(partnerClients.id, client.id));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(clientSecret);
    const listed = await server.gql(admin, LIST);
    expect(listed.data!.partnerClients).toEqual([client]);
    expect(JSON.stringify(listed)).not.toContain(clientSecret);
  });

  it('refuses unknown scopes, no scopes and a duplicate active name with BAD_USER_INPUT, writing nothing', async () => {
    const { practiceId, admin } = await practiceWithClient();
    for (const [input, path] of [
      [{ name: 'X', scopes: ['patients:read-everything'] }, 'input.scopes'],
      [{ name: 'X', scopes: [] }, 'input.scopes'],
      [{ name: 'acme billing', scopes: ['billing:read'] }, 'input.name'],
    ] as const) {
      const res = await server.gql(admin, CREATE, { input });
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path }] });
    }
    expect(await server.database.db.select().from(partnerClients).where(eq(partnerClients.practiceId, practiceId))).toHaveLength(1);
  });

  it('is for PRACTICE_ADMIN only, and another practice\'s client is NOT_FOUND', async () => {
    const { practiceId, client } = await practiceWithClient();
    for (const role of [Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER, Role.ANALYST]) {
      const token = await server.token(practiceId, [role]);
      expect((await server.gql(token, LIST)).errors![0]!.extensions.code, role).toBe('FORBIDDEN');
      expect((await server.gql(token, CREATE, { input: { name: 'Y', scopes: ['billing:read'] } })).errors![0]!.extensions.code, role).toBe('FORBIDDEN');
    }
    const stranger = await server.token(await createPractice(server.database.db), [Role.PRACTICE_ADMIN]);
    const res = await server.gql(stranger, REVOKE, { input: { id: client.id, expectedVersion: 1 } });
    expect(res.errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(stranger, LIST)).data!.partnerClients).toEqual([]);
  });
});

describe('POST /oauth/token (client-credentials grant)', () => {
  it('issues a short-lived bearer token to HTTP Basic or form credentials, never cached', async () => {
    const { practiceId, client, clientSecret } = await practiceWithClient();
    const viaBasic = await postToken(server, { grant_type: 'client_credentials' }, basic(client.clientId, clientSecret));
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'patients:read-demographics scheduling:read' });
    expect(viaBasic.headers.get('cache-control')).toBe('no-store');
    const viaForm = await postToken(server, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret });
    expect(viaForm.status).toBe(200);
    const claims = JSON.parse(Buffer.from(viaForm.body.access_token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: client.clientId, client_id: client.clientId, practice_id: practiceId, roles: ['PARTNER'], scope: 'patients:read-demographics scheduling:read' });
    expect(claims.exp - claims.iat).toBe(900);
  });

  it('answers RFC 6749 errors: invalid_client (401 + WWW-Authenticate), invalid_request, unsupported_grant_type, invalid_scope', async () => {
    const { client, clientSecret } = await practiceWithClient();
    const cases: [Record<string, string>, Record<string, string>, number, string][] = [
      [{ grant_type: 'client_credentials', client_id: client.clientId, client_secret: `${clientSecret}x` }, {}, 401, 'invalid_client'],
      [{ grant_type: 'client_credentials', client_id: 'pc_unknown', client_secret: clientSecret }, {}, 401, 'invalid_client'],
      [{ grant_type: 'client_credentials' }, {}, 401, 'invalid_client'],
      [{ client_id: client.clientId, client_secret: clientSecret }, {}, 400, 'invalid_request'],
      [{ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret }, basic(client.clientId, clientSecret), 400, 'invalid_request'],
      [{ grant_type: 'password', client_id: client.clientId, client_secret: clientSecret }, {}, 400, 'unsupported_grant_type'],
      [{ grant_type: 'client_credentials', scope: 'billing:write', client_id: client.clientId, client_secret: clientSecret }, {}, 400, 'invalid_scope'],
      [{ grant_type: 'client_credentials', scope: 'everything', client_id: client.clientId, client_secret: clientSecret }, {}, 400, 'invalid_scope'],
    ];
    for (const [form, headers, status, error] of cases) {
      const res = await postToken(server, form, headers);
      expect([res.status, res.body.error], JSON.stringify(form)).toEqual([status, error]);
      expect(res.headers.get('cache-control')).toBe('no-store');
      if (error === 'invalid_client') expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
    }
    const json = await fetch(server.url.replace(/graphql$/, 'oauth/token'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials' }) });
    expect([json.status, ((await json.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
    const twice = await fetch(server.url.replace(/graphql$/, 'oauth/token'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&grant_type=client_credentials&client_id=${client.clientId}&client_secret=${clientSecret}` });
    expect(twice.status).toBe(400);
  });

  it('narrows a token to a requested subset of the granted scopes', async () => {
    const { practiceId, client, clientSecret } = await practiceWithClient();
    const patient = await insertPatient(server.database.db, practiceId);
    const narrow = await postToken(server, { grant_type: 'client_credentials', scope: 'scheduling:read', client_id: client.clientId, client_secret: clientSecret });
    expect(narrow.body.scope).toBe('scheduling:read');
    const denied = await server.gql(narrow.body.access_token, PATIENT, { id: patient.id });
    expect(denied.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const full = await postToken(server, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret });
    const read = await server.gql(full.body.access_token, PATIENT, { id: patient.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.patient.id).toBe(patient.id);
  });

  it('audits reads by the client: the batch names the client', async () => {
    const { practiceId, client, clientSecret } = await practiceWithClient();
    const patient = await insertPatient(server.database.db, practiceId);
    const { body } = await postToken(server, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret });
    expect((await server.gql(body.access_token, PATIENT, { id: patient.id })).errors).toBeUndefined();
    const rows = await server.database.db.select().from(auditBatches).where(eq(auditBatches.practiceId, practiceId));
    const read = rows.find((r) => r.action === 'READ' && r.entityIds.includes(patient.id));
    expect(read).toMatchObject({ clientId: client.clientId, userId: client.clientId, roles: ['PARTNER'] });
    const created = rows.find((r) => r.action === 'CREATE' && r.entityTypes.includes('PartnerClient'));
    expect(created).toMatchObject({ clientId: null, roles: ['PRACTICE_ADMIN'] });
  });
});

describe('rotation and revocation', () => {
  it('rotating replaces the secret at once; issued tokens live until they expire', async () => {
    const { admin, client, clientSecret } = await practiceWithClient();
    const before = await postToken(server, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret });
    const rotated = await server.gql(admin, ROTATE, { input: { id: client.id, expectedVersion: 1 } });
    const { clientSecret: fresh, client: after } = rotated.data!.rotatePartnerClientSecret;
    expect(fresh).not.toBe(clientSecret);
    expect(after.version).toBe(2);
    expect((await postToken(server, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret })).body.error).toBe('invalid_client');
    expect((await postToken(server, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: fresh })).status).toBe(200);
    expect((await server.gql(before.body.access_token, '{ payers { id } }')).errors).toBeUndefined();
    const stale = await server.gql(admin, ROTATE, { input: { id: client.id, expectedVersion: 1 } });
    expect(stale.errors![0]!.extensions.code).toBe('VERSION_CONFLICT');
  });

  it('revoking stops the secret and the client\'s tokens (401), for good', async () => {
    const { admin, client, clientSecret } = await practiceWithClient();
    const { body } = await postToken(server, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret });
    expect((await server.gql(body.access_token, '{ payers { id } }')).errors).toBeUndefined();
    const revoked = await server.gql(admin, REVOKE, { input: { id: client.id, expectedVersion: 1 } });
    expect(revoked.data!.revokePartnerClient.client.revokedAt).not.toBeNull();
    const after = await server.gql(body.access_token, '{ payers { id } }');
    expect([after.status, after.errors![0]!.extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await postToken(server, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret })).body.error).toBe('invalid_client');
    const again = await server.gql(admin, REVOKE, { input: { id: client.id, expectedVersion: 2 } });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }] });
    // The name is free again for a new client.
    expect((await server.gql(admin, CREATE, { input: { name: 'Acme Billing', scopes: ['billing:read'] } })).errors).toBeUndefined();
  });
});

describe('tokens that are not a live client\'s', () => {
  /** An HS256 token with exactly these claims, signed with the server's secret (as anyone holding it could). */
  const sign = async (claims: Record<string, unknown>, sub: string) => {
    const now = Math.floor(Date.now() / 1000);
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, sub, iat: now, exp: now + 600 })}`;
    return `${unsigned}.${createHmac('sha256', TEST_JWT_SECRET).update(unsigned).digest('base64url')}`;
  };

  it('refuses a PARTNER role token without a client, and a client token of an unknown or other practice\'s client', async () => {
    const { practiceId, client } = await practiceWithClient();
    const other = await createPractice(server.database.db);
    for (const token of [
      await server.token(practiceId, [Role.PARTNER]),
      await sign({ practice_id: practiceId, roles: ['PARTNER'], client_id: 'pc_forged', scope: 'patients:read-demographics' }, 'pc_forged'),
      await sign({ practice_id: other, roles: ['PARTNER'], client_id: client.clientId, scope: 'patients:read-demographics' }, client.clientId),
      await sign({ practice_id: practiceId, roles: ['PARTNER'], client_id: client.clientId, scope: 'patients:read-everything' }, client.clientId),
      await sign({ practice_id: practiceId, roles: ['FRONT_DESK'], client_id: client.clientId, scope: 'patients:read-demographics' }, client.clientId),
    ]) {
      const res = await server.gql(token, '{ payers { id } }');
      expect([res.status, res.errors![0]!.extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  it('ignores a scope claim on a user token', async () => {
    const practiceId = await createPractice(server.database.db);
    const patient = await insertPatient(server.database.db, practiceId);
    const analyst = await sign({ practice_id: practiceId, roles: ['ANALYST'], scope: 'patients:read-demographics' }, 'u-analyst');
    const res = await server.gql(analyst, PATIENT, { id: patient.id });
    expect(res.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });
});

describe('the demo partner client', () => {
  it('is one client with every data scope but results:write, whose secret printed at each start works (and the previous one no longer does)', async () => {
    const practiceId = await createPractice(server.database.db);
    const first = await ensureDemoPartnerClient(server.database.db, practiceId);
    const second = await ensureDemoPartnerClient(server.database.db, practiceId);
    expect(second.clientId).toBe(first.clientId);
    expect(await server.database.db.select().from(partnerClients).where(eq(partnerClients.practiceId, practiceId))).toHaveLength(1);
    expect((await postToken(server, { grant_type: 'client_credentials', client_id: first.clientId, client_secret: first.clientSecret })).body.error).toBe('invalid_client');
    const ok = await postToken(server, { grant_type: 'client_credentials', client_id: second.clientId, client_secret: second.clientSecret });
    expect(ok.body.scope.split(' ').sort()).toEqual([...DEMO_PARTNER_SCOPES].sort());
    expect(ok.body.scope.split(' ')).toHaveLength(8);
    expect(ok.body.scope.split(' ')).not.toContain(Scope.RESULTS_WRITE);
  });

  it('has a separate lab interface client holding results:write only, which reaches no GraphQL field', async () => {
    const practiceId = await createPractice(server.database.db);
    const partner = await ensureDemoPartnerClient(server.database.db, practiceId);
    const lab = await ensureDemoLabClient(server.database.db, practiceId);
    expect(lab.clientId).not.toBe(partner.clientId);
    expect((await ensureDemoLabClient(server.database.db, practiceId)).clientId).toBe(lab.clientId);
    expect(await server.database.db.select().from(partnerClients).where(eq(partnerClients.practiceId, practiceId))).toHaveLength(2);
    const token = await postToken(server, { grant_type: 'client_credentials', client_id: lab.clientId, client_secret: (await ensureDemoLabClient(server.database.db, practiceId)).clientSecret });
    expect(token.body.scope).toBe(Scope.RESULTS_WRITE);
    const res = await server.gql(token.body.access_token, '{ payers { id } }');
    expect(res.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });
});
