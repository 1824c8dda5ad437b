import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../server/src/db/client.js';
import { queryStatsStorage } from '../../../server/src/db/query-stats.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { AuditBatchWriter } from '../../../server/src/modules/audit/audit-batch-writer.js';
import type { AuditBatchRow } from '../../../server/src/modules/audit/audit.repo.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { recomputeChain } from '../../helpers/audit-chain.js';
import { GET_PATIENT } from '../../helpers/patient-ops.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
const db = () => server.database.db;

const row = (practiceId: string, requestId: string, entityId = requestId): AuditBatchRow => ({
  common: { practiceId, userId: 'writer-test', roles: ['FRONT_DESK'], clientId: null, action: 'READ', operationName: 'GroupCommit', requestId },
  entities: [{ entityType: 'Provider', entityId, patientId: null }],
});

/** The practice's batches in insert order with the transaction that wrote each. */
async function batches(practiceId: string) {
  return rowsOf<{ request_id: string; tx: string }>(
    await db().execute(sql`select request_id, xmin::text as tx from audit_batches where practice_id = ${practiceId} order by id`),
  );
}

/** Sizes of consecutive runs of rows written by the same transaction. */
function groupSizes(rows: { tx: string }[]): number[] {
  const sizes: number[] = [];
  rows.forEach((r, i) => {
    if (i > 0 && rows[i - 1]!.tx === r.tx) sizes[sizes.length - 1]! += 1;
    else sizes.push(1);
  });
  return sizes;
}

describe('audit group commit (AuditBatchWriter)', () => {
  it('writes at once when idle; what arrives while an insert is in flight goes in ONE next statement, in order', async () => {
    const practiceId = await createPractice(db());
    const writer = new AuditBatchWriter(db());
    const ids = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    await Promise.all(ids.map((id) => writer.append(row(practiceId, id))));
    const rows = await batches(practiceId);
    expect(rows.map((r) => r.request_id)).toEqual(ids);
    expect(groupSizes(rows)).toEqual([1, 5]);
    // Grouped rows are linked into the chain one by one, in insert order, with valid hashes.
    const chain = await recomputeChain(db(), practiceId);
    expect(chain.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const link of chain) expect(link.stored).toBe(link.recomputed);
  });

  it('never puts more than maxRows rows in one statement', async () => {
    const practiceId = await createPractice(db());
    const writer = new AuditBatchWriter(db(), 2);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => writer.append(row(practiceId, id))));
    expect(groupSizes(await batches(practiceId))).toEqual([1, 2, 2]);
  });

  it('resolves only after the row is stored; a row the database refuses fails alone, its group still lands', async () => {
    const practiceId = await createPractice(db());
    const writer = new AuditBatchWriter(db());
    const bad = row('not-a-uuid', 'bad');
    const outcomes = await Promise.allSettled([row(practiceId, 'first'), row(practiceId, 'ok-1'), bad, row(practiceId, 'ok-2')].map((r) => writer.append(r)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await batches(practiceId)).map((r) => r.request_id)).toEqual(['first', 'ok-1', 'ok-2']);
    // The writer is not stuck after a failure.
    await writer.append(row(practiceId, 'after'));
    expect((await batches(practiceId)).map((r) => r.request_id)).toContain('after');
  });

  it('counts one statement for each request it writes for, and none for the request that started the insert', async () => {
    const practiceId = await createPractice(db());
    const writer = new AuditBatchWriter(db());
    const stats = [0, 1, 2].map((i) => ({ statements: 0, requestId: `s${i}` }));
    await Promise.all(stats.map((s) => queryStatsStorage.run(s, () => writer.append(row(practiceId, s.requestId)))));
    expect(stats.map((s) => s.statements)).toEqual([1, 1, 1]);
  });

  it('concurrent reads through the API: each request recorded exactly once, and the trail verifies', async () => {
    const practiceId = await createPractice(db());
    const token = await server.token(practiceId, [Role.FRONT_DESK], 'desk-group');
    const patients = await Promise.all(Array.from({ length: 10 }, () => insertPatient(db(), practiceId)));
    const results = await Promise.all(patients.map((p) => server.gql(token, GET_PATIENT, { id: p.id })));
    for (const r of results) expect(r.errors).toBeUndefined();
    const reads = rowsOf<{ entity_id: string; n: number }>(
      await db().execute(sql`select e.entity_id, count(*)::int as n from audit_batches b, unnest(b.entity_ids) e(entity_id)
          where b.practice_id = ${practiceId} and b.action = 'READ' group by 1`),
    );
    expect(new Map(reads.map((r) => [r.entity_id, r.n]))).toEqual(new Map(patients.map((p) => [p.id, 1])));
    const chain = await recomputeChain(db(), practiceId);
    expect(chain.length).toBe((await batches(practiceId)).length);
    for (const link of chain) expect(link.stored).toBe(link.recomputed);
  });
});
