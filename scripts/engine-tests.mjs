// Lists the test files whose outcome can depend on the database engine: those that read TEST_DATABASE_URL or
// reach, through their relative imports, a helper that opens a test database or starts the server on one. CI runs the whole
// suite on PGlite and only these files again on PostgreSQL, so engine-independent tests (X12, PDF, SDK
// packaging, pure rules) run once.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const markers = ['test/helpers/test-db.ts', 'test/helpers/spawn-server.ts', 'test/helpers/scratch-database.ts'].map((p) => join(root, p));
const importRe = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|import\s*['"](\.[^'"]+)['"]/g;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const c of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')]) if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

const memo = new Map();
function reachesDatabase(file, stack = new Set()) {
  if (memo.has(file)) return memo.get(file);
  if (markers.includes(file)) return true;
  const src = readFileSync(file, 'utf8');
  // A file that reads TEST_DATABASE_URL itself (PostgreSQL-only cases, child processes) depends on the engine.
  if (src.includes('TEST_DATABASE_URL')) {
    memo.set(file, true);
    return true;
  }
  if (stack.has(file)) return false;
  stack.add(file);
  let hit = false;
  for (const m of src.matchAll(importRe)) {
    const target = resolveImport(file, m[1] ?? m[2] ?? m[3]);
    if (target && reachesDatabase(target, stack)) { hit = true; break; }
  }
  stack.delete(file);
  memo.set(file, hit);
  return hit;
}

const files = ['server/src', 'sdk/src', 'test'].flatMap((d) => walk(join(root, d)));
const picked = files.filter((f) => reachesDatabase(f)).map((f) => relative(root, f)).sort();
if (process.argv.includes('--count')) console.log(`${picked.length} of ${files.length} test files depend on the engine`);
else console.log(picked.join('\n'));
