/**
 * Analytics benchmark on PostgreSQL: the bench practice with ~1M appointments (3 years, 20 providers) and a
 * year of billing (a superbill, charge, claim and remittance per completed visit, payments and adjustments),
 * then (1) the full rollup rebuild, twice, and (2) every metric for 12 months grouped by PROVIDER and MONTH,
 * p50/p90 of RUNS answers each, through the same service the GraphQL field calls (audit write included).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/analytics-bench.ts
 *
 * The dataset is built once (database medoffice_bench_analytics) and reused (migrated). ANALYTICS_BENCH_FULL=0 skips the full rebuild,
 * ANALYTICS_BENCH_INCREMENTAL=0 the incremental refresh runs;
 * ANALYTICS_BENCH_SUFFIX names the results file: bench/results/<date>-analytics<suffix>.md.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { sql as sqlTag } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { type Db, openPostgres } from '../server/src/db/client.js';
import { runMigrations } from '../server/src/db/migrate.js';
import { Role } from '../server/src/graphql/roles.js';
import { rebuildArItems } from '../server/src/modules/accounts/ar-items-rebuild.repo.js';
import { AuditTrail } from '../server/src/modules/audit/audit-trail.js';
import { answerMetric } from '../server/src/modules/analytics/analytics.service.js';
import { METRICS } from '../server/src/modules/analytics/metric.registry.js';
import { refreshRollups } from '../server/src/modules/analytics/rollup.service.js';
import { describe, ensureDataset, FULL, PRACTICE_ID, withoutAnalyticsMarks } from './dataset.js';

const RUNS = Number(process.env.ANALYTICS_BENCH_RUNS ?? 11);
const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (m: string) => process.stdout.write(`${m}\n`);
// ANALYTICS_BENCH_DB builds and reads the dataset under another name (so a concurrent run of someone else's cannot drop it).
const spec = { ...FULL, name: process.env.ANALYTICS_BENCH_DB ?? 'medoffice_bench_analytics' };

/** A year of billing on the completed visits before the dataset's "now", set-based, once. */
async function ensureBilling(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = (await sql`select count(*)::int as n from ledger_entries where practice_id = ${PRACTICE_ID}`) as unknown as [{ n: number }];
    if (n > 0) return n;
    const t0 = Date.now();
    const P = PRACTICE_ID;
    // Bulk load without the analytics dirty marks (the run's first refresh of the practice rebuilds every month)
    // and without the A/R items' statement-level triggers (through them the one ledger insert ran > 52 min: each
    // statement's pass over the whole set); the items are rebuilt set-based after, in the same transaction.
    // Both are disabled inside the load's transaction (ALTER TABLE is transactional), so a killed load leaves them enabled.
    await sql`begin`;
    for (const [table, trigger] of AR_ITEMS_LOAD_TRIGGERS) await sql.unsafe(`alter table ${table} disable trigger ${trigger}`);
    await withoutAnalyticsMarks(sql, async () => {
      await sql`insert into payers (id, practice_id, name, edi_payer_id, payer_type)
        select md5('bench-payer-' || i)::uuid, ${P}, 'Bench Payer ' || i, 'BP' || i, 'COMMERCIAL' from generate_series(0, 3) i`;
      await sql`insert into coverages (practice_id, patient_id, payer_id, member_id, subscriber_relationship, coverage_order, effective_date)
        select ${P}, p.id, md5('bench-payer-' || (abs(hashtext(p.id::text)) % 4))::uuid, 'BM' || lpad(abs(hashtext(p.id::text))::text, 9, '0'), 'SELF', 'PRIMARY', '2024-01-01'
          from patients p where p.practice_id = ${P}`;
      log('  superbills');
      await sql`insert into superbills (practice_id, status, appointment_id, patient_id, rendering_provider_id, location_id, payer_id, billing_provider, date_of_service,
          place_of_service_code, total_charge_cents, created_by, finalized_at, finalized_by)
        select a.practice_id, 'FINALIZED', a.id, a.patient_id, a.provider_id, a.location_id, c.payer_id,
               '{"name":"Bench Medical Group","tin":"990000001","npi":"1234567893","address":null}'::jsonb,
               (a.starts_at at time zone 'America/New_York')::date, '11', 15500, 'bench', a.starts_at, 'bench'
          from appointments a join coverages c on c.patient_id = a.patient_id
         where a.practice_id = ${P} and a.status = 'COMPLETED' and a.starts_at < now() and a.starts_at >= now() - interval '365 days'`;
      log('  claims');
      await sql`insert into claims (practice_id, number, patient_account_number, superbill_id, patient_id, payer_id, coverage_id, location_id, status, date_of_service,
          total_charge_cents, snapshot, created_by, submitted_at)
        select s.practice_id, 5000000 + s.number, 'B' || s.number, s.id, s.patient_id, s.payer_id, c.id, s.location_id,
               case when s.number % 10 = 0 then 'DENIED' else 'PAID' end, s.date_of_service, 15500, '{}'::jsonb, 'bench', s.date_of_service + interval '2 days'
          from superbills s join coverages c on c.patient_id = s.patient_id where s.practice_id = ${P}`;
      await sql`insert into claim_status_history (practice_id, claim_id, from_status, to_status, revision, source, changed_by, changed_at)
        select c.practice_id, c.id, h.f, h.t, 1, 'SYSTEM', 'bench', c.date_of_service + h.at
          from claims c cross join (values (null, 'READY', interval '1 day'), ('READY', 'SUBMITTED', interval '2 days'), ('SUBMITTED', 'ACCEPTED', interval '3 days')) h(f, t, at)
         where c.practice_id = ${P}`;
      log('  remittances');
      await sql`insert into remittances (id, practice_id, status, idempotency_key, file_sha256, trace_number, trace_payer_id, raw_x_12, posted_by, payment_date)
        select md5('bench-era-' || w)::uuid, ${P}, 'POSTED', 'bench-era-' || w, md5('bench-era-' || w), 'T' || w, 'BENCH', 'x', 'bench', date '2025-11-01' + w * 7
          from generate_series(0, 60) w`;
      await sql`insert into remittance_claims (id, practice_id, remittance_id, claim_index, claim_id, patient_id, payer_id, outcome, patient_account_number, status_code, charge_cents, paid_cents)
        select md5('bench-rc-' || c.id)::uuid, c.practice_id, md5('bench-era-' || ((c.date_of_service + 20 - date '2025-11-01') / 7))::uuid,
               row_number() over (partition by (c.date_of_service + 20 - date '2025-11-01') / 7), c.id, c.patient_id, c.payer_id, 'POSTED', c.patient_account_number,
               case when c.status = 'DENIED' then '4' else '1' end, 15500, case when c.status = 'DENIED' then 0 else 9000 end
          from claims c where c.practice_id = ${P}`;
      await sql`insert into remittance_adjustments (practice_id, remittance_claim_id, position, group_code, reason_code, amount_cents)
        select rc.practice_id, rc.id, 0, 'CO', case when rc.charge_cents % 3 = 0 then '50' else '197' end, 15500 from remittance_claims rc where rc.practice_id = ${P} and rc.status_code = '4'`;
      log('  ledger');
      await sql`insert into ledger_entries (practice_id, kind, patient_id, claim_id, superbill_id, payer_id, bucket, counter_bucket, amount_cents, group_code, reason_code, effective_date, created_by, remittance_id)
        select s.practice_id, e.kind, s.patient_id, c.id, s.id, s.payer_id, e.bucket, e.counter, e.amount, e.grp, e.rsn, s.date_of_service + e.days, 'bench',
               case when e.kind in ('INSURANCE_PAYMENT', 'CONTRACTUAL_ADJUSTMENT', 'PATIENT_RESPONSIBILITY') then md5('bench-era-' || ((s.date_of_service + 20 - date '2025-11-01') / 7))::uuid end
          from superbills s join claims c on c.superbill_id = s.id
          cross join (values ('CHARGE', 'INSURANCE', null, 15500, null, null, 0), ('INSURANCE_PAYMENT', 'INSURANCE', null, -9000, null, null, 20),
                             ('CONTRACTUAL_ADJUSTMENT', 'INSURANCE', null, -4500, 'CO', '45', 20), ('PATIENT_RESPONSIBILITY', 'PATIENT', 'INSURANCE', 2000, 'PR', '2', 20),
                             ('PATIENT_PAYMENT', 'PATIENT', null, -2000, null, null, 35)) e(kind, bucket, counter, amount, grp, rsn, days)
         where s.practice_id = ${P} and (c.status = 'PAID' or e.kind = 'CHARGE')`;
    });
    for (const [table, trigger] of AR_ITEMS_LOAD_TRIGGERS) await sql.unsafe(`alter table ${table} enable trigger ${trigger}`);
    log('  ar_items (set-based rebuild)');
    // The same connection (max 1), so the rebuild is part of the load's transaction.
    await rebuildArItems(drizzle(sql) as unknown as Db, P);
    await sql`commit`;
    // Autovacuum is off on the bench machine: without statistics the planner takes the loaded tables for empty.
    for (const t of ['payers', 'coverages', 'superbills', 'claims', 'claim_status_history', 'remittances', 'remittance_claims', 'remittance_adjustments', 'ledger_entries', 'ar_items']) {
      await sql.unsafe(`analyze ${t}`);
    }
    const [{ m }] = (await sql`select count(*)::int as m from ledger_entries where practice_id = ${P}`) as unknown as [{ m: number }];
    log(`  billing generated in ${Math.round((Date.now() - t0) / 1000)} s`);
    return m;
  } finally {
    await sql.end();
  }
}

