import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createClient, isMedofficeError, type MedofficeClient, MedofficeError, type RegisterPatientInput, SDK_VERSION } from '@medoffice/sdk';
import { Role } from '../../server/src/graphql/roles.js';
import { insertPatient } from '../factories/patient.factory.js';
import { createPractice } from '../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

let n = 0;
function registration(overrides: Partial<RegisterPatientInput> = {}): RegisterPatientInput {
  n += 1;
  return {
    legalName: { given: `Sdkgiven${n}`, family: `Sdkfamily${n}` },
    dateOfBirth: '1984-07-09',
    sexAtBirth: 'FEMALE',
    phones: [{ kind: 'MOBILE', number: '+12125550111', primary: true }],
    consents: { sms: true },
    ...overrides,
  };
}

/** A client for a new practice, counting the HTTP requests it makes and remembering their x-request-id. */
async function clientFor(roles: Role[] = [Role.FRONT_DESK]) {
  const practiceId = await createPractice(server.database.db);
  const token = await server.token(practiceId, roles);
  const sent: { requestId: string | null }[] = [];
  const client: MedofficeClient = createClient({
    url: server.url,
    token,
    fetch: (input, init) => {
      sent.push({ requestId: new Headers(init?.headers).get('x-request-id') });
      return fetch(input, init);
    },
  });
  return { client, practiceId, sent };
}

