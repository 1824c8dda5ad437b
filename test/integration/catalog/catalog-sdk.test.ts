import { createClient, isMedofficeError, type MedofficeError } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { catalogCounts, insertProvider, locationInput, providerInput } from '../../factories/catalog.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

async function clientFor(practiceId: string, roles: Role[]) {
  return createClient({ url: server.url, token: await server.token(practiceId, roles), retry: false });
}

describe('catalog through the SDK', () => {
  it('an admin builds the catalog; an analyst reads it with typed results and pages through every provider', async () => {
    const practiceId = await createPractice(server.database.db);
    const admin = await clientFor(practiceId, [Role.PRACTICE_ADMIN]);
    const { createLocation } = await admin.createLocation({ input: locationInput({ name: 'Sdk Clinic', timeZone: 'America/Phoenix', placeOfServiceCode: '11' }) });
    const loc = createLocation.location;
    expect(loc).toMatchObject({ name: 'Sdk Clinic', timeZone: 'America/Phoenix', placeOfServiceName: 'Office', version: 1 });
    const { createProvider } = await admin.createProvider({ input: providerInput({ familyName: 'Sdkfamily', locationIds: [loc.id] }) });
    expect(createProvider.provider.locations).toEqual([{ id: loc.id, name: 'Sdk Clinic' }]);
    for (let i = 0; i < 11; i++) await insertProvider(server.database.db, practiceId);

    const analyst = await clientFor(practiceId, [Role.ANALYST]);
    const read = await analyst.location({ id: loc.id });
    expect(read.location.providers.map((p) => p.familyName)).toEqual(['Sdkfamily']);
    const seen: string[] = [];
    for await (const node of analyst.paginate.listProviders({ first: 5 })) seen.push(node.id);
    expect(new Set(seen).size).toBe(12);
  });

  it('bad input and stale versions surface as typed errors with field paths; nothing is stored', async () => {
    const practiceId = await createPractice(server.database.db);
    const admin = await clientFor(practiceId, [Role.PRACTICE_ADMIN]);
    const before = await catalogCounts(server.database.db, practiceId);
    const bad = await admin.createProvider({ input: providerInput({ npi: '1234567890' }) }).catch((e: unknown) => e);
    expect(isMedofficeError(bad, 'BAD_USER_INPUT')).toBe(true);
    expect((bad as MedofficeError).fields).toEqual([expect.objectContaining({ path: 'input.npi' })]);
    expect(await catalogCounts(server.database.db, practiceId)).toEqual(before);

    const { createLocation } = await admin.createLocation({ input: locationInput() });
    await admin.updateLocation({ input: { id: createLocation.location.id, expectedVersion: 1, name: 'Sdk Renamed' } });
    const stale = await admin.deactivateLocation({ input: { id: createLocation.location.id, expectedVersion: 1 } }).catch((e: unknown) => e);
    expect(isMedofficeError(stale, 'VERSION_CONFLICT')).toBe(true);
    expect((await admin.location({ id: createLocation.location.id })).location).toMatchObject({ active: true, version: 2 });
  });
});
