import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { providerLocations, providers } from '../../../server/src/db/schema/providers.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { catalogCounts, insertProvider, linkProvider, providerInput, syntheticNpi } from '../../factories/catalog.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const CREATE = 'mutation C($input: CreateProviderInput!) { createProvider(input: $input) { provider { id } } }';
const UPDATE = 'mutation U($input: UpdateProviderInput!) { updateProvider(input: $input) { provider { id } } }';
const SET_LOCATIONS = 'mutation S($input: SetProviderLocationsInput!) { setProviderLocations(input: $input) { provider { id } } }';

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

describe('provider bad input', () => {
  const badCreates: [string, Record<string, unknown>, string][] = [
    ['an NPI with a wrong check digit', { npi: '1234567890' }, 'input.npi'],
    ['a 9-digit NPI', { npi: '123456789' }, 'input.npi'],
    ['an NPI with letters', { npi: '12345678a3' }, 'input.npi'],
    ['a lowercase taxonomy code', { taxonomyCode: '207q00000x' }, 'input.taxonomyCode'],
    ['a taxonomy code without the X', { taxonomyCode: '207Q000000' }, 'input.taxonomyCode'],
    ['an empty given name', { givenName: '' }, 'input.givenName'],
    ['a blank family name', { familyName: '  ' }, 'input.familyName'],
    ['a 201-character family name', { familyName: 'f'.repeat(201) }, 'input.familyName'],
    ['a blank specialty', { specialty: ' ' }, 'input.specialty'],
    ['a 201-character specialty', { specialty: 's'.repeat(201) }, 'input.specialty'],
    ['201-character credentials', { credentials: 'c'.repeat(201) }, 'input.credentials'],
  ];
  for (const [what, override, path] of badCreates) {
    it(`createProvider rejects ${what} on ${path} and stores nothing`, async () => {
      const { practiceId, token } = await admin();
      const before = await catalogCounts(db(), practiceId);
      const res = await server.gql(token, CREATE, { input: providerInput(override) });
      expect(res.data?.createProvider ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions.fields!.map((f) => f.path)).toContain(path);
      expect(await catalogCounts(db(), practiceId)).toEqual(before);
    });
  }

  const badUpdates: [string, Record<string, unknown>, string][] = [
    ['an NPI with a wrong check digit', { npi: '1234567894' }, 'input.npi'],
    ['a malformed taxonomy code', { taxonomyCode: '20700000' }, 'input.taxonomyCode'],
    ['a blank given name', { givenName: ' ' }, 'input.givenName'],
    ['a 201-character given name', { givenName: 'g'.repeat(201) }, 'input.givenName'],
  ];
  for (const [what, override, path] of badUpdates) {
    it(`updateProvider rejects ${what} on ${path} and changes nothing`, async () => {
      const { practiceId, token } = await admin();
      const row = await insertProvider(db(), practiceId);
      const before = await catalogCounts(db(), practiceId);
      const res = await server.gql(token, UPDATE, { input: { id: row.id, expectedVersion: 1, ...override } });
      expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions.fields!.map((f) => f.path)).toContain(path);
      expect((await db().select().from(providers).where(eq(providers.id, row.id)))[0]).toEqual(row);
      expect(await catalogCounts(db(), practiceId)).toEqual(before);
    });
  }

  it('a duplicate NPI in the practice is BAD_USER_INPUT on input.npi, on create and on update; other practices may reuse it', async () => {
    const { practiceId, token } = await admin();
    const npi = syntheticNpi();
    const existing = await insertProvider(db(), practiceId, { npi });
    const other = await insertProvider(db(), practiceId);
    const before = await catalogCounts(db(), practiceId);
    const dupCreate = await server.gql(token, CREATE, { input: providerInput({ npi }) });
    expect(dupCreate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.npi', message: expect.any(String) }] });
    const dupUpdate = await server.gql(token, UPDATE, { input: { id: other.id, expectedVersion: 1, npi } });
    expect(dupUpdate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.npi', message: expect.any(String) }] });
    expect(await catalogCounts(db(), practiceId)).toEqual(before);
    expect((await db().select().from(providers).where(eq(providers.id, other.id)))[0]).toEqual(other);
    // Same NPI, same provider: not a conflict.
    expect((await server.gql(token, UPDATE, { input: { id: existing.id, expectedVersion: 1, npi } })).errors).toBeUndefined();

    const elsewhere = await admin();
    const res = await server.gql(elsewhere.token, CREATE, { input: providerInput({ npi }) });
    expect(res.errors).toBeUndefined();
  });

  it('concurrent creates with one NPI: exactly one wins, the rest get BAD_USER_INPUT', async () => {
    const { practiceId, token } = await admin();
    const npi = syntheticNpi();
    const results = await Promise.all(Array.from({ length: 5 }, () => server.gql(token, CREATE, { input: providerInput({ npi }) })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions.code)).toEqual(Array(4).fill('BAD_USER_INPUT'));
    expect((await catalogCounts(db(), practiceId)).providers).toBe(1);
  });

  it('setProviderLocations rejects an inactive location with BAD_USER_INPUT and keeps the old set', async () => {
    const { practiceId, token } = await admin();
    const a = await createLocation(db(), practiceId);
    const closed = await createLocation(db(), practiceId, { active: false });
    const p = await insertProvider(db(), practiceId);
    await linkProvider(db(), practiceId, p.id, a.id);
    const before = await catalogCounts(db(), practiceId);
    const res = await server.gql(token, SET_LOCATIONS, { input: { providerId: p.id, expectedVersion: 1, locationIds: [a.id, closed.id] } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.locationIds.1', message: expect.any(String) }] });
    expect(await linksOf(p.id)).toEqual([a.id]);
    expect((await db().select().from(providers).where(eq(providers.id, p.id)))[0]!.version).toBe(1);
    expect(await catalogCounts(db(), practiceId)).toEqual(before);
  });
});
