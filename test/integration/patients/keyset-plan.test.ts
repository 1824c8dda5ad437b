import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf } from '../../../server/src/db/client.js';
import { patients } from '../../../server/src/db/schema/patients.js';
import { patientPageQuery, searchPatients } from '../../../server/src/modules/patients/patient.repo.js';
import { createPractice } from '../../factories/practice.factory.js';
import { openTestDatabase } from '../../helpers/test-db.js';

// A practice large enough that a keyset condition PostgreSQL cannot use as an index range shows up as
// thousands of rows filtered on the last page.
const N = 4000;
const PAGE = 50;

let database: Database;
let practiceId: string;

interface PlanNode {
  'Node Type': string;
  'Index Cond'?: string;
  'Rows Removed by Filter'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function planOf(query: ReturnType<typeof patientPageQuery>): Promise<PlanNode[]> {
  const [row] = rowsOf<{ 'QUERY PLAN': unknown }>(await database.db.execute(sql`explain (analyze, format json) ${query}`));
  const raw = row!['QUERY PLAN'];
  const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return nodes(doc[0]!.Plan);
}

beforeAll(async () => {
  database = await openTestDatabase();
  practiceId = await createPractice(database.db);
  const rows = Array.from({ length: N }, (_, i) => ({
    practiceId,
    mrn: `K${String(i).padStart(7, '0')}`,
    givenName: `Given${i % 7}`,
    familyName: `Family${String(i).padStart(5, '0')}`,
    dateOfBirth: '1970-01-01',
    sexAtBirth: 'FEMALE',
    consents: { sms: false, email: false, voicemail: false, portal: false },
  }));
  for (let i = 0; i < rows.length; i += 1000) await database.db.insert(patients).values(rows.slice(i, i + 1000));
  await database.db.execute(sql`analyze patients`);
});

afterAll(async () => {
  await database?.close();
});

describe('patients pages are keyset ranges on the (family, given, id) index', () => {
  it('the last page reads what the first page reads: an index range, no filtered skipped rows', async () => {
    const all = await searchPatients(database.db, practiceId, {}, N, null, true);
    const last = all[N - PAGE - 1]!.key;
    for (const [cursor, forward] of [
      [null, true],
      [last, true],
      [all[PAGE]!.key, false],
    ] as const) {
      const plan = await planOf(patientPageQuery(database.db, practiceId, {}, PAGE, cursor, forward));
      const scan = plan.find((n) => n['Node Type'] === 'Index Scan');
      expect(scan, JSON.stringify(plan)).toBeDefined();
      expect(plan.some((n) => n['Node Type'] === 'Sort')).toBe(false);
      if (cursor) expect(scan!['Index Cond']).toMatch(/ROW\(family_name, given_name, id\) [<>]/);
      const filtered = plan.reduce((sum, n) => sum + (n['Rows Removed by Filter'] ?? 0), 0);
      expect(filtered).toBeLessThanOrEqual(PAGE);
    }
  });

  it('pages forward and backward give the same rows in the same order as one full read', async () => {
    const all = (await searchPatients(database.db, practiceId, {}, N, null, true)).map((r) => r.row.id);
    const forward: string[] = [];
    let cursor: unknown[] | null = null;
    for (;;) {
      const rows = await searchPatients(database.db, practiceId, {}, 500, cursor, true);
      forward.push(...rows.slice(0, 500).map((r) => r.row.id));
      if (rows.length <= 500) break;
      cursor = rows[499]!.key;
    }
    expect(forward).toEqual(all);
    // last: 3 before the 11th row: rows 8–10 (the extra fourth row tells that more exist).
    const before = await searchPatients(database.db, practiceId, {}, 3, [`Family${String(10).padStart(5, '0')}`, 'Given3', all[10]], false);
    expect(before.map((r) => r.row.id).reverse()).toEqual(all.slice(6, 10));
  });
});
