import postgres from 'postgres';
import { signToken } from '../server/src/graphql/auth.js';
import { Role } from '../server/src/graphql/roles.js';
import { describe, ensureDataset, QUICK } from './dataset.js';
import { ensureBenchCoverages, PATIENTS_QUERY, patientCursor } from './patients-bench.js';
import { CLAIMS_QUERY, ensureBenchClaims } from './claims-bench.js';
import { cpuSeconds, peakRssMiB, startApi } from './processes.js';
import { prng, scenarios } from './scenarios.js';
import { ensureBenchSuperbills, SUPERBILLS_QUERY } from './superbills-bench.js';

/**
 * `node --import tsx bench/cpu-per-request.ts [N] [scenario,…]`: the API's Node CPU per request for the day
 * view, the superbills, patients and claims pages, N each after a warm-up (all scenarios unless named).
 * CPU per request is what stays comparable when other processes load the machine; req/s does not. Uses
 * a scratch copy of the quick bench database (CPU_DB, kept between runs). CPU_PROF=dir writes a V8 CPU
 * profile. CONCURRENCY=c keeps c requests in flight (the bench runs 16) and the peak RSS printed after
 * each scenario is then the server's peak under that load.
 */
const n = Number(process.argv[2] ?? 300);
const only = process.argv[3]?.split(',') ?? null;
const concurrency = Number(process.env.CONCURRENCY ?? 1);
const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = process.env.CPU_DB ?? 'cpu_per_request';
const secret = 'bench-secret-bench-secret-bench-secret-0123';
const u = new URL(baseUrl);
u.pathname = `/${dbName}`;
const url = u.toString();
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
if ((await admin`select 1 from pg_database where datname = ${dbName}`).length === 0) {
  await ensureDataset(baseUrl, QUICK, (m) => process.stdout.write(`${m}\n`));
  await admin.unsafe(`create database ${dbName} template ${QUICK.name}`);
}
await admin.end();
const ds0 = await describe(url, QUICK);
const sql = postgres(url, { max: 1, onnotice: () => {} });
await ensureBenchSuperbills(sql, ds0.practiceId, 2_000);
await ensureBenchCoverages(sql, ds0.practiceId);
await ensureBenchClaims(sql, ds0.practiceId);
const claimDates = (await sql`select distinct date_of_service::text as d from claims order by 1`).map((r) => r.d as string);
const dates = (await sql`select distinct date_of_service::text as d from superbills order by 1`).map((r) => r.d as string);
const keys = (await sql`select family_name as f, given_name as g, id::text as i from patients where practice_id = ${ds0.practiceId} order by 1, 2, 3`).map((r) => [r.f, r.g, r.i] as [string, string, string]);
await sql.end();

const env: Record<string, string> = { BENCH_DATABASE_URL: url, BENCH_JWT_SECRET: secret, BENCH_PRACTICE_ID: ds0.practiceId, NODE_ENV: 'production' };
const api = await startApi(env, process.env.CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF}`] : []);
const token = await signToken(secret, { userId: 'bench-front-desk', practiceId: ds0.practiceId, roles: [Role.FRONT_DESK] });
const apiUrl = `http://127.0.0.1:${api.port}/graphql`;
const rand = prng(5);
const s = scenarios({ ...ds0, url }, 42);
const bodies: Record<string, () => string> = {
  // The fixed cost of a request (HTTP, token, Apollo, the audit-free empty answer): no resolver, no SQL.
  typename: () => JSON.stringify({ query: '{ __typename }' }),
  day: s.day,
  superbills: () => JSON.stringify({ query: SUPERBILLS_QUERY, variables: { to: dates[Math.floor(rand() * dates.length)] } }),
  patients: () => JSON.stringify({ query: PATIENTS_QUERY, variables: { after: patientCursor(keys[Math.floor(rand() * (keys.length - 50))]!) } }),
  claims: () => JSON.stringify({ query: CLAIMS_QUERY, variables: { to: claimDates[Math.floor(rand() * claimDates.length)] } }),
};
/** n requests with `concurrency` in flight. */
async function drive(body: () => string, count: number): Promise<void> {
  let left = count;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (left-- > 0) await post(body());
    }),
  );
}
async function post(body: string): Promise<any> {
  const res = await fetch(apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  const json = await res.json();
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json;
}
try {
  for (const [name, body] of Object.entries(bodies)) {
    if (only && !only.includes(name)) continue;
    let statements = 0;
    for (let i = 0; i < 100; i++) statements = (await post(body())).extensions?.stats?.sqlStatements ?? 0;
    const c0 = cpuSeconds(api.proc.pid!);
    const t0 = performance.now();
    await drive(body, n);
    const ms = ((cpuSeconds(api.proc.pid!) - c0) * 1000) / n;
    const rss = peakRssMiB(api.proc.pid!);
    process.stdout.write(`${name}: Node CPU ${ms.toFixed(2)} ms/req, ${statements} statements, wall ${((performance.now() - t0) / n).toFixed(2)} ms/req, concurrency ${concurrency}, peak RSS so far ${rss.toFixed(0)} MiB\n`);
  }
} finally {
  await api.stop();
}
