import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPostgres, rowsOf } from '../server/src/db/client.js';
import { runMigrations } from '../server/src/db/migrate.js';
import { arAging } from '../server/src/modules/accounts/ar-aging.service.js';
import { rebuildArItems } from '../server/src/modules/accounts/ar-items-rebuild.repo.js';
import { ArAgingBasis, type ArAgingGroupBy } from '../server/src/modules/accounts/ar-aging.type.js';
import type { AuditTrail } from '../server/src/modules/audit/audit-trail.js';

/**
 * arAging over a practice with 100k superbills (and their claims) and 300k ledger entries on PostgreSQL:
 * builds the dataset once (set-based, deterministic), then times the arAging service (its one statement
 * and the report's assembly) for every grouping and basis and prints p50/p90.
 *
 *   pnpm tsx bench/ar-aging-bench.ts [--superbills 100000] [--runs 15] [--explain]
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; the dataset
 * lives in its own database, `medoffice_bench_aging`, rebuilt when the spec or the version changes.
 */
const VERSION = 2;
const P = '00000000-0000-4000-8000-00000000a001';
const ZONE = 'America/New_York';
const AS_OF = '2026-12-01';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const spec = { superbills: arg('superbills', 100_000), patients: 20_000, payers: 8, providers: 20, locations: 5, days: 1095 };
const runs = arg('runs', 15);
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'medoffice_bench_aging';

