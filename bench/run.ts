import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { openPostgres } from '../server/src/db/client.js';
import { runMigrations } from '../server/src/db/migrate.js';
import { signToken } from '../server/src/graphql/auth.js';
import { Role } from '../server/src/graphql/roles.js';
import { describe as describeDataset, ensureDataset, FULL, QUICK } from './dataset.js';
import { type Child, cpuSeconds, startApi, startChild } from './processes.js';
import { type BodyMaker, DAY_QUERY, prng, scenarios } from './scenarios.js';
import { ensureBenchCoverages, PATIENTS_QUERY, patientCursor } from './patients-bench.js';
import { FLOOR_KEY_PREFIX, removeFloorBookings } from './booking-bench.js';
import { ensureBenchSuperbills, SUPERBILLS_QUERY } from './superbills-bench.js';
import { CLAIMS_QUERY, ensureBenchClaims } from './claims-bench.js';
import { ensureBenchRemittances, REMITTANCES_QUERY, remittancesPageDigest } from './remittances-bench.js';

/**
 * `pnpm bench [--quick] [--only day,superbills,patients,claims,remittances,slots,booking] [--from <database>]`:
 * builds (once) a busy practice in PostgreSQL, copies it for this run, and loads our API and the json_agg
 * floor with autocannon. Writes bench/results/<date>[-quick][-<only>].md.
 * `--only` runs just those scenarios (their data is still prepared: remittances need the bench claims).
 * `--from` copies the run database from a copy of the dataset you made yourself
 * (`create database mine template medoffice_bench_quick`) instead of checking — and, when its version is
 * stale, rebuilding — the shared dataset, which a concurrent run may be using.
 */
const quick = process.argv.includes('--quick');
const spec = quick ? QUICK : FULL;
const argOf = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SCENARIOS = ['day', 'superbills', 'patients', 'claims', 'remittances', 'slots', 'booking'] as const;
const only = argOf('--only')?.split(',');
const unknown = only?.filter((o) => !(SCENARIOS as readonly string[]).includes(o));
if (unknown?.length) throw new Error(`--only: unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
const wants = (name: (typeof SCENARIOS)[number]) => !only || only.includes(name);
const from = argOf('--from');
if (from !== undefined && !/^[a-z_][a-z0-9_]*$/.test(from)) throw new Error('--from: a database name (lower case, digits, _)');
const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const timing = quick ? { warmup: 2, measure: 6, single: 3 } : { warmup: 5, measure: 20, single: 5 };
const secret = 'bench-secret-bench-secret-bench-secret-0123';
const log = (m: string) => process.stdout.write(`${m}\n`);

interface Measured {
  name: string;
  server: 'api' | 'floor';
  rps: number;
  p50: number;
  p99: number;
  p50single: number;
  errors: number;
  requests: number;
  nodeCpuMs: number;
  pgCpuMs: number;
  bytes: number;
  statements: number | null;
  /** Requests sent in all phases (warm-up, loaded, single connection). */
  sent: number;
}

// Per process: engineers sharing the server may run the bench at the same time.
const runDb = `${from ?? spec.name}_run_${process.pid}`;
log(`dataset ${from ?? spec.name} (${quick ? 'quick' : 'full'})`);
const urlOf = (name: string) => {
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
};
// A copy describes itself: the spec it was generated with is in its bench_meta.
const specOf = async (name: string) => {
  const meta = postgres(urlOf(name), { max: 1, onnotice: () => {} });
  const [row] = await meta`select spec from bench_meta`;
  await meta.end();
  return (row?.spec ?? spec) as typeof spec;
};
const ds0 = from ? await describeDataset(urlOf(from), await specOf(from)) : await ensureDataset(baseUrl, spec, log);
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${runDb} with (force)`);
await admin.unsafe(`create database ${runDb} template ${from ?? spec.name}`);
const runUrl = urlOf(runDb);
if (from) {
  // ensureDataset brings the shared dataset up to date; a caller's copy is brought up to date here, on the run copy.
  const migrating = openPostgres(runUrl, 1);
  await runMigrations(migrating);
  await migrating.close();
}
const ds = { ...ds0, url: runUrl };
log(`${ds.appointments} appointments; run copy ${runDb}`);
const runSql = postgres(runUrl, { max: 1, onnotice: () => {} });
const superbillCount = await ensureBenchSuperbills(runSql, ds.practiceId, quick ? 2_000 : 20_000);
log(`${superbillCount} superbills (2 diagnoses and 2 lines each)`);
const coverageCount = await ensureBenchCoverages(runSql, ds.practiceId);
log(`${coverageCount} coverages (a primary for every patient, an ended secondary for every third)`);
const claimCount = await ensureBenchClaims(runSql, ds.practiceId);
log(`${claimCount} claims (one per finalized superbill, DRAFT to PAID, a history row per step)`);
const remittanceStarted = Date.now();
const remittanceCount = await ensureBenchRemittances(runSql, runUrl, ds.practiceId);
log(`${remittanceCount.remittances} remittances with ${remittanceCount.claims} claims (simulated 835s of submitted claims posted by postRemittance, ${Math.round((Date.now() - remittanceStarted) / 1000)} s)`);

