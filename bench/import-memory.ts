import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { type Database, openPglite, openPostgres } from '../server/src/db/client.js';
import { runMigrations } from '../server/src/db/migrate.js';
import { Role } from '../server/src/graphql/roles.js';
import { AuditTrail } from '../server/src/modules/audit/audit-trail.js';
import { runImport } from '../server/src/modules/imports/import.service.js';
import { patientsImport } from '../server/src/modules/patients/patients.import.js';
import { syntheticWord } from '../test/factories/patient.factory.js';

/**
 * Constant-memory proof of the import framework: a PATIENTS import of --rows rows (default 100,000) committed
 * in one transaction (dry run with --dry), the file generated as it is read. After every 500-row batch the
 * import's batch hook forces a full GC (`--expose-gc`) and records the retained JS heap (heapUsed) and
 * external memory (ArrayBuffers: PGlite's WASM memory lives there). Prints a markdown table.
 *
 *   node --expose-gc --import tsx bench/import-memory.ts [--rows 100000] [--engine pg|pglite] [--dry]
 *
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); the run uses its own
 * database, dropped at the end. PGlite: a temporary directory, removed at the end.
 */
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ROWS = Number(arg('rows', '100000'));
const ENGINE = arg('engine', 'pg');
const DRY = process.argv.includes('--dry');
const P = '00000000-0000-4000-8000-00000000b001';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const MB = (n: number) => (n / 2 ** 20).toFixed(1);

/** The file, one chunk of about 64 KiB at a time (never held whole). */
async function* file(): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  let chunk = 'given_name,family_name,date_of_birth,sex_at_birth,phone,email,address_line1,city,state,postal_code\n';
  for (let i = 0; i < ROWS; i++) {
    const dob = new Date(Date.UTC(1940, 0, 1) + ((i * 7919) % 29200) * 86_400_000).toISOString().slice(0, 10);
    chunk += `${syntheticWord(`g${i}`)},${syntheticWord(`f${i}`)},${dob},${i % 2 ? 'MALE' : 'FEMALE'},+1212555${String(i % 10_000).padStart(4, '0')},p${i}@example.test,${i} Main St,Springfield,IL,62701\n`;
    if (chunk.length > 65_536) {
      yield enc.encode(chunk);
      chunk = '';
    }
  }
  if (chunk) yield enc.encode(chunk);
}

async function open(): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (ENGINE === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'import-mem-'));
    const database = await openPglite(dir);
    const dispose = async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    };
    return { database, dispose };
  }
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `medoffice_bench_import_mem_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const database = openPostgres(u.toString(), 2);
  return {
    database,
    dispose: async () => {
      await database.close();
      await admin.unsafe(`drop database ${name}`);
      await admin.end();
    },
  };
}

const { database, dispose } = await open();
try {
  await runMigrations(database);
  await database.db.execute(`insert into practices (id, name) values ('${P}', 'Import Memory Bench')`);
  const principal = { userId: 'bench', practiceId: P, roles: [Role.PRACTICE_ADMIN], scopes: [] };
  const samples: { rows: number; heap: number; external: number }[] = [];
  gc();
  const start = process.memoryUsage();
  const t0 = performance.now();
  const row = await runImport(database.db, principal, new AuditTrail(principal, 'bench', 'import memory bench'), patientsImport(), file(), {
    dryRun: DRY,
    onBatch: (rows) => {
      gc();
      const m = process.memoryUsage();
      samples.push({ rows, heap: m.heapUsed, external: m.external });
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (row.status !== (DRY ? 'DRY_RUN' : 'COMMITTED') || row.rows !== ROWS) throw new Error(`unexpected outcome ${row.status} ${row.rows} rows, ${row.problemCount} problems`);
  const at = (n: number) => samples.find((s) => s.rows >= n) ?? samples[samples.length - 1]!;
  const warm = at(Math.min(10_000, ROWS));
  const last = samples[samples.length - 1]!;
  const peak = samples.reduce((a, s) => (s.heap > a.heap ? s : a));
  const lines = [
    `| engine | run | rows | time | heap before | heap after 10k rows | heap at end | peak (after batch) | growth 10k → end | external at end |`,
    `|---|---|---|---|---|---|---|---|---|---|`,
    `| ${ENGINE === 'pg' ? 'PostgreSQL 15' : 'PGlite'} | ${DRY ? 'dry run' : 'commit'} | ${ROWS} | ${seconds.toFixed(1)} s | ${MB(start.heapUsed)} MB | ${MB(warm.heap)} MB | ${MB(last.heap)} MB | ${MB(peak.heap)} MB at ${peak.rows} rows | ${MB(last.heap - warm.heap)} MB | ${MB(last.external)} MB |`,
    '',
    'Retained heap after a forced GC, every 10,000 rows:',
    '',
    `| rows | ${samples.filter((s) => s.rows % 10_000 === 0).map((s) => s.rows).join(' | ')} |`,
    `|---|${samples.filter((s) => s.rows % 10_000 === 0).map(() => '---').join('|')}|`,
    `| heap MB | ${samples.filter((s) => s.rows % 10_000 === 0).map((s) => MB(s.heap)).join(' | ')} |`,
  ];
  console.log(lines.join('\n'));
  console.log(`\nload average at the end: ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()}`);
} finally {
  await dispose();
}