/** Off during the billing load (insert-only): the A/R items' insert triggers; `rebuildArItems` fills the items after. */
const AR_ITEMS_LOAD_TRIGGERS = [['ledger_entries', 'ledger_entries_ar_items'], ['claims', 'claims_ar_items_inserted']] as const;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)]!;

/** The dataset when it was built before (bench_meta present), else built now. */
async function dataset() {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${spec.name}`).length > 0;
  await admin.end();
  if (!exists) return ensureDataset(baseUrl, spec, log);
  const url = new URL(baseUrl);
  url.pathname = `/${spec.name}`;
  const probe = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const built = (await probe`select 1 from bench_meta`.catch(() => [])).length > 0;
  await probe.end();
  // ensureDataset compares the stored spec (jsonb, keys reordered) with JSON.stringify and would rebuild every time.
  if (!built) return ensureDataset(baseUrl, spec, log);
  // A dataset built before a schema change is brought up to date rather than rebuilt.
  // ANALYTICS_BENCH_MIGRATE=0 reads a dataset as it stands (one migrated by a branch whose migrations main renumbered at merge).
  if (process.env.ANALYTICS_BENCH_MIGRATE !== '0') {
    const migrating = openPostgres(url.toString(), 1);
    await runMigrations(migrating);
    await migrating.close();
  }
  return describe(url.toString(), spec);
}

const ds = await dataset();
const entries = await ensureBilling(ds.url);
const database = openPostgres(ds.url, 4);
const lines: string[] = [];
const out = (m: string) => {
  log(m);
  lines.push(m);
};
try {
  const { db } = database;
  out(`# Analytics benchmark, ${new Date().toISOString().slice(0, 10)} (PostgreSQL, machine shared and loaded: see load average)`);
  out(`\nDataset: ${ds.appointments.toLocaleString('en-US')} appointments (${spec.providers} providers, ${spec.locations} locations, ${spec.days} days), ${entries.toLocaleString('en-US')} ledger entries. Load average at start: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}.`);
  const loadavg = async () => (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ');
  if (process.env.ANALYTICS_BENCH_FULL !== '0') {
    out('\n## Full rollup rebuild (visits, finance and capacity, one transaction)\n');
    const t = performance.now();
    const done = await refreshRollups(db, PRACTICE_ID, new Date(), { full: true });
    out(`- ${((performance.now() - t) / 1000).toFixed(1)} s, ${done.cells.toLocaleString('en-US')} visit cells (load average after: ${await loadavg()})`);
  }
  // Incremental: first catch up on whatever is marked, then touch one month (an appointment's status and a payment) and time the refresh.
  await refreshRollups(db, PRACTICE_ID);
  const incrementalRuns = process.env.ANALYTICS_BENCH_INCREMENTAL === '0' ? 0 : 3;
  const touched = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 2, 15, 15)).toISOString();
  if (incrementalRuns > 0) out(`\n## Incremental refresh after touching one month (an appointment on ${touched.slice(0, 10)} marked NO_SHOW, a patient payment dated that day)\n`);
  for (let i = 1; i <= incrementalRuns; i++) {
    await db.execute(sqlTag`update appointments set status = case when status = 'NO_SHOW' then 'BOOKED' else 'NO_SHOW' end
      where id = (select id from appointments where practice_id = ${PRACTICE_ID} and starts_at >= ${touched}::timestamptz and status in ('BOOKED', 'NO_SHOW') order by starts_at limit 1)`);
    await db.execute(sqlTag`insert into ledger_entries (practice_id, kind, patient_id, bucket, amount_cents, effective_date, created_by)
      select ${PRACTICE_ID}, 'PATIENT_PAYMENT', id, 'PATIENT', -100, ${touched.slice(0, 10)}::date, 'bench' from patients where practice_id = ${PRACTICE_ID} limit 1`);
    const t = performance.now();
    const done = await refreshRollups(db, PRACTICE_ID);
    const months = (m: readonly string[] | null) => (m === null ? 'all' : m.map((x) => x.slice(0, 7)).join(', ') || '-');
    out(`- run ${i}: ${((performance.now() - t) / 1000).toFixed(2)} s; recomputed visits ${months(done.recomputed.visits)}, finance ${months(done.recomputed.finance)}, capacity ${months(done.recomputed.capacity)} (load average after: ${await loadavg()})`);
  }
  const now = new Date();
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1)).toISOString().slice(0, 7);
  out(`\n## Each metric, ${from}..${to}, grain MONTH, groupBy PROVIDER (${RUNS} runs, first discarded)\n`);
  out('| metric | rows | p50 ms | p90 ms |');
  out('|---|---|---|---|');
  const principal = { userId: 'bench-analyst', practiceId: PRACTICE_ID, roles: [Role.ANALYST] };
  for (const metric of METRICS) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      const answer = await answerMetric(db, principal, new AuditTrail(principal, randomUUID(), 'bench'), metric, { from, to, grain: 'MONTH', groupBy: ['PROVIDER'] }, { threshold: 11, path: 'query', action: 'READ' });
      if (i > 0) times.push(performance.now() - t);
      rows = answer.rows.length;
    }
    out(`| ${metric.name} | ${rows} | ${pct(times, 0.5).toFixed(1)} | ${pct(times, 0.9).toFixed(1)} |`);
  }
  out(`\nLoad average at end: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}.`);
  writeFileSync(new URL(`./results/${new Date().toISOString().slice(0, 10)}-analytics${process.env.ANALYTICS_BENCH_SUFFIX ?? ''}.md`, import.meta.url), `${lines.join('\n')}\n`);
} finally {
  await database.close();
}
