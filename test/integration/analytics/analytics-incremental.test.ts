import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/src/db/client.js';
import { refreshRollups } from '../../../server/src/modules/analytics/rollup.service.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { randomBilling } from './analytics-billing-data.js';
import { randomPractice } from './analytics-data.js';

const SEED = Number(process.env.ANALYTICS_SEED ?? Date.now() % 1_000_000);
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

let server: TestServer;
let db: Db;
let world: Awaited<ReturnType<typeof randomPractice>>;

/** Every rollup row of the practice, as sorted JSON texts per table (the whole state a full rebuild must reproduce). */
async function rollupState(practiceId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ['analytics_cells', 'analytics_distributions', 'analytics_finance_cells', 'analytics_finance_months', 'analytics_capacity_cells']) {
    const rows = rowsOf<{ j: string }>(await db.execute(sql`select (to_jsonb(t) - 'practice_id')::text as j from ${sql.raw(table)} t where practice_id = ${practiceId}`));
    out[table] = rows.map((r) => r.j).sort();
  }
  return out;
}

/** The rollups after an incremental refresh equal those of a full rebuild of the same data. */
async function expectSameAsFullRebuild(practiceId: string) {
  const incremental = await rollupState(practiceId);
  await refreshRollups(db, practiceId, new Date(), { full: true });
  const full = await rollupState(practiceId);
  for (const table of Object.keys(full)) expect(incremental[table], table).toEqual(full[table]);
  expect(full.analytics_cells!.length).toBeGreaterThan(0);
}

const dirtyMarks = async (practiceId: string) =>
  rowsOf<{ rollup: string; month: string | null }>(await db.execute(sql`select rollup, to_char(month, 'YYYY-MM-DD') as month from analytics_dirty_months where practice_id = ${practiceId}`));

/** Capacity months recomputed besides the current one (each refresh records today's third-next-available snapshot, a write in this month). */
const withoutToday = (months: readonly string[] | null) => (months ?? ['all']).filter((m) => m !== `${new Date().toISOString().slice(0, 7)}-01`);

beforeAll(async () => {
  server = await startTestServer();
  db = server.database.db;
  world = await randomPractice(db, SEED, { patients: 60, count: 500, start: '2026-01-01T05:00:00Z', stepMinutes: 400 });
  await randomBilling(db, SEED, world.practiceId);
  const first = await refreshRollups(db, world.practiceId);
  expect(first.recomputed).toEqual({ visits: null, finance: null, capacity: null });
}, 180_000);

