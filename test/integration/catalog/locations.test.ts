import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { locations } from '../../../server/src/db/schema/locations.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { catalogCounts, locationInput } from '../../factories/catalog.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const FIELDS = 'id name address { line1 line2 city state postalCode country } phone timeZone placeOfServiceCode placeOfServiceName active version';
const CREATE = `mutation C($input: CreateLocationInput!) { createLocation(input: $input) { location { ${FIELDS} } } }`;
const UPDATE = `mutation U($input: UpdateLocationInput!) { updateLocation(input: $input) { location { ${FIELDS} } } }`;
const DEACTIVATE = `mutation D($input: DeactivateLocationInput!) { deactivateLocation(input: $input) { location { id active version } } }`;
const GET = `query G($id: ID!) { location(id: $id) { ${FIELDS} } }`;
const LIST = `query L($first: Int, $after: String, $last: Int, $before: String, $activeOnly: Boolean) {
  locations(first: $first, after: $after, last: $last, before: $before, activeOnly: $activeOnly) {
    edges { cursor node { id name active } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

async function admin() {
  const practiceId = await createPractice(server.database.db);
  return { practiceId, token: await server.token(practiceId, [Role.PRACTICE_ADMIN]) };
}

describe('location mutations', () => {
  it('creates, reads, updates and deactivates a location, auditing each write', async () => {
    const { practiceId, token } = await admin();
    const created = await server.gql(token, CREATE, { input: locationInput({ name: '  Main Street Clinic ', timeZone: 'America/Chicago', placeOfServiceCode: '22' }) });
    expect(created.errors).toBeUndefined();
    const loc = created.data!.createLocation.location;
    expect(loc).toMatchObject({ name: 'Main Street Clinic', timeZone: 'America/Chicago', placeOfServiceCode: '22', placeOfServiceName: 'On campus-outpatient hospital', active: true, version: 1, phone: '+12125550100' });
    expect(loc.address).toMatchObject({ line2: null, state: 'NY', country: 'US' });

    const analyst = await server.token(practiceId, [Role.ANALYST]);
    expect((await server.gql(analyst, GET, { id: loc.id })).data!.location).toEqual(loc);

    const updated = await server.gql(token, UPDATE, { input: { id: loc.id, expectedVersion: 1, name: 'Telehealth Desk', placeOfServiceCode: '10', phone: null } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateLocation.location).toMatchObject({ name: 'Telehealth Desk', placeOfServiceCode: '10', phone: null, timeZone: 'America/Chicago', version: 2 });

    const deactivated = await server.gql(token, DEACTIVATE, { input: { id: loc.id, expectedVersion: 2 } });
    expect(deactivated.data!.deactivateLocation.location).toEqual({ id: loc.id, active: false, version: 3 });

    const reactivated = await server.gql(token, UPDATE, { input: { id: loc.id, expectedVersion: 3, active: true } });
    expect(reactivated.data!.updateLocation.location).toMatchObject({ active: true, version: 4 });

    const audit = await auditEntries(server.database.db, { practiceId, entityId: loc.id });
    expect(audit.map((a) => [a.action, a.entityType, a.patientId])).toEqual([
      ['CREATE', 'Location', null],
      ['UPDATE', 'Location', null],
      ['DEACTIVATE', 'Location', null],
      ['UPDATE', 'Location', null],
    ]);
  });

  it('a stale expectedVersion gets VERSION_CONFLICT for update and deactivate, and nothing changes', async () => {
    const { practiceId, token } = await admin();
    const row = await createLocation(server.database.db, practiceId);
    expect((await server.gql(token, UPDATE, { input: { id: row.id, expectedVersion: 1, name: 'Renamed Clinic' } })).errors).toBeUndefined();
    const before = await catalogCounts(server.database.db, practiceId);
    const [current] = await server.database.db.select().from(locations).where(eq(locations.id, row.id));
    for (const [query, input] of [
      [UPDATE, { id: row.id, expectedVersion: 1, name: 'Lost Update' }],
      [DEACTIVATE, { id: row.id, expectedVersion: 1 }],
    ] as const) {
      const res = await server.gql(token, query, { input });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 1, actualVersion: 2 });
    }
    const [after] = await server.database.db.select().from(locations).where(eq(locations.id, row.id));
    expect(after).toEqual(current);
    expect(after!.name).toBe('Renamed Clinic');
    expect(await catalogCounts(server.database.db, practiceId)).toEqual(before);
  });

  it('concurrent updates at one version: exactly one wins, the others get VERSION_CONFLICT', async () => {
    const { practiceId, token } = await admin();
    const row = await createLocation(server.database.db, practiceId);
    const names = ['Race One', 'Race Two', 'Race Three', 'Race Four', 'Race Five'];
    const results = await Promise.all(names.map((name) => server.gql(token, UPDATE, { input: { id: row.id, expectedVersion: 1, name } })));
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions.code)).toEqual(Array(4).fill('VERSION_CONFLICT'));
    const [after] = await server.database.db.select().from(locations).where(eq(locations.id, row.id));
    expect(after).toMatchObject({ version: 2, name: winners[0]!.data!.updateLocation.location.name });
    const audit = await auditEntries(server.database.db, { entityId: row.id });
    expect(audit).toHaveLength(1);
  });
});

describe('locations query', () => {
  it('pages by name both ways, filters active ones and counts', async () => {
    const { practiceId, token } = await admin();
    const names = ['Clinic A', 'Clinic B', 'Clinic C', 'Clinic D', 'Clinic E'];
    for (const name of [...names].reverse()) await createLocation(server.database.db, practiceId, { name, active: name !== 'Clinic C' });
    const first = await server.gql(token, LIST, { first: 2 });
    expect(first.data!.locations.edges.map((e: any) => e.node.name)).toEqual(['Clinic A', 'Clinic B']);
    expect(first.data!.locations.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.data!.locations.totalCount).toBe(5);
    const second = await server.gql(token, LIST, { first: 2, after: first.data!.locations.pageInfo.endCursor });
    expect(second.data!.locations.edges.map((e: any) => e.node.name)).toEqual(['Clinic C', 'Clinic D']);
    const back = await server.gql(token, LIST, { last: 2, before: second.data!.locations.pageInfo.startCursor });
    expect(back.data!.locations.edges.map((e: any) => e.node.name)).toEqual(['Clinic A', 'Clinic B']);
    const active = await server.gql(token, LIST, { activeOnly: true });
    expect(active.data!.locations.edges.map((e: any) => e.node.name)).toEqual(['Clinic A', 'Clinic B', 'Clinic D', 'Clinic E']);
    expect(active.data!.locations.totalCount).toBe(4);
  });

  it('rejects a forged cursor with BAD_USER_INPUT', async () => {
    const { token } = await admin();
    const forged = Buffer.from(JSON.stringify(['x', 'not-a-uuid'])).toString('base64url');
    const res = await server.gql(token, LIST, { first: 2, after: forged });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'after', message: expect.any(String) }] });
  });

  it('an unknown or malformed id is NOT_FOUND', async () => {
    const { token } = await admin();
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await server.gql(token, GET, { id });
      expect(res.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    }
  });
});
