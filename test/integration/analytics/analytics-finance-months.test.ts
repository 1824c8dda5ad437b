import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/src/db/client.js';
import { refreshRollups } from '../../../server/src/modules/analytics/rollup.service.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { randomBilling } from './analytics-billing-data.js';
import { randomPractice } from './analytics-data.js';
import { directFinanceMonths } from './direct-finance.js';

const SEED = Number(process.env.ANALYTICS_SEED ?? Date.now() % 1_000_000);
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
const SUMS = [
  'entries', 'charges_cents', 'insurance_payments_cents', 'patient_payments_cents', 'refunds_cents', 'contractual_cents', 'patient_responsibility_cents',
  'other_adjustment_cents', 'write_off_cents', 'ar_change_cents', 'ar_over90_change_cents', 'claims_submitted', 'claims_answered', 'claims_clean',
  'claims_adjudicated', 'claims_denied', 'claims_paid', 'days_to_payment', 'denied_with_reason',
] as const;
const POPULATIONS = ['ledger', 'submitted', 'adjudicated'] as const;
const SAMPLE_LIMIT = 50;

let server: TestServer;
let db: Db;
let practiceId: string;

/** The practice's pre-summed finance months, keyed month|provider|location|payer. */
async function monthCells(): Promise<Map<string, Record<string, unknown>>> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select to_char(month, 'YYYY-MM-DD') as month, provider_id, location_id, payer_id, ${sql.raw(SUMS.map((c) => `${c}::bigint::text as ${c}`).join(', '))},
      ${sql.raw(POPULATIONS.map((p) => `${p}_patients, array_to_string(${p}_sample, ',') as ${p}_sample`).join(', '))}
      from analytics_finance_months where practice_id = ${practiceId}`),
  );
  return new Map(rows.map((r) => [[r.month, r.provider_id, r.location_id, r.payer_id].join('|'), r]));
}

/** Every pre-summed month cell equals its row-level definition: the sums and the exact distinct patients (listed while at most 50). */
async function expectMonthsMatchRawTables() {
  const direct = await directFinanceMonths(db, practiceId);
  const cells = await monthCells();
  expect([...cells.keys()].sort()).toEqual([...direct.keys()].sort());
  for (const [key, want] of direct) {
    const got = cells.get(key)!;
    for (const column of SUMS) expect(Number(got[column]), `${key} ${column}`).toBe(want.sums[column] ?? 0);
    for (const pop of POPULATIONS) {
      const patients = want.patients[pop];
      expect(Number(got[`${pop}_patients`]), `${key} ${pop} patients`).toBe(patients.size);
      // array_agg over no row is null: an empty population lists nobody.
      const sample = patients.size > 0 && patients.size <= SAMPLE_LIMIT ? [...patients].sort() : null;
      expect(got[`${pop}_sample`] === null ? null : String(got[`${pop}_sample`]).split(',').filter(Boolean).sort(), `${key} ${pop} sample`).toEqual(sample);
    }
  }
  expect(cells.size).toBeGreaterThan(0);
}

beforeAll(async () => {
  server = await startTestServer();
  db = server.database.db;
  const world = await randomPractice(db, SEED, { patients: 70, count: 600, start: '2026-01-01T05:00:00Z', stepMinutes: 330 });
  practiceId = world.practiceId;
  await randomBilling(db, SEED, practiceId);
  await refreshRollups(db, practiceId);
}, 300_000);

describe(`pre-summed finance months (seed ${SEED})`, () => {
  it('every cell equals the raw ledger, claims and remittances summed by month, provider, location and payer, with exact distinct patients', async () => {
    await expectMonthsMatchRawTables();
  });

  it('each cell holds the sums of the finance cells of its month (all weeks, adjustment groups and reasons)', async () => {
    const summed = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select to_char(month, 'YYYY-MM-DD') as month, provider_id, location_id, payer_id, ${sql.raw(SUMS.map((c) => `sum(${c})::bigint::text as ${c}`).join(', '))}
        from analytics_finance_cells where practice_id = ${practiceId} group by 1, 2, 3, 4`),
    );
    const cells = await monthCells();
    expect(summed.length).toBe(cells.size);
    for (const r of summed) {
      const got = cells.get([r.month, r.provider_id, r.location_id, r.payer_id].join('|'));
      expect(got).toBeDefined();
      for (const column of SUMS) expect(got![column], column).toBe(r[column]);
    }
  });

  it('after a payment in one month, the incremental refresh rewrites only that month’s and its 90-day month’s cells and they still equal the raw tables', async () => {
    const [entry] = rowsOf<{ patient_id: string; superbill_id: string; dos: string }>(
      await db.execute(sql`select e.patient_id, e.superbill_id, to_char(s.date_of_service, 'YYYY-MM-DD') as dos from ledger_entries e join superbills s on s.id = e.superbill_id
        where e.practice_id = ${practiceId} and e.kind = 'CHARGE' and s.date_of_service between '2026-01-05' and '2026-01-25' order by s.date_of_service limit 1`),
    );
    expect(entry).toBeDefined();
    const aged = `${new Date(Date.parse(`${entry!.dos}T00:00:00Z`) + 91 * 86_400_000).toISOString().slice(0, 8)}01`;
    const touched = new Set(['2026-02-01', aged]);
    // xmin changes only when a row is written: the cells of the months not marked must keep theirs.
    const versions = async (table: string) =>
      new Map(rowsOf<{ month: string; xmin: string }>(await db.execute(sql`select to_char(month, 'YYYY-MM-DD') as month, xmin::text as xmin from ${sql.raw(table)} where practice_id = ${practiceId}`)).map((r) => [`${r.month}|${r.xmin}`, r.month]));
    const before = { months: await versions('analytics_finance_months'), cells: await versions('analytics_finance_cells') };
    await db.execute(sql`insert into ledger_entries (practice_id, kind, patient_id, superbill_id, bucket, amount_cents, effective_date, created_by)
      values (${practiceId}, 'PATIENT_PAYMENT', ${entry!.patient_id}, ${entry!.superbill_id}, 'PATIENT', -2500, '2026-02-11', 'test')`);
    const done = await refreshRollups(db, practiceId);
    expect(done.recomputed.finance).toEqual([...touched].sort());
    for (const [table, old] of Object.entries(before)) {
      const now = await versions(`analytics_finance_${table}`);
      const kept = [...old.keys()].filter((k) => now.has(k));
      const rewritten = [...now.keys()].filter((k) => !old.has(k));
      expect(new Set(kept.map((k) => old.get(k))), `${table} kept`).toEqual(new Set([...old.values()].filter((m) => !touched.has(m))));
      expect(new Set(rewritten.map((k) => now.get(k))), `${table} rewritten`).toEqual(touched);
    }
    await expectMonthsMatchRawTables();
  });
});
