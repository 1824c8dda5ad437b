#!/usr/bin/env node
// `pnpm check:generated`: fails when a committed generated file differs from what the code generates
// now — schema/schema.graphql, the SDK in sdk/src/generated/, or the drizzle migrations. Generates
// into a temporary directory and leaves the working tree as it found it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const require = createRequire(join(root, 'package.json'));
// Tools run through node directly (not `pnpm exec`), so the check also works in a scratch copy of the repo.
const node = (args) => [process.execPath, args];
const drizzleKit = (...args) => node([join(dirname(require.resolve('drizzle-kit')), 'bin.cjs'), ...args]);
const tmp = mkdtempSync(join(tmpdir(), 'medoffice-check-generated-'));
/** @type {{ file: string; why: string; fix: string }[]} */
const problems = [];

function run([cmd, args]) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  if (r.error || r.status !== 0) {
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed${r.error ? ` (${r.error.message})` : ''}:\n${output}`);
  }
  return r.stdout;
}

const read = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : null);

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath ?? e.path, e.name)));
}

async function checkSchemaAndSdk() {
  const freshSchema = join(tmp, 'schema.graphql');
  // The same script `pnpm codegen` runs, writing to the temp file instead.
  run(node(['--import', 'tsx', 'server/src/scripts/emit-schema.ts', freshSchema]));
  if (read('schema/schema.graphql') !== read(freshSchema)) {
    problems.push({ file: 'schema/schema.graphql', why: 'differs from the type-graphql classes', fix: 'pnpm codegen' });
  }

  const { generate, loadCodegenConfig } = await import('@graphql-codegen/cli');
  const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.ts') });
  // The SDK is generated from the fresh schema, so a stale schema does not hide a stale SDK.
  const outputs = await generate({ ...config, schema: freshSchema, cwd: root, silent: true, verbose: false }, false);
  const expected = new Set();
  for (const { filename, content } of outputs) {
    const file = relative(root, resolve(root, filename));
    expected.add(file);
    const committed = read(file);
    if (committed === null) problems.push({ file, why: 'is missing', fix: 'pnpm codegen' });
    else if (committed !== content) problems.push({ file, why: 'differs from schema + schema/operations', fix: 'pnpm codegen' });
  }
  for (const dir of new Set([...expected].map((f) => dirname(f)))) {
    for (const file of listFiles(dir)) {
      if (!expected.has(file)) problems.push({ file, why: 'is not produced by codegen any more', fix: `git rm ${file}` });
    }
  }
}

function checkMigrations() {
  run(drizzleKit('check'));
  const before = new Set(listFiles('drizzle'));
  const journal = 'drizzle/meta/_journal.json';
  const journalBefore = read(journal);
  try {
    run(drizzleKit('generate', '--name', 'drift_check'));
  } finally {
    const created = listFiles('drizzle').filter((f) => !before.has(f));
    for (const file of created) rmSync(file);
    if (journalBefore !== null && read(journal) !== journalBefore) writeFileSync(journal, journalBefore);
    if (created.length > 0) {
      problems.push({ file: 'drizzle/', why: `lacks a migration for server/src/db/schema changes (drizzle-kit would create ${created.join(', ')})`, fix: 'pnpm db:generate --name <what-changed>' });
    }
  }
}

try {
  await checkSchemaAndSdk();
  checkMigrations();
} catch (err) {
  console.error(`check:generated could not run: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 2;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error('Stale generated files:');
  for (const p of problems) console.error(`  ${p.file} ${p.why} — fix: ${p.fix}`);
  process.exitCode = 1;
} else if (!process.exitCode) {
  console.log('Generated files are up to date: schema/schema.graphql, sdk/src/generated/, drizzle/.');
}
