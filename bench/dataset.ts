import postgres from 'postgres';
import { openPostgres } from '../server/src/db/client.js';
import { runMigrations } from '../server/src/db/migrate.js';

/** Shape of a generated busy practice; everything is deterministic (ids are md5 of a label). */
export interface DatasetSpec {
  name: string;
  patients: number;
  providers: number;
  locations: number;
  firstDay: string;
  days: number;
  /** 15-minute visits between 07:00 and 19:00 local: 48 a day per provider, this share of them booked. */
  fillPercent: number;
}

export const FULL: DatasetSpec = { name: 'medoffice_bench', patients: 100_000, providers: 20, locations: 5, firstDay: '2025-01-01', days: 1095, fillPercent: 95 };
export const QUICK: DatasetSpec = { name: 'medoffice_bench_quick', patients: 10_000, providers: 20, locations: 5, firstDay: '2026-10-01', days: 150, fillPercent: 95 };

export const PRACTICE_ID = '00000000-0000-4000-8000-00000000b001';
export const ZONE = 'America/New_York';
export const uuidOf = (label: string) => `md5('${label}')::uuid`;
const VERSION = 3;

export interface Dataset {
  spec: DatasetSpec;
  url: string;
  practiceId: string;
  locationIds: string[];
  providerIds: string[];
  /** provider id → location id */
  providerLocation: Map<string, string>;
  typeId: string;
  appointments: number;
}

function dbUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates (once) and returns the dataset database; later runs reuse it, migrated, when its version matches. */
export async function ensureDataset(baseUrl: string, spec: DatasetSpec, log: (m: string) => void): Promise<Dataset> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  const url = dbUrl(baseUrl, spec.name);
  try {
    const exists = (await admin`select 1 from pg_database where datname = ${spec.name}`).length > 0;
    let fresh = !exists;
    if (exists) {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      // Compared as jsonb: jsonb reorders keys, so the stored text never equals JSON.stringify(spec) and every run rebuilt the dataset.
      const meta = await sql`select version = ${VERSION} and spec = ${sql.json(spec as never)}::jsonb as same from bench_meta`.catch(() => []);
      await sql.end();
      fresh = !meta[0]?.same;
      if (fresh) await admin.unsafe(`drop database ${spec.name} with (force)`);
    }
    if (fresh) {
      await admin.unsafe(`create database ${spec.name}`);
      await generate(url, spec, log);
    } else {
      // A dataset built before a schema change is brought up to date rather than rebuilt.
      const database = openPostgres(url, 1);
      await runMigrations(database);
      await database.close();
    }
  } finally {
    await admin.end();
  }
  return describe(url, spec);
}

/** The ids a run needs, read from a built dataset (or a copy of one). */
export async function describe(url: string, spec: DatasetSpec): Promise<Dataset> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const locs = await sql`select id from locations where practice_id = ${PRACTICE_ID} order by name`;
  const provs = await sql`select provider_id, location_id from provider_locations where practice_id = ${PRACTICE_ID} order by provider_id`;
  const [type] = await sql`select id from appointment_types where practice_id = ${PRACTICE_ID}`;
  const [{ n }] = await sql`select count(*)::int as n from appointments`;
  await sql.end();
  return {
    spec,
    url,
    practiceId: PRACTICE_ID,
    locationIds: locs.map((r) => r.id as string),
    providerIds: provs.map((r) => r.provider_id as string),
    providerLocation: new Map(provs.map((r) => [r.provider_id as string, r.location_id as string])),
    typeId: type!.id as string,
    appointments: n as number,
  };
}

/**
 * Runs a bulk load with the analytics dirty-month triggers of the database disabled, then enables them again.
 * A generated dataset has no rollups yet, so its first analytics refresh rebuilds every month anyway; the marks
 * (one statement-level pass over every loaded row) only slowed the load down. ALTER TABLE is transactional:
 * run it inside the load's transaction and a failed or killed load leaves the triggers as they were (a
 * generated dataset that never got its bench_meta is rebuilt from scratch, triggers included).
 */
export async function withoutAnalyticsMarks<T>(sql: postgres.Sql, load: () => Promise<T>): Promise<T> {
  const triggers = await sql`select tgrelid::regclass::text as tbl, tgname from pg_trigger where not tgisinternal and tgname like 'analytics\_dirty\_%'`;
  for (const t of triggers) await sql.unsafe(`alter table ${t.tbl} disable trigger ${t.tgname}`);
  const result = await load();
  for (const t of triggers) await sql.unsafe(`alter table ${t.tbl} enable trigger ${t.tgname}`);
  return result;
}