function dbUrl(name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

const log = (m: string) => process.stderr.write(`${m}\n`);

/**
 * Per superbill (date of service spread over three years up to AS_OF): a CHARGE to its payer, the copay
 * as a PATIENT_PAYMENT, and — for visits old enough to be adjudicated — an INSURANCE_PAYMENT and a
 * CONTRACTUAL_ADJUSTMENT on its claim (submitted two days after the visit). About 3 entries a superbill.
 *
 * The claims and ledger are loaded with their ar_items triggers disabled (through them the load took longer
 * than a session on a loaded machine), then ar_items is filled by the set-based rebuild in one statement
 * and a sample of items is checked against what the triggers make (`checkSample`).
 */
async function generate(url: string): Promise<void> {
  const t0 = Date.now();
  const database = openPostgres(url, 1);
  await runMigrations(database);
  await database.close();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const n = spec.superbills;
  await sql.unsafe(`insert into practices (id, name) values ('${P}', 'Aging Bench Practice')`);
  await sql.unsafe(`insert into locations (id, practice_id, name, address, time_zone, place_of_service_code)
    select md5('aging-location-' || i)::uuid, '${P}', 'Aging Location ' || i,
           jsonb_build_object('line1', i || ' Bench St', 'city', 'Benchville', 'state', 'NY', 'postalCode', '10001', 'country', 'US'), '${ZONE}', '11'
      from generate_series(0, ${spec.locations - 1}) i`);
  await sql.unsafe(`insert into providers (id, practice_id, given_name, family_name, credentials, npi, taxonomy_code, specialty)
    select md5('aging-provider-' || i)::uuid, '${P}', 'Given' || i, 'Doc' || i, 'MD', '19' || lpad(i::text, 8, '0'), '207Q00000X', 'Family Medicine'
      from generate_series(0, ${spec.providers - 1}) i`);
  await sql.unsafe(`insert into payers (id, practice_id, name, edi_payer_id, payer_type)
    select md5('aging-payer-' || i)::uuid, '${P}', 'Payer ' || i, 'P' || lpad(i::text, 4, '0'), 'COMMERCIAL' from generate_series(0, ${spec.payers - 1}) i`);
  await sql.unsafe(`insert into patients (id, practice_id, mrn, given_name, family_name, date_of_birth, sex_at_birth, phones, phone_digits, consents)
    select md5('aging-patient-' || i)::uuid, '${P}', 'A' || lpad(i::text, 7, '0'), 'Given' || (i % 10), 'Family' || (i % 5000), date '1940-01-01' + (i * 37 % 29000),
           case when i % 2 = 0 then 'FEMALE' else 'MALE' end, '[]'::jsonb, '', '{"sms":false,"email":false,"voicemail":false,"portal":false}'::jsonb
      from generate_series(0, ${spec.patients - 1}) i`);
  await sql.unsafe(`insert into coverages (id, practice_id, patient_id, payer_id, member_id, subscriber_relationship, coverage_order, effective_date)
    select md5('aging-coverage-' || i)::uuid, '${P}', md5('aging-patient-' || i)::uuid, md5('aging-payer-' || (i % ${spec.payers}))::uuid, 'M' || i, 'SELF', 'PRIMARY', '2020-01-01'
      from generate_series(0, ${spec.patients - 1}) i`);
  for (const [table, trigger] of LOAD_TRIGGERS) await sql.unsafe(`alter table ${table} disable trigger ${trigger}`);
  log(`  superbills and claims: ${n}`);
  await sql.unsafe(`insert into superbills (id, practice_id, status, patient_id, rendering_provider_id, location_id, payer_id, billing_provider, date_of_service, place_of_service_code,
                                            total_charge_cents, copay_collected_cents, finalized_at, finalized_by, created_by)
    select md5('aging-superbill-' || i)::uuid, '${P}', 'FINALIZED', md5('aging-patient-' || (i % ${spec.patients}))::uuid, md5('aging-provider-' || (i % ${spec.providers}))::uuid,
           md5('aging-location-' || (i % ${spec.locations}))::uuid, md5('aging-payer-' || ((i % ${spec.patients}) % ${spec.payers}))::uuid,
           '{"name":"Bench Group","tin":"990000001","npi":"1234567893","address":null}'::jsonb, date '${AS_OF}' - (i * 7919 % ${spec.days}), '11', 15500, 2500, now(), 'bench', 'bench'
      from generate_series(0, ${n - 1}) i`);
  await sql.unsafe(`insert into claims (id, practice_id, number, patient_account_number, superbill_id, patient_id, payer_id, coverage_id, rendering_provider_id, location_id, status,
                                        date_of_service, total_charge_cents, snapshot, submitted_at, created_by)
    select md5('aging-claim-' || s.i)::uuid, '${P}', 5000000 + s.i, 'A' || lpad(s.i::text, 8, '0'), md5('aging-superbill-' || s.i)::uuid, sb.patient_id, sb.payer_id,
           md5('aging-coverage-' || (s.i % ${spec.patients}))::uuid, sb.rendering_provider_id, sb.location_id,
           case when sb.date_of_service < date '${AS_OF}' - 30 then 'PAID' else 'SUBMITTED' end, sb.date_of_service, 15500, '{}'::jsonb,
           (sb.date_of_service + 2)::timestamp at time zone '${ZONE}' + interval '15 hours', 'bench'
      from generate_series(0, ${n - 1}) s(i) join superbills sb on sb.id = md5('aging-superbill-' || s.i)::uuid`);
  log('  ledger entries');
  await sql.unsafe(`insert into ledger_entries (practice_id, kind, patient_id, superbill_id, superbill_line_position, payer_id, bucket, amount_cents, effective_date, created_by)
    select '${P}', 'CHARGE', s.patient_id, s.id, 1, s.payer_id, 'INSURANCE', 15500, s.date_of_service, 'bench' from superbills s where s.practice_id = '${P}'`);
  await sql.unsafe(`insert into ledger_entries (practice_id, kind, patient_id, superbill_id, bucket, amount_cents, effective_date, created_by)
    select '${P}', 'PATIENT_PAYMENT', s.patient_id, s.id, 'PATIENT', -2500, s.date_of_service, 'bench' from superbills s where s.practice_id = '${P}'`);
  await sql.unsafe(`insert into ledger_entries (practice_id, kind, patient_id, claim_id, claim_line_position, superbill_id, payer_id, bucket, amount_cents, group_code, reason_code, effective_date, created_by)
    select '${P}', k.kind, c.patient_id, c.id, 1, c.superbill_id, c.payer_id, 'INSURANCE', k.amount, k.grp, k.carc, c.date_of_service + 25, 'bench'
      from claims c cross join (values ('INSURANCE_PAYMENT', -10000, null, null), ('CONTRACTUAL_ADJUSTMENT', -3000, 'CO', '45')) k(kind, amount, grp, carc)
     where c.practice_id = '${P}' and c.status = 'PAID' and (k.kind = 'INSURANCE_PAYMENT' or c.number % 3 <> 0)`);
  for (const [table, trigger] of LOAD_TRIGGERS) await sql.unsafe(`alter table ${table} enable trigger ${trigger}`);
  log('  ar_items (set-based rebuild)');
  const built = openPostgres(url, 1);
  await built.db.transaction((tx) => rebuildArItems(tx, P));
  await built.close();
  // Autovacuum is off on the bench machine: without this the planner takes the loaded tables for empty.
  await sql.unsafe('vacuum analyze');
  await checkSample(sql);
  await sql.unsafe('create table bench_meta (version int, spec jsonb)');
  await sql`insert into bench_meta ${sql({ version: VERSION, spec: sql.json(spec as never) })}`;
  const [{ entries }] = (await sql`select count(*)::int as entries from ledger_entries`) as unknown as [{ entries: number }];
  await sql.end();
  log(`  ${entries} ledger entries; generated in ${Math.round((Date.now() - t0) / 1000)} s`);
}

/** Off during the load: the A/R items' triggers (filled set-based after) and the analytics dirty marks (no analytics here). */
const LOAD_TRIGGERS = [['ledger_entries', 'ledger_entries_ar_items'], ['ledger_entries', 'analytics_dirty_ledger'], ['claims', 'claims_ar_items_inserted']] as const;
const SAMPLE = 200;

/**
 * The bulk-filled items equal what the triggers make: inside a transaction that is rolled back, a sample of
 * superbills' entries is taken out of the ledger (append-only guard off for that transaction only) with their
 * items, and posted again through the enabled triggers — charges, then copays, then the adjudication, as
 * postings arrive — and the items they make are compared column by column with the rebuilt ones.
 */
async function checkSample(sql: postgres.Sql): Promise<void> {
  const cols = 'superbill_id, patient_id, claim_id, insurance_cents, patient_cents, entry_payer_id, first_effective_date, last_effective_date, date_of_service, payer_id, rendering_provider_id, location_id, first_submitted_at';
  const entryCols = 'practice_id, kind, patient_id, claim_id, claim_line_position, superbill_id, superbill_line_position, payer_id, bucket, amount_cents, group_code, reason_code, effective_date, created_by';
  await sql.begin(async (tx) => {
    await tx.unsafe(`create temp table sample on commit drop as select id from superbills where practice_id = '${P}' order by md5(id::text) limit ${SAMPLE}`);
    await tx.unsafe(`create temp table rebuilt on commit drop as select ${cols} from ar_items where practice_id = '${P}' and superbill_id in (select id from sample)`);
    await tx.unsafe(`create temp table sample_entries on commit drop as select * from ledger_entries where practice_id = '${P}' and superbill_id in (select id from sample)`);
    await tx.unsafe('alter table ledger_entries disable trigger ledger_entries_append_only');
    await tx.unsafe(`delete from ledger_entries where practice_id = '${P}' and superbill_id in (select id from sample)`);
    await tx.unsafe(`delete from ar_items where practice_id = '${P}' and superbill_id in (select id from sample)`);
    for (const kinds of [`'CHARGE'`, `'PATIENT_PAYMENT'`, `'INSURANCE_PAYMENT', 'CONTRACTUAL_ADJUSTMENT'`]) {
      await tx.unsafe(`insert into ledger_entries (${entryCols}) select ${entryCols} from sample_entries where kind in (${kinds}) order by number`);
    }
    const [diff] = await tx.unsafe(`select
        (select count(*) from rebuilt)::int as items,
        (select count(*) from ((select ${cols} from ar_items where practice_id = '${P}' and superbill_id in (select id from sample)) except all (select * from rebuilt)) x)::int as only_triggers,
        (select count(*) from ((select * from rebuilt) except all (select ${cols} from ar_items where practice_id = '${P}' and superbill_id in (select id from sample))) x)::int as only_rebuilt`);
    if (!diff || diff.items < SAMPLE || diff.only_triggers !== 0 || diff.only_rebuilt !== 0) {
      throw new Error(`rebuilt ar_items differ from the triggers' on the sample: ${JSON.stringify(diff)}`);
    }
    log(`  sample of ${diff.items} items posted again through the triggers: equal to the rebuild`);
    throw new SampleChecked();
  }).catch((e) => {
    if (!(e instanceof SampleChecked)) throw e;
  });
}
class SampleChecked extends Error {}

async function ensure(): Promise<string> {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const url = dbUrl(NAME);
  try {
    let fresh = (await admin`select 1 from pg_database where datname = ${NAME}`).length === 0;
    if (!fresh) {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      // Compared as jsonb: jsonb reorders keys, so the stored text never equals JSON.stringify(spec).
      const meta = await sql`select version = ${VERSION} and spec = ${sql.json(spec as never)}::jsonb as same from bench_meta`.catch(() => []);
      await sql.end();
      fresh = !meta[0]?.same;
      if (fresh) await admin.unsafe(`drop database ${NAME} with (force)`);
    }
    if (fresh) {
      log(`building ${NAME}`);
      await admin.unsafe(`create database ${NAME}`);
      await generate(url);
    } else {
      const database = openPostgres(url, 1);
      await runMigrations(database);
      await database.close();
    }
  } finally {
    await admin.end();
  }
  return url;
}

/** CPU time (user + system) a local server process has used, in ms (NaN when its /proc entry is not readable). */
function backendCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return Number.NaN;
  }
}
const TICKS = 100;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const url = await ensure();
  const database = openPostgres(url, 1);
  const bases = [ArAgingBasis.DATE_OF_SERVICE, ArAgingBasis.SUBMISSION];
  const groups = ['PAYER', 'PATIENT', 'PROVIDER', 'LOCATION'] as ArAgingGroupBy[];
  // Grouped by patient, the service records one audit read per row: a trail that keeps nothing.
  const audit = { read: () => {} } as unknown as AuditTrail;
  const [load] = (await import('node:os')).loadavg();
  // The pool has one connection: its server process runs every statement, so its CPU time is the statements'.
  const [{ pid }] = rowsOf<{ pid: number }>(await database.db.execute(sql`select pg_backend_pid() as pid`)) as [{ pid: number }];
  console.log(`arAging p50 over ${spec.superbills} superbills (runs ${runs} after 3 warm-ups; load average ${load!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`);
  console.log('CPU ms/run: CPU time used per call by the PostgreSQL backend (from /proc, 10 ms ticks, averaged) and by Node, which a loaded machine does not inflate as it does wall time.');
  console.log('| basis | groupBy | rows | p50 ms | p90 ms | server CPU ms/run | Node CPU ms/run |\n|---|---|---|---|---|---|---|');
  for (const basis of bases) {
    for (const g of groups) {
      let rows = 0;
      const times: number[] = [];
      let server = 0;
      let node = 0;
      for (let i = 0; i < runs + 3; i++) {
        const [cpu0, node0, t] = [backendCpuMs(pid), process.cpuUsage(), performance.now()];
        rows = (await arAging(database.db, P, audit, AS_OF, g, basis)).rows.length;
        if (i < 3) continue;
        times.push(performance.now() - t);
        server += backendCpuMs(pid) - cpu0;
        const used = process.cpuUsage(node0);
        node += (used.user + used.system) / 1000;
      }
      console.log(`| ${basis} | ${g} | ${rows} | ${pct(times, 50).toFixed(0)} | ${pct(times, 90).toFixed(0)} | ${(server / runs).toFixed(0)} | ${(node / runs).toFixed(0)} |`);
    }
  }
  await database.close();
}

await main();