const env = { BENCH_DATABASE_URL: runUrl, BENCH_JWT_SECRET: secret, BENCH_PRACTICE_ID: ds.practiceId };
// graphql-js and others read NODE_ENV at load time (development adds realm checks to every instanceOf).
const api = await startApi({ ...env, NODE_ENV: 'production' });
const floor = await startChild('bench/floor-server.ts', env);
// Never leave the servers running when the run fails.
process.on('exit', () => {
  api.proc.kill('SIGKILL');
  floor.proc.kill('SIGKILL');
});
const token = await signToken(secret, { userId: 'bench-front-desk', practiceId: ds.practiceId, roles: [Role.FRONT_DESK] });
const apiUrl = `http://127.0.0.1:${api.port}/graphql`;
const floorUrl = `http://127.0.0.1:${floor.port}/day`;
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
// Remittances are billing data: the front desk may not read them.
const billerToken = await signToken(secret, { userId: 'bench-biller', practiceId: ds.practiceId, roles: [Role.BILLER] });
const billerHeaders = { 'content-type': 'application/json', authorization: `Bearer ${billerToken}` };

async function post(url: string, body: string, as = headers): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: as, body, signal: AbortSignal.timeout(30_000) });
  return res.json();
}

async function pgBackendCpu(): Promise<number> {
  const pids = await runSql`select pid from pg_stat_activity where datname = ${runDb} and pid <> pg_backend_pid()`;
  return pids.reduce((s, r) => s + cpuSeconds(r.pid as number), 0);
}

function cannon(url: string, body: BodyMaker, connections: number, duration: number, as = headers) {
  return autocannon({ url, method: 'POST', headers: as, connections, duration, requests: [{ setupRequest: (req: any) => ({ ...req, body: body() }) }] } as any);
}

// A server's first window follows a longer warm-up: V8 has not optimized its code yet (a cold API's first
// window cost ~50% more Node CPU per request than its later ones), and production servers run warm.
const warmed = new Set<Child>();

async function measure(name: string, server: 'api' | 'floor', child: Child, url: string, body: BodyMaker, statements: number | null, as = headers): Promise<Measured> {
  const warm = await cannon(url, body, 16, warmed.has(child) ? timing.warmup : timing.warmup * 4, as);
  warmed.add(child);
  const [n0, p0] = [cpuSeconds(child.proc.pid!), await pgBackendCpu()];
  const r = await cannon(url, body, 16, timing.measure, as);
  const [n1, p1] = [cpuSeconds(child.proc.pid!), await pgBackendCpu()];
  const single = await cannon(url, body, 1, timing.single, as);
  const m: Measured = {
    name,
    server,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    p50single: single.latency.p50,
    errors: r.errors + r.non2xx + r.timeouts,
    requests: r.requests.total,
    nodeCpuMs: ((n1 - n0) * 1000) / Math.max(1, r.requests.total),
    pgCpuMs: ((p1 - p0) * 1000) / Math.max(1, r.requests.total),
    bytes: r.throughput.average / Math.max(1, r.requests.average),
    statements,
    sent: warm.requests.total + r.requests.total + single.requests.total,
  };
  log(`  ${name} [${server}]: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, 1-conn p50 ${m.p50single} ms, errors ${m.errors}`);
  return m;
}

