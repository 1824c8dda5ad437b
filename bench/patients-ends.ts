import postgres from 'postgres';
import { signToken } from '../server/src/graphql/auth.js';
import { Role } from '../server/src/graphql/roles.js';
import { PRACTICE_ID } from './dataset.js';
import { startApi } from './processes.js';

/**
 * `ENDS_DB=<database> node --import tsx bench/patients-ends.ts [N]`: the patients page (50 with coverages)
 * at the first page, the middle and the last page of a practice, through the API on one connection (N
 * requests each, alternating), with the page statement's EXPLAIN ANALYZE figures for the first and last
 * page: keyset paging by row comparison should make the last page cost what the first costs. Run it on a
 * copy of the quick dataset grown to the practice size you want (e.g. 100,000 patients).
 */
const n = Number(process.argv[2] ?? 200);
const base = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
base.pathname = `/${process.env.ENDS_DB ?? 'p100k'}`;
const url = base.toString();
const secret = 'bench-secret-bench-secret-bench-secret-0123';
const sql = postgres(url, { max: 1, onnotice: () => {} });
const [{ patients }] = (await sql`select count(*)::int as patients from patients where practice_id = ${PRACTICE_ID}`) as unknown as [{ patients: number }];
const [mid] = await sql`select family_name as f, given_name as g, id::text as i from patients where practice_id = ${PRACTICE_ID} order by 1, 2, 3 offset ${Math.floor(patients / 2)} limit 1`;
const cursor = Buffer.from(JSON.stringify([mid!.f, mid!.g, mid!.i]), 'utf8').toString('base64url');

const FIELDS = 'edges { node { id mrn dateOfBirth legalName { given family } coverages { id order memberId payerId effectiveDate endDate } } } pageInfo { hasNextPage hasPreviousPage }';
const pages: Record<string, string> = {
  first: JSON.stringify({ query: `{ patients(first: 50) { ${FIELDS} } }` }),
  middle: JSON.stringify({ query: `query P($after: String) { patients(first: 50, after: $after) { ${FIELDS} } }`, variables: { after: cursor } }),
  last: JSON.stringify({ query: `{ patients(last: 50) { ${FIELDS} } }` }),
};

const api = await startApi({ BENCH_DATABASE_URL: url, BENCH_JWT_SECRET: secret, BENCH_PRACTICE_ID: PRACTICE_ID, NODE_ENV: 'production' });
const token = await signToken(secret, { userId: 'bench-front-desk', practiceId: PRACTICE_ID, roles: [Role.FRONT_DESK] });
const post = async (body: string) => {
  const res = await fetch(`http://127.0.0.1:${api.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  const json = (await res.json()) as { errors?: unknown; data?: { patients: { edges: unknown[] } } };
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  if (json.data!.patients.edges.length !== 50) throw new Error('expected 50 patients');
};
const times: Record<string, number[]> = { first: [], middle: [], last: [] };
try {
  for (const body of Object.values(pages)) for (let i = 0; i < 20; i++) await post(body);
  for (let i = 0; i < n; i++) {
    for (const [name, body] of Object.entries(pages)) {
      const t0 = performance.now();
      await post(body);
      times[name]!.push(performance.now() - t0);
    }
  }
} finally {
  await api.stop();
}

// The page statements' own cost: the unranked name order the API uses, first page forward and last page backward.
const explain = async (forward: boolean) => {
  const dir = forward ? 'asc' : 'desc';
  const plan = await sql.unsafe(`explain (analyze, format json) select * from patients where practice_id = '${PRACTICE_ID}' order by family_name ${dir}, given_name ${dir}, id ${dir} limit 51`);
  const top = (plan[0] as unknown as { 'QUERY PLAN': [{ Plan: { Plans: [{ 'Node Type': string; 'Actual Rows': number }] }; 'Execution Time': number }] })['QUERY PLAN'][0];
  return { node: top.Plan.Plans[0]['Node Type'], rows: top.Plan.Plans[0]['Actual Rows'], ms: top['Execution Time'] };
};
const [firstPlan, lastPlan] = [await explain(true), await explain(false)];
await sql.end();

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
console.log(`${patients} patients in the practice; ${n} requests per page, one connection, alternating`);
console.log('| page | API p50 ms | API p95 ms |');
console.log('|---|---|---|');
for (const [name, xs] of Object.entries(times)) console.log(`| ${name} | ${p50(xs).toFixed(2)} | ${p95(xs).toFixed(2)} |`);
console.log(`rows subquery, first page: ${firstPlan.node}, ${firstPlan.rows} rows read, ${firstPlan.ms.toFixed(3)} ms; last page: ${lastPlan.node}, ${lastPlan.rows} rows read, ${lastPlan.ms.toFixed(3)} ms`);
