import { beforeAll, describe, expect, it } from 'vitest';
import { locations } from '../../../server/src/db/schema/locations.js';
import { providerLocations, providers } from '../../../server/src/db/schema/providers.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { syntheticNpi } from '../../factories/catalog.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const PROVIDERS_WITH_LOCATIONS = `query P { providers(first: 200) { edges { node { id familyName locations { id name timeZone } } } } }`;
const LOCATIONS_WITH_PROVIDERS = `query L { locations(first: 200) { edges { node { id name providers { id npi } } } } }`;
const THREE_LEVELS = `query T { providers(first: 200) { totalCount edges { node { id locations { id providers(activeOnly: true) { id } } } } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

/** A practice with `n` providers and `n` locations; provider i works at locations i and i+1. */
async function catalogOf(n: number) {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const address = { line1: '1 Synthetic Way', city: 'Testville', state: 'NY', postalCode: '10001', country: 'US' };
  const locs = await db
    .insert(locations)
    .values(Array.from({ length: n }, (_, i) => ({ practiceId, name: `Site ${String(i).padStart(3, '0')}`, address, timeZone: 'America/Denver', placeOfServiceCode: '11' })))
    .returning();
  const provs = await db
    .insert(providers)
    .values(Array.from({ length: n }, (_, i) => ({ practiceId, givenName: 'Pat', familyName: `Testfam${String(i).padStart(3, '0')}`, npi: syntheticNpi(), taxonomyCode: '207Q00000X', specialty: 'Family Medicine' })))
    .returning();
  await db.insert(providerLocations).values(provs.flatMap((p, i) => [locs[i]!, locs[(i + 1) % n]!].map((l) => ({ practiceId, providerId: p.id, locationId: l.id }))));
  return server.token(practiceId, [Role.ANALYST]);
}

async function run(token: string, query: string) {
  const res = await server.gql(token, query);
  expect(res.errors).toBeUndefined();
  return res;
}

describe('catalog lists issue a fixed number of SQL statements', () => {
  it('5 or 50 rows: same statement count for providers→locations, locations→providers and three levels', async () => {
    const small = await catalogOf(5);
    const large = await catalogOf(50);
    const counts: Record<string, number[]> = {};
    for (const [name, query] of Object.entries({ PROVIDERS_WITH_LOCATIONS, LOCATIONS_WITH_PROVIDERS, THREE_LEVELS })) {
      const a = await run(small, query);
      const b = await run(large, query);
      counts[name] = [a.extensions!.stats!.sqlStatements, b.extensions!.stats!.sqlStatements];
    }
    // list + one batched nested load; the three-level query adds a count and a second nested batch.
    expect(counts).toEqual({ PROVIDERS_WITH_LOCATIONS: [2, 2], LOCATIONS_WITH_PROVIDERS: [2, 2], THREE_LEVELS: [4, 4] });
  });

  it('the nested lists are complete and in order (so the counts are not bought with missing rows)', async () => {
    const token = await catalogOf(50);
    const res = await run(token, PROVIDERS_WITH_LOCATIONS);
    const edges = res.data!.providers.edges as { node: { familyName: string; locations: { name: string }[] } }[];
    expect(edges).toHaveLength(50);
    expect(edges[0]!.node.locations.map((l) => l.name)).toEqual(['Site 000', 'Site 001']);
    expect(edges[49]!.node.locations.map((l) => l.name)).toEqual(['Site 000', 'Site 049']);
    const locs = (await run(token, LOCATIONS_WITH_PROVIDERS)).data!.locations.edges as { node: { providers: unknown[] } }[];
    expect(locs).toHaveLength(50);
    expect(locs.every((e) => e.node.providers.length === 2)).toBe(true);
  });
});
