import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/client.js';
import { codeSetVersions } from '../../../server/src/db/schema/billing.js';
import { splitLines } from '../../../server/src/lib/csv.js';
import { parseCptFile, parseHcpcsAnweb, parseIcd10cm } from '../../../server/src/modules/codes/code-file.parsers.js';
import { importCodeSet } from '../../../server/src/modules/codes/code-import.service.js';
import { diagnosisCodes } from '../../../server/src/modules/codes/code-search.service.js';
import { checkCodes, describeCodes } from '../../../server/src/modules/codes/code.service.js';
import { createPractice } from '../../factories/practice.factory.js';
import { openTestDatabase } from '../../helpers/test-db.js';

// The official files, read in place from a `shared/` folder beside the checkout (never copied into it).
function findShared(dir: string): string | undefined {
  const candidate = join(dir, 'shared');
  if (existsSync(join(candidate, 'data/icd10cm'))) return candidate;
  return dirname(dir) === dir ? undefined : findShared(dirname(dir));
}
const SHARED = process.env.MEDOFFICE_SHARED_DIR ?? findShared(dirname(process.cwd()));
if (!SHARED) console.warn('code-import.test: no shared/data/icd10cm beside this checkout; the full-file import is skipped');

const order = (n: number, code: string, billable: 0 | 1, text: string) => `${String(n).padStart(5, '0')} ${code.padEnd(7)} ${billable} ${text.slice(0, 60).padEnd(60)} ${text}`;

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('importing ICD-10-CM releases from order files', () => {
  it('keeps the old release for dates before October 1 and refuses headers', async () => {
    const fy2021 = [order(1, 'M54', 0, 'Dorsalgia'), order(2, 'M545', 1, 'Low back pain'), order(3, 'E119', 1, 'Type 2 diabetes mellitus without complications')];
    const fy2022 = [order(1, 'M54', 0, 'Dorsalgia'), order(2, 'M545', 0, 'Low back pain'), order(3, 'M5450', 1, 'Low back pain, unspecified'), order(4, 'E119', 1, 'Type 2 diabetes mellitus without complications')];
    const a = await importCodeSet(database, { system: 'ICD10CM', label: '2021', effectiveFrom: '2020-10-01' }, parseIcd10cm(fy2021));
    const b = await importCodeSet(database, { system: 'ICD10CM', label: '2022', effectiveFrom: '2021-10-01' }, parseIcd10cm(fy2022));
    expect([a.codeCount, b.codeCount]).toEqual([3, 4]);
    const q = { diagnoses: ['M54.5', 'M54.50', 'M54', 'E11.9'] };
    const sept = await checkCodes(database.db, null, { dateOfService: '2021-09-30', ...q });
    expect(sept.map((p) => [p.path, p.reason])).toEqual([['diagnoses.1', 'NOT_IN_FORCE'], ['diagnoses.2', 'NOT_BILLABLE']]);
    const oct = await checkCodes(database.db, null, { dateOfService: '2021-10-01', ...q });
    expect(oct.map((p) => [p.path, p.reason])).toEqual([['diagnoses.0', 'NOT_BILLABLE'], ['diagnoses.2', 'NOT_BILLABLE']]);
  });

  it('refuses a second release with the same label and leaves nothing behind from a bad file', async () => {
    await expect(importCodeSet(database, { system: 'ICD10CM', label: '2022', effectiveFrom: '2022-10-01' }, parseIcd10cm([order(1, 'E119', 1, 'x')]))).rejects.toThrow(/already has version 2022/);
    const before = await database.db.select().from(codeSetVersions).where(eq(codeSetVersions.system, 'ICD10CM'));
    await expect(importCodeSet(database, { system: 'ICD10CM', label: '2023', effectiveFrom: '2022-10-01' }, parseIcd10cm([order(1, 'E119', 1, 'x'), 'garbage']))).rejects.toThrow(/line 2/);
    await expect(importCodeSet(database, { system: 'ICD10CM', label: '2023', effectiveFrom: '2022-10-01' }, parseIcd10cm([order(1, 'E119', 1, 'x'), order(2, 'E119', 1, 'x')]))).rejects.toThrow(/twice/);
    expect(await database.db.select().from(codeSetVersions).where(eq(codeSetVersions.system, 'ICD10CM'))).toEqual(before);
  });
});

