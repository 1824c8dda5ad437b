import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf } from '../../../server/src/db/client.js';
import { migrateBefore, openEmptyDatabase } from '../../helpers/migrate-to.js';

// The position migrations run on a database that already holds CAS adjustments, as a deploy would find it:
// they are numbered in the order they were stored (file order) within their claim or line.
let database: Database;
const query = async <T>(statement: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(statement));

beforeAll(async () => {
  database = await openEmptyDatabase();
  await migrateBefore(database, 'remittance_adjustment_position');
  const [practice] = await query<{ id: string }>(sql`insert into practices (name) values ('Positions') returning id`);
  const p = practice!.id;
  const [remittance] = await query<{ id: string }>(sql`
    insert into remittances (practice_id, status, idempotency_key, file_sha256, raw_x_12, posted_by)
    values (${p}, 'POSTED', 'k', 'sha', 'ISA', 'biller') returning id`);
  const claims = await query<{ id: string; claim_index: number }>(sql`
    insert into remittance_claims (practice_id, remittance_id, claim_index, outcome, unmatched_reason, patient_account_number, status_code, charge_cents, paid_cents)
    values (${p}, ${remittance!.id}, 0, 'UNMATCHED', 'NO_CLAIM', 'A0', '1', 100, 0), (${p}, ${remittance!.id}, 1, 'UNMATCHED', 'NO_CLAIM', 'A1', '1', 100, 0)
    returning id, claim_index`);
  const [c0, c1] = [...claims].sort((a, b) => a.claim_index - b.claim_index).map((c) => c.id);
  const [line] = await query<{ id: string }>(sql`
    insert into remittance_lines (practice_id, remittance_claim_id, line_number, procedure_qualifier, procedure_code, charge_cents, paid_cents, units)
    values (${p}, ${c0}, 1, 'HC', '99213', 100, 0, 1) returning id`);
  // Claim- and line-level rows interleaved, and a second claim, in the order the file had them.
  const rows = [
    [c0, null, '45'], [c0, line!.id, '1'], [c1, null, '97'], [c0, line!.id, '2'], [c0, null, '253'], [c0, line!.id, '3'], [c1, null, '16'],
  ] as const;
  for (const [claimId, lineId, reason] of rows) {
    await database.db.execute(sql`
      insert into remittance_adjustments (practice_id, remittance_claim_id, remittance_line_id, group_code, reason_code, amount_cents)
      values (${p}, ${claimId}, ${lineId}, 'CO', ${reason}, 10)`);
  }
  await migrateBefore(database, null);
});

afterAll(async () => {
  await database?.close();
});

describe('remittance adjustment positions for rows posted before the column', () => {
  it('numbers each claim-level and each line-level list from 0 in stored order, and the column is NOT NULL', async () => {
    const got = await query<{ claim_index: number; line: boolean; reason_code: string; position: number }>(sql`
      select c.claim_index, a.remittance_line_id is not null as line, a.reason_code, a.position
        from remittance_adjustments a join remittance_claims c on c.id = a.remittance_claim_id
       order by c.claim_index, a.remittance_line_id nulls first, a.position`);
    expect(got.map((r) => [r.claim_index, r.line, r.reason_code, r.position])).toEqual([
      [0, false, '45', 0], [0, false, '253', 1], [0, true, '1', 0], [0, true, '2', 1], [0, true, '3', 2], [1, false, '97', 0], [1, false, '16', 1],
    ]);
    const [column] = await query<{ is_nullable: string }>(sql`
      select is_nullable from information_schema.columns where table_name = 'remittance_adjustments' and column_name = 'position'`);
    expect(column!.is_nullable).toBe('NO');
  });
});
