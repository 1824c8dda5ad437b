import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../server/src/db/client.js';
import { checkCodes } from '../../../server/src/modules/codes/code.service.js';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'medoffice-codes-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `pnpm codes:import`'s script on an embedded database in `dir`; resolves with exit code and output. */
async function run(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/scripts/codes-import.ts', ...args], { cwd: root, env: { PATH: process.env.PATH, PGLITE_DATA_DIR: join(dir, 'db'), INIT_CWD: dir } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('pnpm codes:import', () => {
  it('imports an order file relative to the directory pnpm ran in, then refuses the same release', { timeout: 120_000 }, async () => {
    const order = (n: number, code: string, flag: 0 | 1, text: string) => `${String(n).padStart(5, '0')} ${code.padEnd(7)} ${flag} ${text.padEnd(60)} ${text}`;
    writeFileSync(join(dir, 'order.txt'), [order(1, 'E11', 0, 'Type 2 diabetes mellitus'), order(2, 'E119', 1, 'Type 2 diabetes mellitus without complications')].join('\r\n'));
    const ok = await run(['icd10cm', 'order.txt', '--version', '2026', '--effective', '2025-10-01']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ system: 'ICD10CM', version: '2026', codeCount: 2, engine: 'pglite' });
    const again = await run(['icd10cm', 'order.txt', '--version', '2026', '--effective', '2025-10-01']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has version 2026');
    const database = await openPglite(join(dir, 'db'));
    try {
      const problems = await checkCodes(database.db, null, { dateOfService: '2025-10-01', diagnoses: ['E11.9', 'E11'] });
      expect(problems.map((p) => [p.path, p.reason])).toEqual([['diagnoses.1', 'NOT_BILLABLE']]);
    } finally {
      await database.close();
    }
  });

  it.each([
    [['icd9', 'x.txt', '--version', '1', '--effective', '2025-10-01'], 'give the code set'],
    [['icd10cm', 'x.txt'], '--version and --effective are required'],
    [['cpt', 'x.txt', '--version', '1', '--effective', '2025-10-01'], '--practice is required for cpt'],
  ])('refuses a bad command line %j with usage (exit 2)', async (args, message) => {
    const res = await run(args);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
    expect(res.stderr).toContain('Usage: pnpm codes:import');
  });
});
