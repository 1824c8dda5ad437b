import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { carcCodes } from '../../../server/src/db/schema/remittances.js';
import { CarcFileError, importCarcCodes } from '../../../server/src/modules/remittances/carc-import.service.js';
import { acceptedClaim, post835, remittanceWorld, simulated835, submittedOf } from '../../factories/remittance.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// The shared code list, read where it lives (never copied into the repo).
const CARC_FILE = '/work/shared/data/x12-code-lists/carc.csv';
const root = join(import.meta.dirname, '../../..');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
const db = () => server.database.db;
const codeRow = async (code: string) => (await db().select().from(carcCodes).where(eq(carcCodes.code, code)))[0];

describe('CARC import and its descriptions on remittances', () => {
  const DENIALS = `query D($f: DenialFilter) { denials(filter: $f) { edges { node { adjustments { group reasonCode reasonDescription amount } } } } }`;
  const ADJUSTMENTS = `query C($id: ID!) { claim(id: $id) { adjustments { group reasonCode reasonDescription } } }`;

  it('a remittance posted before the import shows its CARC without a description; after the import with the list\'s wording', async () => {
    const w = await remittanceWorld(server);
    const denied = await acceptedClaim(w, '5');
    const posted = await post835(w, simulated835([submittedOf(denied)]).x12, 'carc-descriptions-1');
    expect(posted.errors).toBeUndefined();
    const before = await server.gql(w.biller, DENIALS, { f: { claimId: denied.id } });
    expect(before.errors).toBeUndefined();
    expect(before.data!.denials.edges.flatMap((e: any) => e.node.adjustments.map((a: any) => a.reasonDescription))).toEqual([null, null]);

    const result = await importCarcCodes(db(), readFileSync(CARC_FILE, 'utf8'));
    // SOURCE.md of the shared list: 407 codes, 26 flagged inactive.
    expect(result).toEqual({ codeCount: 407, inactiveCount: 26 });
    const after = await server.gql(w.biller, DENIALS, { f: { claimId: denied.id } });
    const co197 = ['CO', '197', 'Precertification/authorization/notification/pre-treatment absent.'];
    expect(after.data!.denials.edges.flatMap((e: any) => e.node.adjustments.map((a: any) => [a.group, a.reasonCode, a.reasonDescription]))).toEqual([co197, co197]);
    const adj = await server.gql(w.biller, ADJUSTMENTS, { id: denied.id });
    expect(adj.errors).toBeUndefined();
    expect(adj.data!.claim.adjustments.map((a: any) => [a.group, a.reasonCode, a.reasonDescription])).toEqual([co197, co197]);
  });

  it('imports the shared list exactly as written, again without duplicating, and keeps the inactive flag', async () => {
    await importCarcCodes(db(), readFileSync(CARC_FILE, 'utf8'));
    const again = await importCarcCodes(db(), readFileSync(CARC_FILE, 'utf8'));
    expect(again.codeCount).toBe(407);
    const rows = await db().select().from(carcCodes);
    expect(rows).toHaveLength(407);
    expect(await codeRow('1')).toMatchObject({ description: 'Deductible Amount', inactive: false, startDate: null, stopDate: null });
    expect(rows.filter((r) => r.inactive)).toHaveLength(26);
  });

  it('replaces a code\'s wording in place, keeps codes the new file lacks, and imports nothing from a file with a problem', async () => {
    await importCarcCodes(db(), readFileSync(CARC_FILE, 'utf8'));
    await importCarcCodes(db(), 'code,description,inactive,start_date,stop_date\n45,Charges exceed the fee arrangement (reworded).,N,1995-01-01,\n');
    expect(await codeRow('45')).toMatchObject({ description: 'Charges exceed the fee arrangement (reworded).', inactive: false, startDate: '1995-01-01' });
    expect(await db().select().from(carcCodes)).toHaveLength(407);

    const bad = 'code,description,inactive\n45,Changed again,\n45,Twice,\n2,Coinsurance Amount,MAYBE\n';
    const err = await importCarcCodes(db(), bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CarcFileError);
    expect((err as CarcFileError).problems.map((p) => p.line)).toEqual([3, 4]);
    expect((await codeRow('45'))!.description).toBe('Charges exceed the fee arrangement (reworded).');
    await expect(importCarcCodes(db(), 'code,description\n')).rejects.toThrow('holds no codes');
  });
});

describe('pnpm codes:import carc', () => {
  // The import itself is tested above through importCarcCodes (what the script calls); here only the
  // command line, which is refused before any database is opened (a fresh embedded database costs a
  // full migration run).
  async function run(args: string[]) {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/scripts/codes-import.ts', ...args], { cwd: root, env: { PATH: process.env.PATH, PGLITE_DATA_DIR: '/nonexistent/medoffice-carc-cli' } });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it.each([
    [['carc'], 'give the CARC file'],
    [['carc', CARC_FILE, '--version', '2026'], 'carc takes no --version'],
  ])('refuses %j with usage (exit 2)', async (args, message) => {
    const res = await run(args);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
    expect(res.stderr).toContain('pnpm codes:import carc <file>');
  });
});