describe(`incremental analytics refresh (seed ${SEED})`, () => {
  it('with nothing written since the last refresh, recomputes no month', async () => {
    await refreshRollups(db, world.practiceId);
    const again = await refreshRollups(db, world.practiceId);
    // The third-next-available snapshot of today is the only write a refresh makes itself.
    expect(again.recomputed.visits).toEqual([]);
    expect(again.recomputed.finance).toEqual([]);
    expect(withoutToday(again.recomputed.capacity)).toEqual([]);
    expect(await dirtyMarks(world.practiceId)).toEqual([]);
  });

  it('after an appointment changes in one month, recomputes only that month, and the rollups equal a full rebuild', async () => {
    // A booked (not completed) appointment in the middle of March: its change touches March alone.
    const [target] = rowsOf<{ id: string; status: string }>(
      await db.execute(sql`select id, status from appointments where practice_id = ${world.practiceId} and status in ('BOOKED', 'CONFIRMED', 'CANCELLED')
        and starts_at >= '2026-03-05' and starts_at < '2026-03-25' order by starts_at limit 1`),
    );
    expect(target).toBeDefined();
    await db.execute(sql`update appointments set status = 'NO_SHOW', version = version + 1 where id = ${target!.id}`);
    const done = await refreshRollups(db, world.practiceId);
    expect(done.recomputed.visits).toEqual(['2026-03-01']);
    expect(withoutToday(done.recomputed.capacity)).toEqual(['2026-03-01']);
    expect(done.recomputed.finance).toEqual([]);
    await expectSameAsFullRebuild(world.practiceId);
  });

  it('a completed visit moved to another month recomputes both months and the months of the patient’s later visits (new or established)', async () => {
    const [visit] = rowsOf<{ id: string; patient_id: string }>(
      await db.execute(sql`select id, patient_id from appointments where practice_id = ${world.practiceId} and status = 'COMPLETED'
        and starts_at >= '2026-02-05' and starts_at < '2026-02-25' order by starts_at limit 1`),
    );
    const later = rowsOf<{ month: string }>(
      await db.execute(sql`select distinct to_char(date_trunc('month', starts_at at time zone 'UTC'), 'YYYY-MM-DD') as month from appointments
        where practice_id = ${world.practiceId} and patient_id = ${visit!.patient_id} and status = 'COMPLETED' and starts_at > '2026-02-05'`),
    ).map((r) => r.month);
    await db.execute(sql`update appointments set starts_at = starts_at + interval '28 days', ends_at = ends_at + interval '28 days' where id = ${visit!.id}`);
    const done = await refreshRollups(db, world.practiceId);
    expect(done.recomputed.visits).toEqual(expect.arrayContaining(['2026-02-01', '2026-03-01', ...later]));
    await expectSameAsFullRebuild(world.practiceId);
  });

  it('a ledger entry recomputes the month of its date and the month it turns 90 days old, and nothing else', async () => {
    const [entry] = rowsOf<{ id: string; patient_id: string; superbill_id: string; dos: string }>(
      await db.execute(sql`select e.id, e.patient_id, e.superbill_id, to_char(s.date_of_service, 'YYYY-MM-DD') as dos from ledger_entries e join superbills s on s.id = e.superbill_id
        where e.practice_id = ${world.practiceId} and e.kind = 'CHARGE' and s.date_of_service between '2026-01-10' and '2026-01-20' limit 1`),
    );
    expect(entry).toBeDefined();
    await db.execute(sql`insert into ledger_entries (practice_id, kind, patient_id, superbill_id, bucket, amount_cents, effective_date, created_by)
      values (${world.practiceId}, 'PATIENT_PAYMENT', ${entry!.patient_id}, ${entry!.superbill_id}, 'PATIENT', -1234, '2026-02-14', 'test')`);
    const done = await refreshRollups(db, world.practiceId);
    // Paid on 14 February; the date of service + 91 days falls in April.
    const aged = new Date(Date.parse(`${entry!.dos}T00:00:00Z`) + 91 * 86_400_000).toISOString().slice(0, 8);
    expect(done.recomputed.finance).toEqual([...new Set(['2026-02-01', `${aged}01`])].sort());
    expect(done.recomputed.visits).toEqual([]);
    await expectSameAsFullRebuild(world.practiceId);
  });

  it('each finance month recomputed alone equals a full rebuild: entries of a visit, of a claim only, of no visit, and reversals', async () => {
    const [claim] = rowsOf<{ id: string; patient_id: string }>(
      await db.execute(sql`select id, patient_id from claims where practice_id = ${world.practiceId} and date_of_service between '2026-02-01' and '2026-02-20' order by date_of_service limit 1`),
    );
    expect(claim).toBeDefined();
    // A claim's entry without its superbill ages from the claim's visit; an entry of no visit from its own date (here into April, as does its reversal).
    await db.execute(sql`insert into ledger_entries (practice_id, kind, patient_id, claim_id, bucket, amount_cents, effective_date, created_by)
      values (${world.practiceId}, 'INSURANCE_PAYMENT', ${claim!.patient_id}, ${claim!.id}, 'INSURANCE', -800, '2026-02-25', 'test')`);
    const [loose] = rowsOf<{ id: string }>(
      await db.execute(sql`insert into ledger_entries (practice_id, kind, patient_id, bucket, amount_cents, effective_date, created_by)
        values (${world.practiceId}, 'PATIENT_PAYMENT', ${claim!.patient_id}, 'PATIENT', -700, '2026-01-20', 'test') returning id`),
    );
    await db.execute(sql`insert into ledger_entries (practice_id, kind, patient_id, bucket, amount_cents, effective_date, created_by, reverses_id, reason)
      values (${world.practiceId}, 'REVERSAL', ${claim!.patient_id}, 'PATIENT', 700, '2026-03-03', 'test', ${loose!.id}, 'test correction')`);
    await refreshRollups(db, world.practiceId, new Date(), { full: true });
    const months = rowsOf<{ month: string }>(
      await db.execute(sql`select distinct to_char(month, 'YYYY-MM-DD') as month from analytics_finance_months where practice_id = ${world.practiceId} order by 1`),
    ).map((r) => r.month);
    expect(months).toEqual(expect.arrayContaining(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01']));
    // A month recomputed from what it reads when only it is marked: a ledger entry it missed (or one it counted twice) leaves it unlike the full rebuild.
    for (const month of months) {
      await db.execute(sql`insert into analytics_dirty_months (practice_id, rollup, month) values (${world.practiceId}, 'finance', ${month}::date)`);
      const done = await refreshRollups(db, world.practiceId);
      expect(done.recomputed.finance).toEqual([month]);
    }
    await expectSameAsFullRebuild(world.practiceId);
  });

  it('a write committed after the refresh read the marks is not lost: its month stays marked and the next refresh recomputes it', async () => {
    const [target] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from appointments where practice_id = ${world.practiceId} and status in ('BOOKED', 'CONFIRMED', 'CANCELLED')
        and starts_at >= '2026-04-05' and starts_at < '2026-04-25' order by starts_at limit 1`),
    );
    const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
    const write = sql`update appointments set status = 'NO_SHOW' where id = ${target!.id}`;
    const done = await refreshRollups(db, world.practiceId, new Date(), {
      // On PostgreSQL the write commits on another connection while the refresh runs; PGlite has one connection, so
      // the write runs in the refresh's own transaction after the read — either way the refresh never saw its mark.
      afterMarksRead: async (tx) => void (engine === 'postgres' ? await db.execute(write) : await tx.execute(write)),
    });
    expect(done.recomputed.visits).toEqual([]);
    expect((await dirtyMarks(world.practiceId)).filter((m) => m.rollup === 'visits')).toEqual([{ rollup: 'visits', month: '2026-04-01' }]);
    const next = await refreshRollups(db, world.practiceId);
    expect(next.recomputed.visits).toEqual(['2026-04-01']);
    await expectSameAsFullRebuild(world.practiceId);
  });

  it('working hours recompute the capacity months they cover', async () => {
    const [rule] = rowsOf<{ id: string }>(await db.execute(sql`select id from availability_rules where practice_id = ${world.practiceId} limit 1`));
    if (rule) {
      await db.execute(sql`update availability_rules set effective_from = '2026-05-01', effective_to = '2026-06-30' where id = ${rule.id}`);
    } else {
      await db.execute(sql`insert into availability_exceptions (practice_id, provider_id, location_id, kind, starts_at, ends_at, reason)
        values (${world.practiceId}, ${world.providers[0]!.id}, ${world.locations[0]!.id}, 'EXTRA_HOURS', '2026-05-12T13:00:00Z', '2026-05-12T17:00:00Z', 'test')`);
    }
    const done = await refreshRollups(db, world.practiceId);
    expect(done.recomputed.visits).toEqual([]);
    expect(done.recomputed.capacity).toContain('2026-05-01');
    await expectSameAsFullRebuild(world.practiceId);
  });
});