const s = scenarios(ds, 42);
// Equivalence first: same rows in the same order, no errors.
let statementsDay = 0;
for (let i = 0; wants('day') && i < 10; i++) {
  const v = s.dayVariables();
  const ours = await post(apiUrl, JSON.stringify({ query: DAY_QUERY, variables: v }));
  const base = await post(floorUrl, JSON.stringify({ variables: v }));
  log(`  check ${i}: ${JSON.stringify(v)} api ${ours.data?.schedule?.edges?.length} floor ${base.data?.schedule?.edges?.length}`);
  if (ours.errors) throw new Error(`API error: ${JSON.stringify(ours.errors)}`);
  const a = ours.data.schedule.edges.map((e: any) => e.node.id).join();
  const b = base.data.schedule.edges.map((e: any) => e.node.id).join();
  if (a !== b) throw new Error(`day view differs from the floor for ${JSON.stringify(v)}`);
  statementsDay = ours.extensions.stats.sqlStatements;
}
// The superbills page: the 50 newest up to a random past date, compared with the floor row for row.
const superbillDates = (await runSql`select distinct date_of_service::text as d from superbills order by 1`).map((r) => r.d as string);
const pickDate = prng(7);
const superbillsBody: BodyMaker = () => JSON.stringify({ query: SUPERBILLS_QUERY, variables: { to: superbillDates[Math.floor(pickDate() * superbillDates.length)] } });
const floorSuperbillsUrl = `http://127.0.0.1:${floor.port}/superbills`;
let statementsSuperbills = 0;
for (let i = 0; wants('superbills') && i < 5; i++) {
  const body = superbillsBody();
  const ours = await post(apiUrl, body);
  const base = await post(floorSuperbillsUrl, body);
  if (ours.errors) throw new Error(`API error: ${JSON.stringify(ours.errors)}`);
  const ids = (r: any) => r.data.superbills.edges.map((e: any) => `${e.node.id}:${e.node.lines.length}:${e.node.diagnoses.length}:${e.node.patient.mrn}`).join();
  if (ids(ours) !== ids(base)) throw new Error(`superbills page differs from the floor for ${body}`);
  statementsSuperbills = ours.extensions.stats.sqlStatements;
}
// The patients page: 50 patients (name order) after a random patient's cursor, with their coverages.
const patientKeys = (await runSql`select family_name as f, given_name as g, id::text as i from patients where practice_id = ${ds.practiceId} order by family_name, given_name, id`).map((r) => [r.f, r.g, r.i] as [string, string, string]);
const pickPatient = prng(11);
const patientsBody: BodyMaker = () => JSON.stringify({ query: PATIENTS_QUERY, variables: { after: patientCursor(patientKeys[Math.floor(pickPatient() * (patientKeys.length - 50))]!) } });
const floorPatientsUrl = `http://127.0.0.1:${floor.port}/patients`;
let statementsPatients = 0;
for (let i = 0; wants('patients') && i < 5; i++) {
  const body = patientsBody();
  const ours = await post(apiUrl, body);
  const base = await post(floorPatientsUrl, body);
  if (ours.errors) throw new Error(`API error: ${JSON.stringify(ours.errors)}`);
  const ids = (r: any) => r.data.patients.edges.map((e: any) => `${e.node.id}:${e.node.mrn}:${e.node.coverages.map((c: any) => c.id).join('+')}`).join();
  if (ids(ours) !== ids(base) || ours.data.patients.edges.length !== 50) throw new Error(`patients page differs from the floor for ${body}`);
  statementsPatients = ours.extensions.stats.sqlStatements;
}
// The claims page: the 50 newest claims up to a random past date, with lines, payer, patient and last status.
const claimDates = (await runSql`select distinct date_of_service::text as d from claims order by 1`).map((r) => r.d as string);
const pickClaimDate = prng(13);
const claimsBody: BodyMaker = () => JSON.stringify({ query: CLAIMS_QUERY, variables: { to: claimDates[Math.floor(pickClaimDate() * claimDates.length)] } });
const floorClaimsUrl = `http://127.0.0.1:${floor.port}/claims`;
let statementsClaims = 0;
for (let i = 0; wants('claims') && i < 5; i++) {
  const body = claimsBody();
  const ours = await post(apiUrl, body);
  const base = await post(floorClaimsUrl, body);
  if (ours.errors) throw new Error(`API error: ${JSON.stringify(ours.errors)}`);
  const ids = (r: any) => r.data.claims.edges.map((e: any) => `${e.node.id}:${e.node.lines.map((l: any) => l.diagnosisPointers.join('')).join('+')}:${e.node.payer.name}:${e.node.patient.mrn}:${e.node.lastStatusChange.to}`).join();
  if (ids(ours) !== ids(base)) throw new Error(`claims page differs from the floor for ${body}`);
  statementsClaims = ours.extensions.stats.sqlStatements;
}
// The remittances page: 50 remittances after a random one's cursor (or the first page), with claims, lines and adjustments.
// The API gets the cursor it gave; the floor the same row's (posted_at, id) read from the database.
const allRemittances = await post(apiUrl, JSON.stringify({ query: 'query { remittances(first: 200) { edges { cursor node { id } } } }' }), billerHeaders);
if (allRemittances.errors) throw new Error(`API error: ${JSON.stringify(allRemittances.errors)}`);
const remittanceKeys = new Map((await runSql`select id::text as id, posted_at::text as t from remittances where practice_id = ${ds.practiceId}`).map((r) => [r.id as string, r.t as string]));
const remittanceCursors = (allRemittances.data.remittances.edges as { cursor: string; node: { id: string } }[]).map((e) => ({ cursor: e.cursor, floor: { postedAt: remittanceKeys.get(e.node.id)!, id: e.node.id } }));
const pickRemittance = prng(17);
const remittancesBody: BodyMaker = () => {
  const i = Math.floor(pickRemittance() * Math.max(1, remittanceCursors.length - 50 + 1)) - 1;
  const at = i < 0 ? null : remittanceCursors[i]!;
  return JSON.stringify({ query: REMITTANCES_QUERY, variables: { after: at?.cursor ?? null }, floorAfter: at?.floor ?? null });
};
const floorRemittancesUrl = `http://127.0.0.1:${floor.port}/remittances`;
let statementsRemittances = 0;
let remittanceClaimsPerPage = 0;
for (let i = 0; wants('remittances') && i < 5; i++) {
  const body = remittancesBody();
  const ours = await post(apiUrl, body, billerHeaders);
  const base = await post(floorRemittancesUrl, body, billerHeaders);
  if (ours.errors) throw new Error(`API error: ${JSON.stringify(ours.errors)}`);
  if (remittancesPageDigest(ours) !== remittancesPageDigest(base) || ours.data.remittances.edges.length === 0) throw new Error(`remittances page differs from the floor for ${body}`);
  statementsRemittances = ours.extensions.stats.sqlStatements;
  remittanceClaimsPerPage = ours.data.remittances.edges.reduce((t: number, e: any) => t + e.node.claims.length, 0);
}
const sampleSlots = wants('slots') ? await post(apiUrl, s.slots()) : null;
if (sampleSlots?.errors) throw new Error(`slots error: ${JSON.stringify(sampleSlots.errors)}`);
const sampleBook = wants('booking') ? await post(apiUrl, s.book()) : null;
if (sampleBook?.errors) throw new Error(`booking error: ${JSON.stringify(sampleBook.errors)}`);
const rowsPerDay = (await post(floorUrl, JSON.stringify({ variables: s.dayVariables() }))).data.schedule.edges.length;
log(`equivalence ok; ~${rowsPerDay} rows per location-day; day view ${statementsDay} statements, slots ${sampleSlots?.extensions.stats.sqlStatements ?? '–'}, booking ${sampleBook?.extensions.stats.sqlStatements ?? '–'}, remittances page ${statementsRemittances}`);