async function generate(url: string, spec: DatasetSpec, log: (m: string) => void): Promise<void> {
  const t0 = Date.now();
  const database = openPostgres(url, 1);
  await runMigrations(database);
  await database.close();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  // Indexes and exclusion constraints are dropped for the load and rebuilt afterwards (much faster).
  const indexes = await sql`select indexname, indexdef from pg_indexes where tablename in ('appointments', 'patients') and indexname not like '%_pkey'
    and indexname not in (select conname from pg_constraint where contype = 'x')`;
  const exclusions = await sql`select conname, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'x' and conrelid = 'appointments'::regclass`;
  for (const c of exclusions) await sql.unsafe(`alter table appointments drop constraint ${c.conname}`);
  for (const i of indexes) await sql.unsafe(`drop index ${i.indexname}`);

  const P = PRACTICE_ID;
  await withoutAnalyticsMarks(sql, async () => {
    await sql.unsafe(`insert into practices (id, name) values ('${P}', 'Bench Practice')`);
    await sql.unsafe(`insert into locations (id, practice_id, name, address, time_zone, place_of_service_code)
      select ${uuidOf("bench-location-' || i || '")}, '${P}', 'Bench Location ' || i,
             jsonb_build_object('line1', i || ' Bench St', 'city', 'Benchville', 'state', 'NY', 'postalCode', '10001', 'country', 'US'), '${ZONE}', '11'
        from generate_series(0, ${spec.locations - 1}) i`);
    await sql.unsafe(`insert into providers (id, practice_id, given_name, family_name, credentials, npi, taxonomy_code, specialty)
      select ${uuidOf("bench-provider-' || i || '")}, '${P}', 'Benchgiven' || i, 'Benchdoc' || i, 'MD', '19' || lpad(i::text, 8, '0'), '207Q00000X', 'Family Medicine'
        from generate_series(0, ${spec.providers - 1}) i`);
    await sql.unsafe(`insert into provider_locations (practice_id, provider_id, location_id)
      select '${P}', ${uuidOf("bench-provider-' || i || '")}, ${uuidOf(`bench-location-' || (i % ${spec.locations}) || '`)} from generate_series(0, ${spec.providers - 1}) i`);
    await sql.unsafe(`insert into appointment_types (id, practice_id, name, duration_minutes, modality, max_advance_days)
      values (${uuidOf('bench-type')}, '${P}', 'Office visit', 15, 'BOTH', 730)`);
    await sql.unsafe(`insert into availability_rules (practice_id, provider_id, location_id, weekday, start_time, end_time, effective_from)
      select '${P}', ${uuidOf("bench-provider-' || i || '")}, ${uuidOf(`bench-location-' || (i % ${spec.locations}) || '`)}, wd, '07:00', '21:00', '${spec.firstDay}'
        from generate_series(0, ${spec.providers - 1}) i cross join generate_series(1, 7) wd`);
    log(`  patients: ${spec.patients}`);
    await sql.unsafe(`insert into patients (id, practice_id, mrn, given_name, family_name, date_of_birth, sex_at_birth, phones, phone_digits, consents)
      select ${uuidOf("bench-patient-' || i || '")}, '${P}', 'B' || lpad(i::text, 7, '0'),
             (array['Ava','Ben','Cleo','Dev','Eli','Fay','Gus','Hana','Ian','Jo'])[1 + i % 10] || 'bench',
             'Benchfamily' || (i % 5000), date '1940-01-01' + (i * 37 % 29000), case when i % 2 = 0 then 'FEMALE' else 'MALE' end,
             jsonb_build_array(jsonb_build_object('kind', 'MOBILE', 'number', '+1212555' || lpad((i % 10000)::text, 4, '0'), 'primary', true)),
             '1212555' || lpad((i % 10000)::text, 4, '0'), '{"sms":true,"email":false,"voicemail":false,"portal":false}'::jsonb
        from generate_series(0, ${spec.patients - 1}) i`);
    log(`  appointments: ${spec.providers} providers × 48 slots × ${spec.days} days × ${spec.fillPercent}%`);
    // Slot s = (day*48 + k)*providers + provider; patient = s*7919 mod N is a bijection within one time slot
    // (7919 is coprime with N), so no patient is double-booked at a time.
    await sql.unsafe(`insert into appointments (practice_id, patient_id, provider_id, location_id, appointment_type_id, starts_at, ends_at, status, modality, place_of_service_code)
      select '${P}', md5('bench-patient-' || ((s * 7919) % ${spec.patients}))::uuid, md5('bench-provider-' || p)::uuid, md5('bench-location-' || (p % ${spec.locations}))::uuid,
             md5('bench-type')::uuid, st, st + interval '15 minutes',
             case when st > now() then 'BOOKED' when (s * 31) % 100 < 4 then 'CANCELLED' when (s * 31) % 100 < 7 then 'NO_SHOW' else 'COMPLETED' end,
             'IN_PERSON', '11'
        from (select d, k, p, (d * 48 + k)::bigint * ${spec.providers} + p as s,
                     ((date '${spec.firstDay}' + d)::timestamp + time '07:00' + k * interval '15 minutes') at time zone '${ZONE}' as st
                from generate_series(0, ${spec.days - 1}) d cross join generate_series(0, 47) k cross join generate_series(0, ${spec.providers - 1}) p) g
       where (s * 2654435761) % 100 < ${spec.fillPercent}`);
  });
  log(`  indexes (${Math.round((Date.now() - t0) / 1000)} s so far)`);
  for (const i of indexes) await sql.unsafe(i.indexdef);
  for (const c of exclusions) await sql.unsafe(`alter table appointments add constraint ${c.conname} ${c.def}`);
  await sql.unsafe('analyze');
  await sql.unsafe('create table bench_meta (version int, spec jsonb)');
  await sql`insert into bench_meta ${sql({ version: VERSION, spec: sql.json(spec as never) })}`;
  await sql.end();
  log(`  generated in ${Math.round((Date.now() - t0) / 1000)} s`);
}
