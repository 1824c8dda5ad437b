import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf } from '../../../server/src/db/client.js';
import { auditBatches } from '../../../server/src/db/schema/audit.js';
import { insertAuditBatch } from '../../../server/src/modules/audit/audit.repo.js';
import { createPractice } from '../../factories/practice.factory.js';
import { openTestDatabase } from '../../helpers/test-db.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('audit batch insert', () => {
  it('stores every text exactly, whatever quotes, backslashes, commas, braces or NULL-like words it holds', async () => {
    const practiceId = await createPractice(database.db);
    const odd = ['a"b', 'c\\d', 'e,f', '{g}', 'NULL', 'null', ' h ', '', 'é\u00a0ü', '\\"'];
    const patient = '00000000-0000-4000-8000-0000000000aa';
    await insertAuditBatch(
      database.db,
      { practiceId, userId: 'u"1\\', roles: ['FRONT_DESK', 'x,y'], clientId: null, action: 'READ', operationName: 'Op{1}', requestId: 'req "1"' },
      odd.map((id, i) => ({ entityType: `T${i}"`, entityId: id, patientId: i % 2 === 0 ? patient : null })),
    );
    const [row] = await database.db.select().from(auditBatches).where(eq(auditBatches.practiceId, practiceId));
    expect(row).toMatchObject({ userId: 'u"1\\', roles: ['FRONT_DESK', 'x,y'], clientId: null, action: 'READ', operationName: 'Op{1}', requestId: 'req "1"' });
    expect(row!.entityIds).toEqual(odd);
    expect(row!.entityTypes).toEqual(odd.map((_, i) => `T${i}"`));
    // As JSON: drizzle's postgres.js array parsing reads a null uuid element back as "NULL".
    const [ids] = rowsOf<{ p: unknown }>(await database.db.execute(sql`select array_to_json(patient_ids) as p from audit_batches where practice_id = ${practiceId}`));
    const parsed = typeof ids!.p === 'string' ? JSON.parse(ids!.p) : ids!.p;
    expect(parsed).toEqual(odd.map((_, i) => (i % 2 === 0 ? patient : null)));
  });
});