const results: Measured[] = [];
const passes = !wants('day') ? 0 : quick ? 1 : 2;
for (let pass = 0; pass < passes; pass++) {
  // Alternate the order so neither server always runs on a warmer machine.
  const order = pass % 2 === 0 ? (['floor', 'api'] as const) : (['api', 'floor'] as const);
  for (const who of order) {
    results.push(who === 'api' ? await measure('day view (location)', 'api', api, apiUrl, s.day, statementsDay) : await measure('day view (location)', 'floor', floor, floorUrl, s.day, 1));
  }
}
// A page against its floor in rounds of alternating order: the machine's speed drifts (the floors alone moved
// from 534 to 858 req/s between runs), and one window each would put the drift into the ratio.
const pageRounds = quick ? 3 : 2;
async function pageVersusFloor(name: string, body: BodyMaker, floorPageUrl: string, statements: number | null, as = headers): Promise<void> {
  for (let round = 0; round < pageRounds; round++) {
    for (const who of round % 2 === 0 ? (['floor', 'api'] as const) : (['api', 'floor'] as const)) {
      results.push(who === 'api' ? await measure(name, 'api', api, apiUrl, body, statements, as) : await measure(name, 'floor', floor, floorPageUrl, body, 1, as));
    }
  }
}
if (wants('superbills')) await pageVersusFloor('superbills page (50)', superbillsBody, floorSuperbillsUrl, statementsSuperbills);
if (wants('patients')) await pageVersusFloor('patients page (50)', patientsBody, floorPatientsUrl, statementsPatients);
if (wants('claims')) await pageVersusFloor('claims page (50)', claimsBody, floorClaimsUrl, statementsClaims);
if (wants('remittances')) await pageVersusFloor('remittances page (50)', remittancesBody, floorRemittancesUrl, statementsRemittances, billerHeaders);
if (sampleSlots) results.push(await measure('slot search 30 days (1 provider)', 'api', api, apiUrl, s.slots, sampleSlots.extensions.stats.sqlStatements));
let [floorBooked, booked] = [0, 0];
if (sampleBook) {
  // Booking: the floor first, then its bookings are removed so the API books into the same free time.
  const floorBookUrl = `http://127.0.0.1:${floor.port}/book`;
  const sampleFloorBook = await post(floorBookUrl, s.book());
  if (!sampleFloorBook.data?.bookAppointment?.appointment?.id) throw new Error(`booking floor error: ${JSON.stringify(sampleFloorBook)}`);
  await removeFloorBookings(runSql);
  results.push(await measure('booking', 'floor', floor, floorBookUrl, s.book, 1));
  floorBooked = Number((await runSql`select count(*)::int as n from appointments where idempotency_key like ${`${FLOOR_KEY_PREFIX}%`}`)[0]!.n);
  await removeFloorBookings(runSql);
  const before = Number((await runSql`select count(*)::int as n from appointments where idempotency_key like 'bench-%'`)[0]!.n);
  results.push(await measure('booking', 'api', api, apiUrl, s.book, sampleBook.extensions.stats.sqlStatements));
  booked = Number((await runSql`select count(*)::int as n from appointments where idempotency_key like 'bench-%'`)[0]!.n) - before;
}

