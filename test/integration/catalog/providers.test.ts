import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { providerLocations, providers } from '../../../server/src/db/schema/providers.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { catalogCounts, insertProvider, linkProvider, providerInput } from '../../factories/catalog.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const FIELDS = 'id givenName familyName credentials npi taxonomyCode specialty active version locations { id name }';
const CREATE = `mutation C($input: CreateProviderInput!) { createProvider(input: $input) { provider { ${FIELDS} } } }`;
const UPDATE = `mutation U($input: UpdateProviderInput!) { updateProvider(input: $input) { provider { ${FIELDS} } } }`;
const DEACTIVATE = `mutation D($input: DeactivateProviderInput!) { deactivateProvider(input: $input) { provider { id active version } } }`;
const SET_LOCATIONS = `mutation S($input: SetProviderLocationsInput!) { setProviderLocations(input: $input) { provider { id version locations { id name } } } }`;
const GET = `query G($id: ID!) { provider(id: $id) { ${FIELDS} } }`;
const LIST = `query L($first: Int, $after: String, $locationId: ID, $activeOnly: Boolean, $search: String) {
  providers(first: $first, after: $after, locationId: $locationId, activeOnly: $activeOnly, search: $search) {
    edges { node { id familyName } } pageInfo { hasNextPage endCursor } totalCount } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
const db = () => server.database.db;

async function admin() {
  const practiceId = await createPractice(db());
  return { practiceId, token: await server.token(practiceId, [Role.PRACTICE_ADMIN]) };
}

const linksOf = async (providerId: string) =>
  (await db().select().from(providerLocations).where(eq(providerLocations.providerId, providerId))).map((l) => l.locationId).sort();

describe('provider mutations', () => {
  it('creates a provider at its locations, updates, relinks and deactivates it, auditing each write', async () => {
    const { practiceId, token } = await admin();
    const a = await createLocation(db(), practiceId, { name: 'Alpha Clinic' });
    const b = await createLocation(db(), practiceId, { name: 'Beta Clinic' });
    const created = await server.gql(token, CREATE, { input: providerInput({ givenName: ' Ada ', familyName: 'Testwell', npi: '1234567893', locationIds: [b.id, a.id] }) });
    expect(created.errors).toBeUndefined();
    const p = created.data!.createProvider.provider;
    expect(p).toMatchObject({ givenName: 'Ada', familyName: 'Testwell', npi: '1234567893', taxonomyCode: '207Q00000X', active: true, version: 1 });
    expect(p.locations).toEqual([{ id: a.id, name: 'Alpha Clinic' }, { id: b.id, name: 'Beta Clinic' }]);

    const analyst = await server.token(practiceId, [Role.ANALYST]);
    expect((await server.gql(analyst, GET, { id: p.id })).data!.provider).toEqual(p);

    const updated = await server.gql(token, UPDATE, { input: { id: p.id, expectedVersion: 1, credentials: null, specialty: 'Internal Medicine', taxonomyCode: '207R00000X' } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateProvider.provider).toMatchObject({ credentials: null, specialty: 'Internal Medicine', taxonomyCode: '207R00000X', givenName: 'Ada', version: 2 });

    const relinked = await server.gql(token, SET_LOCATIONS, { input: { providerId: p.id, expectedVersion: 2, locationIds: [b.id, b.id] } });
    expect(relinked.errors).toBeUndefined();
    expect(relinked.data!.setProviderLocations.provider).toEqual({ id: p.id, version: 3, locations: [{ id: b.id, name: 'Beta Clinic' }] });
    expect(await linksOf(p.id)).toEqual([b.id]);

    const emptied = await server.gql(token, SET_LOCATIONS, { input: { providerId: p.id, expectedVersion: 3, locationIds: [] } });
    expect(emptied.data!.setProviderLocations.provider.locations).toEqual([]);

    const deactivated = await server.gql(token, DEACTIVATE, { input: { id: p.id, expectedVersion: 4 } });
    expect(deactivated.data!.deactivateProvider.provider).toEqual({ id: p.id, active: false, version: 5 });

    const audit = await auditEntries(db(), { practiceId, entityId: p.id });
    expect(audit.map((e) => [e.action, e.entityType, e.patientId])).toEqual([
      ['CREATE', 'Provider', null],
      ['UPDATE', 'Provider', null],
      ['UPDATE', 'Provider', null],
      ['UPDATE', 'Provider', null],
      ['DEACTIVATE', 'Provider', null],
    ]);
  });

  it('a stale expectedVersion gets VERSION_CONFLICT for update, deactivate and setProviderLocations; nothing changes', async () => {
    const { practiceId, token } = await admin();
    const loc = await createLocation(db(), practiceId);
    const row = await insertProvider(db(), practiceId);
    expect((await server.gql(token, UPDATE, { input: { id: row.id, expectedVersion: 1, specialty: 'Pediatrics' } })).errors).toBeUndefined();
    const [current] = await db().select().from(providers).where(eq(providers.id, row.id));
    const before = await catalogCounts(db(), practiceId);
    for (const [query, input] of [
      [UPDATE, { id: row.id, expectedVersion: 1, specialty: 'Dermatology' }],
      [DEACTIVATE, { id: row.id, expectedVersion: 1 }],
      [SET_LOCATIONS, { providerId: row.id, expectedVersion: 1, locationIds: [loc.id] }],
    ] as const) {
      const res = await server.gql(token, query, { input });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 1, actualVersion: 2 });
    }
    expect((await db().select().from(providers).where(eq(providers.id, row.id)))[0]).toEqual(current);
    expect(await linksOf(row.id)).toEqual([]);
    expect(await catalogCounts(db(), practiceId)).toEqual(before);
  });
});

describe('providers query', () => {
  it('filters by location, active flag and search, and pages by family name', async () => {
    const { practiceId, token } = await admin();
    const here = await createLocation(db(), practiceId);
    const ids: Record<string, string> = {};
    for (const [family, specialty, active] of [['Testa', 'Cardiology', true], ['Testb', 'Dermatology', true], ['Testc', 'Cardiology', false], ['Testd', 'Pediatrics', true]] as const) {
      ids[family] = (await insertProvider(db(), practiceId, { familyName: family, givenName: 'Pat', specialty, active })).id;
    }
    await linkProvider(db(), practiceId, ids.Testa!, here.id);
    await linkProvider(db(), practiceId, ids.Testc!, here.id);
    const names = (r: any) => r.data!.providers.edges.map((e: any) => e.node.familyName);

    const page1 = await server.gql(token, LIST, { first: 3 });
    expect(names(page1)).toEqual(['Testa', 'Testb', 'Testc']);
    expect(page1.data!.providers.totalCount).toBe(4);
    expect(names(await server.gql(token, LIST, { first: 3, after: page1.data!.providers.pageInfo.endCursor }))).toEqual(['Testd']);
    expect(names(await server.gql(token, LIST, { locationId: here.id }))).toEqual(['Testa', 'Testc']);
    expect(names(await server.gql(token, LIST, { locationId: here.id, activeOnly: true }))).toEqual(['Testa']);
    expect(names(await server.gql(token, LIST, { search: 'cardio' }))).toEqual(['Testa', 'Testc']);
    expect(names(await server.gql(token, LIST, { search: 'pat testb' }))).toEqual(['Testb']);
    expect(names(await server.gql(token, LIST, { search: '100%' }))).toEqual([]);

    const blank = await server.gql(token, LIST, { search: '  ' });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'search', message: expect.any(String) }] });
    const unknown = await server.gql(token, LIST, { locationId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
