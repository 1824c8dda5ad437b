import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf } from '../../../server/src/db/client.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { verifyAuditTrail } from '../../../server/src/modules/audit/audit-chain.service.js';
import { AuditTrail } from '../../../server/src/modules/audit/audit-trail.js';
import { recomputeChain } from '../../helpers/audit-chain.js';
import { migrateBefore, openEmptyDatabase } from '../../helpers/migrate-to.js';

// The chain migration run on a database that already holds batches, as a deploy would find it.
let database: Database;
const practices: string[] = [];

const query = async <T>(statement: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(statement));
const verify = (practiceId: string) => {
  const principal = { userId: 'migration-check', practiceId, roles: [Role.PRACTICE_ADMIN] };
  return verifyAuditTrail(database.db, principal, new AuditTrail(principal, 'req-verify', null), null, null);
};

beforeAll(async () => {
  database = await openEmptyDatabase();
  await migrateBefore(database, 'audit_chain');
  for (const name of ['Chain A', 'Chain B']) {
    practices.push((await query<{ id: string }>(sql`insert into practices (name) values (${name}) returning id`))[0]!.id);
  }
  const [a, b] = practices;
  // Interleaved practices, values that need JSON quoting, and instants with microseconds.
  await database.db.execute(sql`
    insert into audit_batches (practice_id, at, user_id, roles, action, operation_name, request_id, entity_types, entity_ids, patient_ids) values
      (${a}, '2026-03-01T10:00:00.000001Z', 'desk-1', '{FRONT_DESK}', 'READ', 'Day', 'req-1', '{Appointment,Patient}', '{x1,x2}', '{5a0d3a4e-0000-4000-8000-000000000001,NULL}'),
      (${b}, '2026-03-01T10:00:00.5Z', 'admin-"1" \\ é', '{PRACTICE_ADMIN,BILLER}', 'UPDATE', null, 'req-2', '{Location}', '{"loc, \\"q\\""}', '{NULL}'),
      (${a}, '2026-03-02T11:30:00Z', E'line\\nbreak', '{FRONT_DESK}', 'CREATE', 'Register', 'req-3', '{Patient}', '{p3}', '{5a0d3a4e-0000-4000-8000-000000000003}'),
      (${b}, '2026-03-03T00:00:00Z', 'desk-2', '{}', 'READ', 'List', 'req-4', '{Patient}', '{p4}', '{NULL}'),
      (${a}, '2026-03-04T09:15:00.123456Z', 'desk-1', '{FRONT_DESK}', 'READ', 'GetPatient', 'req-5', '{Patient}', '{p5}', '{NULL}')`);
});

afterAll(async () => {
  await database?.close();
});

describe('audit chain migration', () => {
  it('chains the existing batches of each practice in id order, verifiably', async () => {
    await migrateBefore(database, null);
    for (const [practiceId, count] of [
      [practices[0]!, 3],
      [practices[1]!, 2],
    ] as const) {
      const chain = await recomputeChain(database.db, practiceId);
      expect(chain.map((l) => l.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(chain.map((l) => l.batchId)).toEqual([...chain.map((l) => l.batchId)].sort((x, y) => x - y));
      for (const link of chain) expect(link.stored, `link ${link.seq}`).toBe(link.recomputed);
      expect(await verify(practiceId)).toMatchObject({ intact: true, checkedLinks: count, firstSeq: 1, lastSeq: count });
    }
  });

  it('batches recorded after the migration continue each chain', async () => {
    const [a] = practices;
    await database.db.execute(sql`insert into audit_batches (practice_id, user_id, roles, action, request_id, entity_types, entity_ids, patient_ids)
      values (${a}, 'desk-9', '{FRONT_DESK}', 'READ', 'req-6', '{Patient}', '{p6}', '{NULL}')`);
    const [head] = await query<{ seq: string }>(sql`select seq from audit_chain_heads where practice_id = ${a}`);
    expect(Number(head!.seq)).toBe(4);
    expect(await verify(a!)).toMatchObject({ intact: true, checkedLinks: 4 });
  });
});