await api.stop();
await floor.stop();
await runSql.end();
await admin.unsafe(`drop database if exists ${runDb} with (force)`);
await admin.end();

const avg = (xs: Measured[], k: keyof Measured) => xs.reduce((t, x) => t + (x[k] as number), 0) / xs.length;
const dayApi = results.filter((r) => r.name.startsWith('day') && r.server === 'api');
const dayFloor = results.filter((r) => r.name.startsWith('day') && r.server === 'floor');
const ratio = avg(dayApi, 'rps') / avg(dayFloor, 'rps');
// Absent when --only left booking out (the report then leaves its lines out).
const bookingRun = results.find((r) => r.name === 'booking' && r.server === 'api') ?? results[0]!;
const bookingFloorRun = results.find((r) => r.name === 'booking' && r.server === 'floor') ?? results[0]!;
const bookingRatio = bookingRun.rps / bookingFloorRun.rps;
// Successful bookings per second of the measured phase are not counted apart; all phases' share of successes is.
const bookedRatio = (booked / bookingRun.sent) * bookingRun.rps / Math.max(0.001, (floorBooked / bookingFloorRun.sent) * bookingFloorRun.rps);
// A report line per scenario run (--only leaves the others out).
const lines = (name: (typeof SCENARIOS)[number], text: string) => (wants(name) ? `${text}\n` : '');
const sbApi = results.filter((r) => r.name.startsWith('superbills') && r.server === 'api');
const sbFloor = results.filter((r) => r.name.startsWith('superbills') && r.server === 'floor');
const sbRatio = avg(sbApi, 'rps') / avg(sbFloor, 'rps');
const ptApi = results.filter((r) => r.name.startsWith('patients') && r.server === 'api');
const ptFloor = results.filter((r) => r.name.startsWith('patients') && r.server === 'floor');
const ptRatio = avg(ptApi, 'rps') / avg(ptFloor, 'rps');
const clApi = results.filter((r) => r.name.startsWith('claims') && r.server === 'api');
const clFloor = results.filter((r) => r.name.startsWith('claims') && r.server === 'floor');
const clRatio = avg(clApi, 'rps') / avg(clFloor, 'rps');
const rmApi = results.filter((r) => r.name.startsWith('remittances') && r.server === 'api');
const rmFloor = results.filter((r) => r.name.startsWith('remittances') && r.server === 'floor');
const rmRatio = avg(rmApi, 'rps') / avg(rmFloor, 'rps');
const row = (m: Measured) =>
  `| ${m.name} | ${m.server} | ${m.rps.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.p50single} | ${m.nodeCpuMs.toFixed(2)} | ${m.pgCpuMs.toFixed(2)} | ${m.statements ?? '–'} | ${(m.bytes / 1024).toFixed(1)} | ${m.errors} |`;
