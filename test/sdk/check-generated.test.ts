import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let copy: string;

/** A scratch copy of the working tree (sharing node_modules), so breaking files never touches the repo. */
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'medoffice-check-copy-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repo, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) cpSync(join(repo, file), join(copy, file));
  for (const dir of ['.', 'server', 'sdk']) symlinkSync(join(repo, dir, 'node_modules'), join(copy, dir, 'node_modules'));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const check = () => spawnSync(process.execPath, ['scripts/check-generated.mjs'], { cwd: copy, encoding: 'utf8' });

describe('pnpm check:generated', () => {
  it('passes when generated files are current', { timeout: 120_000 }, () => {
    const r = check();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails listing every stale file, and leaves the migrations folder as it was', { timeout: 120_000 }, () => {
    appendFileSync(join(copy, 'schema/schema.graphql'), '\n# edited by hand\n');
    const sdk = join(copy, 'sdk/src/generated/sdk.ts');
    writeFileSync(sdk, readFileSync(sdk, 'utf8').replace("'HOME'", "'HOUSE'"));
    writeFileSync(join(copy, 'sdk/src/generated/leftover.ts'), 'export {};\n');
    const table = join(copy, 'server/src/db/schema/practices.ts');
    writeFileSync(table, readFileSync(table, 'utf8').replace('taxId: text(),', 'taxId: text(),\n  driftColumn: text(),'));
    const migrationsBefore = readdirSync(join(copy, 'drizzle'), { recursive: true }).sort();
    const journalBefore = readFileSync(join(copy, 'drizzle/meta/_journal.json'), 'utf8');

    const r = check();

    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Stale generated files:');
    expect(r.stderr).toMatch(/schema\/schema\.graphql differs .* fix: pnpm codegen/);
    expect(r.stderr).toMatch(/sdk\/src\/generated\/sdk\.ts differs .* fix: pnpm codegen/);
    expect(r.stderr).toMatch(/sdk\/src\/generated\/leftover\.ts is not produced by codegen/);
    expect(r.stderr).toMatch(/drizzle\/ lacks a migration .*drift_check.* fix: pnpm db:generate/);
    expect(readdirSync(join(copy, 'drizzle'), { recursive: true }).sort()).toEqual(migrationsBefore);
    expect(readFileSync(join(copy, 'drizzle/meta/_journal.json'), 'utf8')).toBe(journalBefore);
  });
});