describe('SDK against the real server', () => {
  it('registers, reads and searches a patient with typed results', async () => {
    const { client, sent } = await clientFor();
    const { registerPatient } = await client.registerPatient({ input: registration({ legalName: { given: 'Sdkalpha', family: 'Sdkomega' } }) });
    const patient = registerPatient.patient!;
    expect(patient).toMatchObject({ mrn: 'M0000001', version: 1, status: 'ACTIVE', dateOfBirth: '1984-07-09', legalName: { given: 'Sdkalpha', family: 'Sdkomega' } });
    expect(patient.phones).toEqual([{ kind: 'MOBILE', number: '+12125550111', primary: true }]);

    const read = await client.patient({ id: patient.id });
    expect(read.patient.id).toBe(patient.id);

    const found = await client.patients({ search: { mrn: patient.mrn }, first: 10 });
    expect(found.patients.edges.map((e) => e.node.id)).toEqual([patient.id]);
    expect(found.patients.pageInfo.hasNextPage).toBe(false);
    expect(sent).toHaveLength(3);
    for (const s of sent) expect(s.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says which SDK version and runtime call, in x-medoffice-sdk and the User-Agent', async () => {
    const practiceId = await createPractice(server.database.db);
    const seen: Headers[] = [];
    const client = createClient({ url: server.url, token: await server.token(practiceId, [Role.FRONT_DESK]), fetch: (input, init) => {
        seen.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    });
    await client.patients({ first: 1 });
    const { version } = JSON.parse(readFileSync(new URL('../../sdk/package.json', import.meta.url), 'utf8'));
    expect(SDK_VERSION).toBe(version);
    expect(seen[0]!.get('x-medoffice-sdk')).toBe(version);
    expect(seen[0]!.get('user-agent')).toBe(`medoffice-sdk/${version} node/${process.versions.node}`);
  });

  it('paginates through 120 patients with for await, one request per page', async () => {
    const { client, practiceId, sent } = await clientFor();
    const inserted = new Set<string>();
    for (let i = 0; i < 120; i++) inserted.add((await insertPatient(server.database.db, practiceId)).id);

    const seen: string[] = [];
    for await (const node of client.paginate.patients({ first: 25 })) seen.push(node.id);

    expect(seen).toHaveLength(120);
    expect(new Set(seen)).toEqual(inserted);
    // One request per page; a retry of a page (same x-request-id, e.g. a 503 under a loaded machine) is the same request.
    expect(new Set(sent.map((s) => s.requestId)).size).toBe(5);
  });

  it('stops early when the loop breaks', async () => {
    const { client, practiceId, sent } = await clientFor();
    for (let i = 0; i < 12; i++) await insertPatient(server.database.db, practiceId);
    let count = 0;
    for await (const _ of client.paginate.patients({ first: 5 })) if (++count === 7) break;
    expect(count).toBe(7);
    expect(sent).toHaveLength(2);
  });

  it('resumes from a saved cursor, stops at a limit, and pages with their cursors', async () => {
    const { client, practiceId, sent } = await clientFor();
    for (let i = 0; i < 12; i++) await insertPatient(server.database.db, practiceId);
    const all: string[] = [];
    for await (const node of client.paginate.patients({ first: 12 })) all.push(node.id);
    const pages = [];
    for await (const page of client.paginate.patients.pages({ first: 5 })) pages.push(page);
    expect(pages.map((p) => p.nodes.length)).toEqual([5, 5, 2]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.flatMap((p) => p.nodes.map((n) => n.id))).toEqual(all);
    // A job that stopped after the first page picks up where it left off.
    const rest: string[] = [];
    for await (const node of client.paginate.patients({ first: 5, after: pages[0]!.pageInfo.endCursor })) rest.push(node.id);
    expect(rest).toEqual(all.slice(5));
    sent.length = 0;
    const limited: string[] = [];
    for await (const node of client.paginate.patients({ first: 5 }, { limit: 7 })) limited.push(node.id);
    expect(limited).toEqual(all.slice(0, 7));
    expect(sent).toHaveLength(2);
  });

  it('updates at the read version and rejects a stale one with VERSION_CONFLICT', async () => {
    const { client } = await clientFor();
    const { registerPatient } = await client.registerPatient({ input: registration() });
    const { id, version } = registerPatient.patient!;
    const updated = await client.updatePatient({ input: { id, expectedVersion: version, preferredName: 'Sdkpref' } });
    expect(updated.updatePatient.patient).toMatchObject({ version: version + 1, preferredName: 'Sdkpref' });

    const error = await client.updatePatient({ input: { id, expectedVersion: version, preferredName: 'Stale' } }, { requestId: 'sdk-test-stale-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MedofficeError);
    expect(isMedofficeError(error, 'VERSION_CONFLICT')).toBe(true);
    const e = error as MedofficeError;
    expect(e).toMatchObject({ code: 'VERSION_CONFLICT', kind: 'graphql', retryable: false, path: ['updatePatient'] });
    // The id the SDK sent is the correlation id; the error carries the server's own request id.
    expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.extensions).toMatchObject({ id, expectedVersion: version, actualVersion: version + 1 });
    expect((await client.patient({ id })).patient.preferredName).toBe('Sdkpref');
  });

  it('reports invalid input with field paths and leaves the database unchanged', async () => {
    const { client } = await clientFor();
    const error = await client.registerPatient({ input: registration({ dateOfBirth: '2999-01-01' }) }).catch((e: unknown) => e);
    expect(isMedofficeError(error, 'BAD_USER_INPUT')).toBe(true);
    expect((error as MedofficeError).fields).toEqual([expect.objectContaining({ path: 'input.dateOfBirth' })]);
    const all = await client.patients({ first: 10 });
    expect(all.patients.edges).toHaveLength(0);
  });

  it('deactivates a patient', async () => {
    const { client } = await clientFor();
    const { registerPatient } = await client.registerPatient({ input: registration() });
    const { id, version } = registerPatient.patient!;
    const res = await client.deactivatePatient({ input: { id, expectedVersion: version } });
    expect(res.deactivatePatient.patient).toMatchObject({ id, status: 'INACTIVE', version: version + 1 });
  });

  it('surfaces UNAUTHENTICATED and FORBIDDEN as typed codes', async () => {
    const anonymous = createClient({ url: server.url });
    await expect(anonymous.patients()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', retryable: false });
    const { client } = await clientFor([Role.ANALYST]);
    await expect(client.patients()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