const md = `# Scheduling benchmark ${new Date().toISOString().slice(0, 16)}Z${quick ? ' (quick)' : ''}

Dataset: ${ds.spec.providers} providers at ${ds.spec.locations} locations, ${ds.spec.patients} patients, ${ds.appointments} appointments
over ${ds.spec.days} days from ${ds.spec.firstDay} (15-minute visits 07:00–19:00 New York, ${ds.spec.fillPercent}% booked),
~${rowsPerDay} appointments per location-day. PostgreSQL 15 on 127.0.0.1 (shared with other work on this 2-core machine),
autocannon in the same machine, 16 connections for ${timing.measure} s after ${timing.warmup} s warm-up; "1-conn p50" is unloaded latency.
Random variables per request (seeded): location × day for the day view, provider × 30-day window for slots,
provider × day × 19:00–21:00 slot × patient for booking. The API runs in production mode (auth, audit flush, validation).
List pages run ${pageRounds} rounds against their floors, in alternating order; each ratio is of the mean req/s.

| scenario | server | req/s | p50 ms | p99 ms | 1-conn p50 ms | Node CPU ms/req | PG CPU ms/req | SQL/req | KiB/resp | errors |
|---|---|---|---|---|---|---|---|---|---|---|
${results.map(row).join('\n')}

${lines('day', `- Day view throughput vs the floor (one json_agg statement behind node:http): **${ratio.toFixed(2)}×**
  (API ${avg(dayApi, 'rps').toFixed(0)} req/s vs floor ${avg(dayFloor, 'rps').toFixed(0)} req/s; Node CPU ${avg(dayApi, 'nodeCpuMs').toFixed(2)} vs ${avg(dayFloor, 'nodeCpuMs').toFixed(2)} ms/req = ${(avg(dayApi, 'nodeCpuMs') / Math.max(0.001, avg(dayFloor, 'nodeCpuMs'))).toFixed(1)}×; PG CPU ${avg(dayApi, 'pgCpuMs').toFixed(2)} vs ${avg(dayFloor, 'pgCpuMs').toFixed(2)} ms/req).`)}${lines('superbills', `- Superbills page (50 superbills with lines, diagnoses, patient, provider; ${superbillCount} superbills) vs its floor: **${sbRatio.toFixed(2)}×**
  (API ${avg(sbApi, 'rps').toFixed(0)} req/s in ${statementsSuperbills} statements vs floor ${avg(sbFloor, 'rps').toFixed(0)} req/s in 1; Node CPU ${avg(sbApi, 'nodeCpuMs').toFixed(2)} vs ${avg(sbFloor, 'nodeCpuMs').toFixed(2)} ms/req).`)}${lines('patients', `- Patients page (50 patients after a random cursor, with name, DOB, MRN and coverages; ${coverageCount} coverages) vs its floor: **${ptRatio.toFixed(2)}×**
  (API ${avg(ptApi, 'rps').toFixed(0)} req/s in ${statementsPatients} statements vs floor ${avg(ptFloor, 'rps').toFixed(0)} req/s in 1; Node CPU ${avg(ptApi, 'nodeCpuMs').toFixed(2)} vs ${avg(ptFloor, 'nodeCpuMs').toFixed(2)} ms/req).`)}${lines('claims', `- Claims page (50 claims with lines, payer, patient and last status change; ${claimCount} claims) vs its floor: **${clRatio.toFixed(2)}×**
  (API ${avg(clApi, 'rps').toFixed(0)} req/s in ${statementsClaims} statements vs floor ${avg(clFloor, 'rps').toFixed(0)} req/s in 1; Node CPU ${avg(clApi, 'nodeCpuMs').toFixed(2)} vs ${avg(clFloor, 'nodeCpuMs').toFixed(2)} ms/req).`)}${lines('remittances', `- Remittances page (50 remittances with their claims, lines and claim- and line-level adjustments, ~${remittanceClaimsPerPage} claims a page; ${remittanceCount.remittances} remittances of ${remittanceCount.claims} claims, posted by postRemittance from simulated 835s) vs its floor: **${rmRatio.toFixed(2)}×**
  (API ${avg(rmApi, 'rps').toFixed(0)} req/s in ${statementsRemittances} statements vs floor ${avg(rmFloor, 'rps').toFixed(0)} req/s in 1; Node CPU ${avg(rmApi, 'nodeCpuMs').toFixed(2)} vs ${avg(rmFloor, 'nodeCpuMs').toFixed(2)} ms/req).`)}- SQL statements per request: day view ${statementsDay} (the one query + the batched audit insert), slot search ${results.find((r) => r.name.startsWith('slot'))?.statements ?? '–'}, booking ${sampleBook ? bookingRun.statements : '–'}.
${lines('booking', `- Booking vs its floor (the same writes — appointment, history, audit row, reminders — in one statement behind node:http): **${bookingRatio.toFixed(2)}×**
  (API ${bookingRun.rps.toFixed(0)} req/s in ${bookingRun.statements} statements vs floor ${bookingFloorRun.rps.toFixed(0)} req/s in 1; counting only successful bookings ${bookedRatio.toFixed(2)}×).
- Booking: API ${booked} of ${bookingRun.sent} requests (all phases) booked, floor ${floorBooked} of ${bookingFloorRun.sent}, the rest answered SLOT_CONFLICT (random slots collide as they fill; the floor's bookings are removed before the API runs).`)}- PG CPU counts only the backends connected to the run database; Node CPU is the server process.
`;
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/${new Date().toISOString().slice(0, 10)}${quick ? '-quick' : ''}${only ? `-${only.join('-')}` : ''}.md`;
writeFileSync(file, md);
log(`\n${md}\nwritten to ${file}`);
