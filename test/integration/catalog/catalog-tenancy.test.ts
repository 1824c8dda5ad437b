import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { locations } from '../../../server/src/db/schema/locations.js';
import { providers } from '../../../server/src/db/schema/providers.js';
import { ALL_ROLES, Role } from '../../../server/src/graphql/roles.js';
import { catalogCounts, insertProvider, linkProvider, locationInput, providerInput } from '../../factories/catalog.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const MUTATIONS = {
  createLocation: 'mutation M($input: CreateLocationInput!) { createLocation(input: $input) { location { id } } }',
  updateLocation: 'mutation M($input: UpdateLocationInput!) { updateLocation(input: $input) { location { id } } }',
  deactivateLocation: 'mutation M($input: DeactivateLocationInput!) { deactivateLocation(input: $input) { location { id } } }',
  createProvider: 'mutation M($input: CreateProviderInput!) { createProvider(input: $input) { provider { id } } }',
  updateProvider: 'mutation M($input: UpdateProviderInput!) { updateProvider(input: $input) { provider { id } } }',
  deactivateProvider: 'mutation M($input: DeactivateProviderInput!) { deactivateProvider(input: $input) { provider { id } } }',
  setProviderLocations: 'mutation M($input: SetProviderLocationsInput!) { setProviderLocations(input: $input) { provider { id } } }',
};
const EVERYTHING = `query E($locationId: ID!, $providerId: ID!) {
  location(id: $locationId) { id providers { id locations { id } } }
  provider(id: $providerId) { id locations { id providers { id } } }
  locations { edges { node { id providers { id } } } totalCount }
  providers { edges { node { id locations { id } } } totalCount }
}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
const db = () => server.database.db;

/** Practice A (the caller) and practice B, each with a linked location and provider, plus planted cross-practice links. */
async function twoPractices() {
  const a = await createPractice(db());
  const b = await createPractice(db());
  const la = await createLocation(db(), a);
  const pa = await insertProvider(db(), a);
  const lb = await createLocation(db(), b);
  const pb = await insertProvider(db(), b);
  await linkProvider(db(), a, pa.id, la.id);
  await linkProvider(db(), b, pb.id, lb.id);
  // Links the API can never create: the nested loaders must still never cross practices.
  await linkProvider(db(), a, pa.id, lb.id);
  await linkProvider(db(), b, pb.id, la.id);
  return { a, b, la, pa, lb, pb };
}

const snapshot = async (practiceId: string) => ({
  counts: await catalogCounts(db(), practiceId),
  locations: await db().select().from(locations).where(eq(locations.practiceId, practiceId)),
  providers: await db().select().from(providers).where(eq(providers.practiceId, practiceId)),
});

describe('catalog tenancy', () => {
  it("another practice's location and provider are NOT_FOUND in every query and absent from lists and nested fields", async () => {
    const { a, b, la, pa, lb, pb } = await twoPractices();
    const token = await server.token(a, [Role.PRACTICE_ADMIN]);
    const mine = await server.gql(token, EVERYTHING, { locationId: la.id, providerId: pa.id });
    expect(mine.errors).toBeUndefined();
    expect(mine.data).toEqual({
      location: { id: la.id, providers: [{ id: pa.id, locations: [{ id: la.id }] }] },
      provider: { id: pa.id, locations: [{ id: la.id, providers: [{ id: pa.id }] }] },
      locations: { edges: [{ node: { id: la.id, providers: [{ id: pa.id }] } }], totalCount: 1 },
      providers: { edges: [{ node: { id: pa.id, locations: [{ id: la.id }] } }], totalCount: 1 },
    });
    const text = JSON.stringify(mine.data);
    expect(text).not.toContain(lb.id);
    expect(text).not.toContain(pb.id);

    for (const [query, variables] of [
      ['query Q($id: ID!) { location(id: $id) { id } }', { id: lb.id }],
      ['query Q($id: ID!) { provider(id: $id) { id } }', { id: pb.id }],
      ['query Q($id: ID!) { providers(locationId: $id) { edges { node { id } } } }', { id: lb.id }],
    ] as const) {
      const res = await server.gql(token, query, variables);
      expect(res.errors?.[0]?.extensions.code, query).toBe('NOT_FOUND');
      expect(res.errors![0]!.message).not.toContain(b);
    }
  });

  it("every mutation on another practice's location or provider is NOT_FOUND and changes nothing in either practice", async () => {
    const { a, b, la, pa, lb, pb } = await twoPractices();
    const token = await server.token(a, [Role.PRACTICE_ADMIN]);
    const before = { a: await snapshot(a), b: await snapshot(b) };
    const attempts: [keyof typeof MUTATIONS, Record<string, unknown>][] = [
      ['updateLocation', { id: lb.id, expectedVersion: 1, name: 'Taken Over' }],
      ['deactivateLocation', { id: lb.id, expectedVersion: 1 }],
      ['updateProvider', { id: pb.id, expectedVersion: 1, specialty: 'Taken Over' }],
      ['deactivateProvider', { id: pb.id, expectedVersion: 1 }],
      ['setProviderLocations', { providerId: pb.id, expectedVersion: 1, locationIds: [la.id] }],
      ['setProviderLocations', { providerId: pa.id, expectedVersion: 1, locationIds: [la.id, lb.id] }],
      ['createProvider', providerInput({ locationIds: [lb.id] })],
    ];
    for (const [name, input] of attempts) {
      const res = await server.gql(token, MUTATIONS[name], { input });
      expect(res.errors?.[0]?.extensions.code, name).toBe('NOT_FOUND');
    }
    expect(await snapshot(a)).toEqual(before.a);
    expect(await snapshot(b)).toEqual(before.b);
  });
});

describe('catalog roles', () => {
  it('only PRACTICE_ADMIN may change the catalog: every other role gets FORBIDDEN and nothing changes', async () => {
    const practiceId = await createPractice(db());
    const loc = await createLocation(db(), practiceId);
    const prov = await insertProvider(db(), practiceId);
    const inputs: Record<keyof typeof MUTATIONS, Record<string, unknown>> = {
      createLocation: locationInput(),
      updateLocation: { id: loc.id, expectedVersion: 1, name: 'Renamed' },
      deactivateLocation: { id: loc.id, expectedVersion: 1 },
      createProvider: providerInput(),
      updateProvider: { id: prov.id, expectedVersion: 1, specialty: 'Renamed' },
      deactivateProvider: { id: prov.id, expectedVersion: 1 },
      setProviderLocations: { providerId: prov.id, expectedVersion: 1, locationIds: [loc.id] },
    };
    const before = await snapshot(practiceId);
    for (const role of ALL_ROLES.filter((r) => r !== Role.PRACTICE_ADMIN)) {
      const token = await server.token(practiceId, [role]);
      for (const [name, query] of Object.entries(MUTATIONS) as [keyof typeof MUTATIONS, string][]) {
        const res = await server.gql(token, query, { input: inputs[name] });
        expect(res.errors?.[0]?.extensions.code, `${role} ${name}`).toBe('FORBIDDEN');
      }
    }
    expect(await snapshot(practiceId)).toEqual(before);
    const frontDesk = await server.token(practiceId, [Role.FRONT_DESK]);
    expect((await server.gql(frontDesk, MUTATIONS.createProvider, { input: providerInput() })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('every role, ANALYST included, reads locations and providers; no token is UNAUTHENTICATED', async () => {
    const practiceId = await createPractice(db());
    const loc = await createLocation(db(), practiceId);
    const prov = await insertProvider(db(), practiceId);
    await linkProvider(db(), practiceId, prov.id, loc.id);
    for (const role of ALL_ROLES) {
      const res = await server.gql(await server.token(practiceId, [role]), EVERYTHING, { locationId: loc.id, providerId: prov.id });
      expect(res.errors, role).toBeUndefined();
      expect(res.data!.provider.locations).toEqual([{ id: loc.id, providers: [{ id: prov.id }] }]);
    }
    const anonymous = await server.gql(null, EVERYTHING, { locationId: loc.id, providerId: prov.id });
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
