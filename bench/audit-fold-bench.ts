import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { openPostgres, rowsOf } from '../server/src/db/client.js';
import { insertAuditBatch } from '../server/src/modules/audit/audit.repo.js';
import { QUICK, ZONE } from './dataset.js';

/**
 * `AUDIT_FOLD_DB=<name> node --import tsx bench/audit-fold-bench.ts [N]`: what the audit write of a day view
 * costs as today's separate statement (the read, then insertAuditBatch: two round trips) against folding it
 * into the read (one statement: the read as a CTE and the audit row inserted from its rows), on one
 * connection, N of each in alternating blocks. Reports wall time, Node CPU and the PostgreSQL backend's CPU
 * per day view (the backend is local: its /proc stat). Run it on a copy of the quick dataset
 * (`create database <name> template medoffice_bench_quick`); it appends audit rows there.
 */
const n = Number(process.argv[2] ?? 400);
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const u = new URL(base);
u.pathname = `/${process.env.AUDIT_FOLD_DB ?? `${QUICK.name}_audit_fold`}`;
const database = openPostgres(u.toString(), 1);
const db = database.db;

const [busiest] = rowsOf<{ practice_id: string; location_id: string; d: string; n: number }>(
  await db.execute(sql`select practice_id, location_id, (starts_at at time zone ${ZONE})::date::text as d, count(*)::int as n
    from appointments where starts_at >= now() - interval '30 days' group by 1, 2, 3 order by 4 desc, 3 limit 1`),
);
if (!busiest) throw new Error('no appointments in the database');
const [pid] = rowsOf<{ pid: number }>(await db.execute(sql`select pg_backend_pid() as pid`));
const backendTicks = () => {
  const f = readFileSync(`/proc/${pid!.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (1/100 s)
};

/** The day view's shape: a location's day with patient, provider and type (as the API reads it, as JSON per row). */
const read = sql`select a.id, a.patient_id, a.starts_at, a.status,
    json_build_object('id', p.id, 'mrn', p.mrn, 'dateOfBirth', p.date_of_birth, 'given', p.given_name, 'family', p.family_name) as patient,
    json_build_object('id', v.id, 'familyName', v.family_name) as provider,
    json_build_object('id', t.id, 'name', t.name, 'durationMinutes', t.duration_minutes) as type
  from appointments a join patients p on p.id = a.patient_id join providers v on v.id = a.provider_id join appointment_types t on t.id = a.appointment_type_id
  where a.practice_id = ${busiest.practice_id} and a.location_id = ${busiest.location_id}
    and a.starts_at >= (${busiest.d}::date)::timestamp at time zone ${ZONE} and a.starts_at < (${busiest.d}::date + 1)::timestamp at time zone ${ZONE}
  order by a.starts_at, a.id limit 201`;
const common = { practiceId: busiest.practice_id, userId: 'bench-audit', roles: ['FRONT_DESK'], clientId: null, action: 'READ', operationName: 'Day', requestId: '' };

async function separate(i: number): Promise<number> {
  const rows = rowsOf<{ id: string; patient_id: string }>(await db.execute(read));
  await insertAuditBatch(db, { ...common, requestId: `sep-${i}` }, rows.map((r) => ({ entityType: 'Appointment', entityId: r.id, patientId: r.patient_id })));
  return rows.length;
}

async function folded(i: number): Promise<number> {
  const rows = rowsOf<{ id: string; patient_id: string }>(
    await db.execute(sql`with day as (${read}),
      audit as (
        insert into audit_batches (practice_id, user_id, roles, client_id, action, operation_name, request_id, entity_types, entity_ids, patient_ids)
        select ${common.practiceId}::uuid, ${common.userId}, '{FRONT_DESK}'::text[], null, 'READ', ${common.operationName}, ${`fold-${i}`},
               array_agg('Appointment'::text order by day.starts_at, day.id), array_agg(day.id::text order by day.starts_at, day.id), array_agg(day.patient_id order by day.starts_at, day.id)
          from day having count(*) > 0
      )
      select * from day order by starts_at, id`),
  );
  return rows.length;
}

type Variant = { name: string; run: (i: number) => Promise<number>; wall: number[]; cpu: number; ticks: number; count: number };
const variants: Variant[] = [
  { name: 'read, then audit insert (today: 2 round trips)', run: separate, wall: [], cpu: 0, ticks: 0, count: 0 },
  { name: 'audit folded into the read (1 statement)', run: folded, wall: [], cpu: 0, ticks: 0, count: 0 },
];
for (const v of variants) for (let i = 0; i < 30; i++) await v.run(-i); // warm-up: generic plans after 5 executions
const BLOCK = 50;
for (let done = 0; done < n; done += BLOCK) {
  for (const v of done % (2 * BLOCK) === 0 ? variants : [...variants].reverse()) {
    const c0 = process.cpuUsage();
    const t0 = backendTicks();
    for (let i = 0; i < BLOCK; i++) {
      const s = performance.now();
      v.count += await v.run(done + i);
      v.wall.push(performance.now() - s);
    }
    const c = process.cpuUsage(c0);
    v.cpu += c.user + c.system;
    v.ticks += backendTicks() - t0;
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`day ${busiest.d} at location ${busiest.location_id}: ${busiest.n} appointments; ${n} of each variant on one connection`);
console.log('| variant | wall p50 ms | Node CPU µs/op | PG backend CPU µs/op | rows/op |');
console.log('|---|---|---|---|---|');
for (const v of variants) {
  const ops = v.wall.length;
  console.log(`| ${v.name} | ${median(v.wall).toFixed(2)} | ${(v.cpu / ops).toFixed(0)} | ${((v.ticks * 10_000) / ops).toFixed(0)} | ${(v.count / ops).toFixed(0)} |`);
}
await database.close();
