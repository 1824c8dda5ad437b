import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { locations } from '../../../server/src/db/schema/locations.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { catalogCounts, locationInput } from '../../factories/catalog.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const CREATE = 'mutation C($input: CreateLocationInput!) { createLocation(input: $input) { location { id } } }';
const UPDATE = 'mutation U($input: UpdateLocationInput!) { updateLocation(input: $input) { location { id } } }';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

async function admin() {
  const practiceId = await createPractice(server.database.db);
  return { practiceId, token: await server.token(practiceId, [Role.PRACTICE_ADMIN]) };
}

describe('location bad input', () => {
  const badCreates: [string, Record<string, unknown>, string][] = [
    ['unknown time zone', { timeZone: 'Mars/Olympus' }, 'input.timeZone'],
    ['offset instead of a zone', { timeZone: '+05:00' }, 'input.timeZone'],
    ['unassigned POS code', { placeOfServiceCode: '30' }, 'input.placeOfServiceCode'],
    ['three-digit POS code', { placeOfServiceCode: '011' }, 'input.placeOfServiceCode'],
    ['empty name', { name: '' }, 'input.name'],
    ['blank name', { name: '   ' }, 'input.name'],
    ['201-character name', { name: 'x'.repeat(201) }, 'input.name'],
    ['malformed phone', { phone: '555-0100' }, 'input.phone'],
    ['phone without +1', { phone: '2125550100' }, 'input.phone'],
    ['blank address line', { address: { line1: ' ', city: 'Testville', state: 'NY', postalCode: '10001', country: 'US' } }, 'input.address.line1'],
    ['oversized address line', { address: { line1: 'y'.repeat(201), city: 'Testville', state: 'NY', postalCode: '10001', country: 'US' } }, 'input.address.line1'],
    ['bad ZIP', { address: { line1: '1 Way', city: 'Testville', state: 'NY', postalCode: '1000', country: 'US' } }, 'input.address.postalCode'],
  ];
  for (const [what, override, path] of badCreates) {
    it(`createLocation rejects ${what} on ${path} and stores nothing`, async () => {
      const { practiceId, token } = await admin();
      const before = await catalogCounts(server.database.db, practiceId);
      const res = await server.gql(token, CREATE, { input: locationInput(override) });
      expect(res.data?.createLocation ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions.fields!.map((f) => f.path)).toContain(path);
      expect(await catalogCounts(server.database.db, practiceId)).toEqual(before);
    });
  }

  const badUpdates: [string, Record<string, unknown>, string][] = [
    ['unknown time zone', { timeZone: 'Mars/Olympus' }, 'input.timeZone'],
    ['bad POS code', { placeOfServiceCode: '99x' }, 'input.placeOfServiceCode'],
    ['blank name', { name: ' ' }, 'input.name'],
    ['201-character name', { name: 'z'.repeat(201) }, 'input.name'],
    ['malformed phone', { phone: '+1212555010' }, 'input.phone'],
  ];
  for (const [what, override, path] of badUpdates) {
    it(`updateLocation rejects ${what} on ${path} and changes nothing`, async () => {
      const { practiceId, token } = await admin();
      const row = await createLocation(server.database.db, practiceId);
      const before = await catalogCounts(server.database.db, practiceId);
      const res = await server.gql(token, UPDATE, { input: { id: row.id, expectedVersion: 1, ...override } });
      expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions.fields!.map((f) => f.path)).toContain(path);
      const [after] = await server.database.db.select().from(locations).where(eq(locations.id, row.id));
      expect(after).toEqual(row);
      expect(await catalogCounts(server.database.db, practiceId)).toEqual(before);
    });
  }
});