describe('a practice’s licensed CPT import', () => {
  it('describes and checks CPT codes for that practice only', async () => {
    const mine = await createPractice(database.db);
    const other = await createPractice(database.db);
    await importCodeSet(database, { system: 'CPT', label: '2026', effectiveFrom: '2026-01-01', practiceId: mine }, parseCptFile(['99213\tLicensed description (test)', '25\tLicensed modifier text (test)']));
    const q = { dateOfService: '2026-02-01', procedures: ['99213', '99999'], modifiers: ['25'] };
    expect((await describeCodes(database.db, mine, q)).procedures[0]).toMatchObject({ description: 'Licensed description (test)', source: 'CPT' });
    expect((await describeCodes(database.db, other, q)).procedures[0]).toMatchObject({ description: null, source: null });
    // With a licensed file, a CPT number must be in it; without one, the format is enough.
    expect((await checkCodes(database.db, mine, q)).map((p) => [p.path, p.reason])).toEqual([['procedures.1', 'UNKNOWN']]);
    expect(await checkCodes(database.db, other, q)).toEqual([]);
    expect(await checkCodes(database.db, mine, { ...q, dateOfService: '2025-12-31' })).toEqual([]);
  });
});

describe.skipIf(!SHARED)('the full official files', () => {
  it('imports ICD-10-CM FY2026 and HCPCS with COPY in seconds and searches in milliseconds', { timeout: 180_000 }, async () => {
    const icdText = readFileSync(join(SHARED!, 'data/icd10cm/icd10cm-codes-2026.txt'), 'latin1');
    const icd = await importCodeSet(database, { system: 'ICD10CM', label: '2026', effectiveFrom: '2025-10-01' }, parseIcd10cm(splitLines(icdText)));
    expect(icd.codeCount).toBe(74_719);
    const hcpcsText = readFileSync(join(SHARED!, 'data/hcpcs/HCPC2025_OCT_ANWEB.csv'), 'latin1');
    const hcpcs = await importCodeSet(database, { system: 'HCPCS', label: '2025-OCT', effectiveFrom: '2025-10-01' }, parseHcpcsAnweb(splitLines(hcpcsText)));
    expect(hcpcs.codeCount).toBe(8_846);

    const timings: Record<string, number> = {};
    for (const search of ['diabetis', 'E11.6', 'low back pain', 'hypertenshun']) {
      await diagnosisCodes(database.db, { search, dateOfService: '2026-02-01', first: 20 });
      const t0 = performance.now();
      const page = await diagnosisCodes(database.db, { search, dateOfService: '2026-02-01', first: 20 });
      timings[search] = Math.round(performance.now() - t0);
      expect(page.edges.length).toBeGreaterThan(0);
    }
    const typo = await diagnosisCodes(database.db, { search: 'diabetis', dateOfService: '2026-02-01', first: 20 });
    expect(typo.edges.some((e) => e.node.code.startsWith('E11'))).toBe(true);
    const exact = await diagnosisCodes(database.db, { search: 'e11.65', dateOfService: '2026-02-01', first: 5 });
    expect(exact.edges[0]!.node.code).toBe('E11.65');
    const problems = await checkCodes(database.db, null, { dateOfService: '2026-02-01', diagnoses: ['QA0.0101', 'E11.9', 'E11'], procedures: ['G0439'], modifiers: ['GT', 'LT'] });
    expect(problems.map((p) => [p.path, p.reason])).toEqual([['diagnoses.2', 'UNKNOWN']]);
    console.log(`code-import figures (${database.engine}): ICD-10-CM ${icd.codeCount} codes COPY ${icd.copyMs} ms total ${icd.totalMs} ms; HCPCS ${hcpcs.codeCount} codes ${hcpcs.totalMs} ms; search ms ${JSON.stringify(timings)}`);
  });
});
