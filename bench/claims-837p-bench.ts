import { execSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sampleClaim, sampleDependentClaim, sampleEnvelope } from '../server/src/x12/claim-fixture.js';
import { build837P } from '../server/src/x12/x12-837p.js';
import { checkX12 } from '../server/src/x12/x12-conformance.js';
import { SPEC_837P } from '../server/src/x12/x12-specs.js';

/**
 * Builds and validates the 837P of one batch of N claims, the way submitClaims does for one payer
 * route (build837P, then checkX12 against 005010X222A1), and prints p50/p90/max of each step with the
 * machine load before and after, and the process's CPU time for both steps (a figure less bent by
 * other processes on a shared machine than wall time). No database: it measures the Node work of the file alone.
 *
 *   pnpm tsx bench/claims-837p-bench.ts [--claims 1000] [--runs 15] [--warmup 3]
 *
 * One claim in four is a dependent's (patient HL 23), one in five carries a prior authorization, so the
 * file has every loop the builder writes for an original claim.
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const count = arg('claims', 1000);
const runs = arg('runs', 15);
const warmup = arg('warmup', 3);

const claims = Array.from({ length: count }, (_, i) => {
  const n = i + 1;
  const over = n % 5 === 0 ? { priorAuthorizationNumber: `PA${n}` } : {};
  return n % 4 === 0 ? sampleDependentClaim(n, over) : sampleClaim(n, over);
});
const envelope = sampleEnvelope();

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))]!;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const build: number[] = [];
const check: number[] = [];
// CPU time of this process (user + system) per build + check: less bent by other processes on a busy machine than wall time.
const cpu: number[] = [];
let bytes = 0;
let segments = 0;
const loadBefore = load();
for (let r = 0; r < warmup + runs; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const x12 = build837P(claims, envelope);
  const t1 = performance.now();
  const problems = checkX12(x12, SPEC_837P);
  const t2 = performance.now();
  const used = process.cpuUsage(c0);
  if (problems.length) throw new Error(`the benchmark's file does not conform: ${problems.slice(0, 3).map((p) => `${p.tag} ${p.message}`).join('; ')}`);
  if (r < warmup) continue;
  build.push(t1 - t0);
  check.push(t2 - t1);
  cpu.push((used.user + used.system) / 1000);
  bytes = x12.length;
  segments = x12.split('~').filter((s) => s.trim()).length;
}
const total = build.map((b, i) => b + check[i]!);
const row = (name: string, xs: number[]) => `| ${name} | ${pct(xs, 0.5).toFixed(1)} | ${pct(xs, 0.9).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`;
const rev = (() => {
  try {
    return execSync('git rev-parse --short HEAD').toString().trim();
  } catch {
    return '?';
  }
})();
console.log(`837P of ${count} claims (${segments} segments, ${(bytes / 1024).toFixed(0)} KiB), ${runs} runs after ${warmup} warm-up, node ${process.version}, at ${rev}`);
console.log(`load average (1/5/15 min) before: ${loadBefore}; after: ${load()}`);
console.log('| step | p50 ms | p90 ms | max ms |\n|---|---|---|---|');
console.log(row('build837P', build));
console.log(row('checkX12 (005010X222A1)', check));
console.log(row('build + check', total));
console.log(row('build + check, process CPU time', cpu));
