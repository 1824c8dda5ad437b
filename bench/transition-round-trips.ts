import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { openPostgres, rowsOf } from '../server/src/db/client.js';
import type { Principal } from '../server/src/graphql/auth.js';
import { Role } from '../server/src/graphql/roles.js';
import { AuditTrail } from '../server/src/modules/audit/audit-trail.js';
import { AppointmentStatus } from '../server/src/modules/scheduling/appointment-status.js';
import { transitionAppointment } from '../server/src/modules/scheduling/appointment-transition.js';
import { createInProcessPubSub } from '../server/src/realtime/pubsub.js';
import { QUICK } from './dataset.js';

/**
 * `TRANSITION_DB=<name> node --import tsx bench/transition-round-trips.ts [N]`: a status change (BOOKED →
 * CONFIRMED, the path check-in, cancel and no-show share) the way it runs now — a plain read, then one
 * statement guarded by the version read, no transaction — against the locked path it replaced and still
 * takes under contention (BEGIN, SELECT … FOR UPDATE, the same write, COMMIT), on one connection, N of each
 * in alternating blocks, each on its own booked appointment. Reports wall time, Node CPU and the PostgreSQL
 * backend's CPU per change. Run on a copy of the quick dataset (`create database <name> template
 * medoffice_bench_quick`): it confirms appointments there.
 */
const n = Number(process.argv[2] ?? 400);
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const u = new URL(base);
u.pathname = `/${process.env.TRANSITION_DB ?? `${QUICK.name}_transitions`}`;
const database = openPostgres(u.toString(), 1);
const db = database.db;
const WARM = 30;
const ids = rowsOf<{ id: string; practice_id: string }>(
  await db.execute(sql`select id, practice_id from appointments where status = 'BOOKED' and starts_at > now() order by starts_at, id limit ${2 * (n + WARM)}`),
);
if (ids.length < 2 * (n + WARM)) throw new Error(`need ${2 * (n + WARM)} booked future appointments, found ${ids.length}`);
const [pid] = rowsOf<{ pid: number }>(await db.execute(sql`select pg_backend_pid() as pid`));
const backendTicks = () => {
  const f = readFileSync(`/proc/${pid!.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (1/100 s)
};
const principal: Principal = { userId: 'bench-desk', practiceId: ids[0]!.practice_id, roles: [Role.FRONT_DESK] };
const pubsub = createInProcessPubSub();
let next = 0;
const confirm = (locked: boolean) => {
  const id = ids[next++]!.id;
  const audit = new AuditTrail(principal, `bench-${next}`, 'Confirm');
  return transitionAppointment(db, principal, audit, pubsub, { id, to: AppointmentStatus.CONFIRMED, ...(locked ? { lockedCheck: async () => {} } : {}) });
};

type Variant = { name: string; locked: boolean; wall: number[]; cpu: number; ticks: number };
const variants: Variant[] = [
  { name: 'read, then guarded write (now: 2 round trips)', locked: false, wall: [], cpu: 0, ticks: 0 },
  { name: 'transaction with row lock (before: 4 round trips)', locked: true, wall: [], cpu: 0, ticks: 0 },
];
for (const v of variants) for (let i = 0; i < WARM; i++) await confirm(v.locked);
const BLOCK = 50;
for (let done = 0; done < n; done += BLOCK) {
  for (const v of done % (2 * BLOCK) === 0 ? variants : [...variants].reverse()) {
    const c0 = process.cpuUsage();
    const t0 = backendTicks();
    for (let i = 0; i < BLOCK; i++) {
      const s = performance.now();
      await confirm(v.locked);
      v.wall.push(performance.now() - s);
    }
    const c = process.cpuUsage(c0);
    v.cpu += c.user + c.system;
    v.ticks += backendTicks() - t0;
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${n} status changes of each kind on one connection`);
console.log('| variant | wall p50 ms | wall mean ms | Node CPU µs/op | PG backend CPU µs/op |');
console.log('|---|---|---|---|---|');
for (const v of variants) {
  const ops = v.wall.length;
  console.log(`| ${v.name} | ${median(v.wall).toFixed(2)} | ${(v.wall.reduce((a, b) => a + b, 0) / ops).toFixed(2)} | ${(v.cpu / ops).toFixed(0)} | ${((v.ticks * 10_000) / ops).toFixed(0)} |`);
}
await database.close();
