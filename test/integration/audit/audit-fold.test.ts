import { beforeAll, describe, expect, it } from 'vitest';
import { insertSuperbill } from '../../../server/src/modules/superbills/superbill.repo.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { billingWorld } from '../../factories/superbill.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// A compiled page writes its request's READ batch in its own statement (db/compile/audit-fold.ts):
// exactly what leaves, no second statement when nothing is left to flush.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

type Node = { id: string; patientId: string; patient?: { id: string } };

/** A practice with 7 superbills of 2 patients, on distinct dates of service. */
async function world() {
  const db = server.database.db;
  const w = await billingWorld(server);
  const patients = [w.patient, await insertPatient(db, w.practiceId)];
  for (let i = 0; i < 7; i++) {
    await insertSuperbill(db, w.practiceId, {
      status: 'DRAFT', patientId: patients[i % 2]!.id, renderingProviderId: w.provider.id, locationId: w.location.id, appointmentId: null, payerId: null,
      billingProvider: { name: 'Synthetic Group', tin: null, npi: '1234567893', address: null }, referringProviderName: null, referringProviderNpi: null,
      dateOfService: `2026-02-${String(10 + i).padStart(2, '0')}`, placeOfServiceCode: '11', telehealth: false, priorAuthorizationNumber: null,
      copayCollectedCents: 0, totalChargeCents: 100, createdBy: 'seed',
    });
  }
  await server.gql(w.biller, '{ superbills(first: 1) { totalCount } }');
  return w;
}

const reads = async (practiceId: string, op: string) => (await auditEntries(server.database.db, { practiceId, action: 'READ' })).filter((e) => e.operationName === op);
const nodesOf = (res: { data?: any }, field = 'superbills') => res.data![field].edges.map((e: { node: Node }) => e.node) as Node[];

describe('the audit batch folded into a compiled page statement', () => {
  it('records exactly the returned rows (never the extra hasNext/hasPrevious row), in response order, both directions, in one statement', async () => {
    const w = await world();
    const first = await server.gql(w.biller, 'query Fwd { superbills(first: 3) { pageInfo { hasNextPage endCursor } edges { node { id patientId } } } }');
    expect(first.errors).toBeUndefined();
    expect(first.data!.superbills.pageInfo.hasNextPage).toBe(true);
    expect(first.extensions?.stats?.sqlStatements).toBe(1);
    expect((await reads(w.practiceId, 'Fwd')).map((e) => [e.entityType, e.entityId, e.patientId])).toEqual(nodesOf(first).map((n) => ['Superbill', n.id, n.patientId]));

    const back = await server.gql(w.biller, 'query Back { superbills(last: 3) { pageInfo { hasPreviousPage } edges { node { id patientId } } } }');
    expect(back.errors).toBeUndefined();
    expect(back.data!.superbills.pageInfo.hasPreviousPage).toBe(true);
    expect(back.extensions?.stats?.sqlStatements).toBe(1);
    const backReads = await reads(w.practiceId, 'Back');
    expect(backReads.map((e) => [e.entityType, e.entityId, e.patientId])).toEqual(nodesOf(back).map((n) => ['Superbill', n.id, n.patientId]));
    expect(new Set(backReads.map((e) => e.batchId)).size).toBe(1);
  });

  it('folds the guarded patient the caller may see; under @include the selection may be wider than the response, so the resolver records it as before', async () => {
    const w = await world();
    const folded = await server.gql(w.biller, 'query Folded { superbills(first: 4) { edges { node { id patientId patient { id } } } } }');
    expect(folded.errors).toBeUndefined();
    expect(folded.extensions?.stats?.sqlStatements).toBe(1);
    const nodes = nodesOf(folded);
    expect((await reads(w.practiceId, 'Folded')).map((e) => [e.entityType, e.entityId])).toEqual([
      ...nodes.map((n) => ['Superbill', n.id]),
      ...[...new Set(nodes.map((n) => n.patientId))].map((p) => ['Patient', p]),
    ]);

    const skipped = await server.gql(w.biller, 'query Skipped($p: Boolean!) { superbills(first: 4) { edges { node { id patient @include(if: $p) { id } } } } }', { p: false });
    expect(skipped.errors).toBeUndefined();
    expect((await reads(w.practiceId, 'Skipped')).filter((e) => e.entityType === 'Patient')).toEqual([]);

    const included = await server.gql(w.biller, 'query Included($p: Boolean!) { superbills(first: 4) { edges { node { id patient @include(if: $p) { id } } } } }', { p: true });
    expect(included.errors).toBeUndefined();
    // The page with its superbills, then the flush of the patients their resolver recorded.
    expect(included.extensions?.stats?.sqlStatements).toBe(2);
    const inc = await reads(w.practiceId, 'Included');
    expect(inc.filter((e) => e.entityType === 'Patient')).toHaveLength(2);
    expect(new Set(inc.map((e) => `${e.entityType}:${e.entityId}`)).size).toBe(inc.length);
  });

  it('two pages in one request: one folds (they run together and could not see each other), the other flushes, and nothing is written twice', async () => {
    const w = await world();
    const res = await server.gql(w.biller, 'query Two { a: superbills(first: 2) { edges { node { id patient { id } } } } b: superbills(first: 5) { edges { node { id patient { id } } } } }');
    expect(res.errors).toBeUndefined();
    const entries = await reads(w.practiceId, 'Two');
    const keys = entries.map((e) => `${e.entityType}:${e.entityId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(new Set([...nodesOf(res, 'a'), ...nodesOf(res, 'b')].flatMap((n) => [`Superbill:${n.id}`, `Patient:${n.patient!.id}`])));
  });

  it('the patient search: the PatientSearch entity first, then the patients returned, in one statement', async () => {
    const w = await world();
    const res = await server.gql(w.biller, 'query Search { patients(first: 1) { edges { node { id } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.stats?.sqlStatements).toBe(1);
    const ids = res.data!.patients.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toHaveLength(1);
    expect((await reads(w.practiceId, 'Search')).map((e) => [e.entityType, e.entityId, e.patientId])).toEqual([['PatientSearch', 'all', null], ['Patient', ids[0], ids[0]]]);
  });
});
