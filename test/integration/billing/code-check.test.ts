import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/client.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { insertCodes, insertVersion } from '../../../server/src/modules/codes/code.repo.js';
import { checkCodes, describeCodes } from '../../../server/src/modules/codes/code.service.js';
import { insertEntries, insertSchedule } from '../../../server/src/modules/fees/fee.repo.js';
import { createPractice } from '../../factories/practice.factory.js';
import { openTestDatabase } from '../../helpers/test-db.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  expect(await ensureCodeFixture(database.db)).toBe(true);
  expect(await ensureCodeFixture(database.db)).toBe(false);
});
afterAll(() => database.close());

const reasons = (problems: { path: string; reason: string }[]) => Object.fromEntries(problems.map((p) => [p.path, p.reason]));

describe('checkCodes on the fixture', () => {
  it('accepts valid billable codes, CPT numbers by format and CPT modifiers', async () => {
    const problems = await checkCodes(database.db, null, { dateOfService: '2026-03-02', diagnoses: ['E11.9', 'i10', 'Z00.00'], procedures: ['99213', 'G0439', '0001U'], modifiers: ['25', 'GT', 'rt', '95'] });
    expect(problems).toEqual([]);
  });

  it('reports every problem with its path, code and reason', async () => {
    const problems = await checkCodes(database.db, null, { dateOfService: '2026-03-02', diagnoses: ['E11.9', 'E11', 'X99.9', 'hello', 'M54.5'], procedures: ['9921', 'G9999', '99214'], modifiers: ['ZZ', 'GTX'] });
    expect(reasons(problems)).toEqual({
      'diagnoses.1': 'NOT_BILLABLE',
      'diagnoses.2': 'UNKNOWN',
      'diagnoses.3': 'MALFORMED',
      'diagnoses.4': 'NOT_BILLABLE',
      'procedures.0': 'MALFORMED',
      'procedures.1': 'UNKNOWN',
      'modifiers.0': 'UNKNOWN',
      'modifiers.1': 'MALFORMED',
    });
    expect(problems[0]).toMatchObject({ list: 'diagnoses', index: 1, code: 'E11', message: expect.stringContaining('category') });
  });

  it('refuses codes before any version is in force', async () => {
    const problems = await checkCodes(database.db, null, { dateOfService: '2014-01-01', diagnoses: ['E11.9'] });
    expect(problems[0]).toMatchObject({ reason: 'NO_CODE_SET' });
  });
});

describe('versioning by date of service across an October 1 change', () => {
  beforeAll(async () => {
    const fy25 = await insertVersion(database.db, { system: 'ICD10CM', label: '2025', effectiveFrom: '2024-10-01' });
    await insertCodes(database.db, [
      { versionId: fy25.id, kind: 'DIAGNOSIS', code: 'M545', billable: true, shortDescription: null, description: 'Low back pain' },
      { versionId: fy25.id, kind: 'DIAGNOSIS', code: 'E119', billable: true, shortDescription: null, description: 'Type 2 diabetes mellitus without complications' },
    ]);
    const fy26 = await insertVersion(database.db, { system: 'ICD10CM', label: '2026', effectiveFrom: '2025-10-01' });
    await insertCodes(database.db, [
      { versionId: fy26.id, kind: 'DIAGNOSIS', code: 'M54', billable: false, shortDescription: null, description: 'Dorsalgia' },
      { versionId: fy26.id, kind: 'DIAGNOSIS', code: 'M545', billable: false, shortDescription: null, description: 'Low back pain' },
      { versionId: fy26.id, kind: 'DIAGNOSIS', code: 'M5450', billable: true, shortDescription: null, description: 'Low back pain, unspecified' },
      { versionId: fy26.id, kind: 'DIAGNOSIS', code: 'E119', billable: true, shortDescription: null, description: 'Type 2 diabetes mellitus without complications' },
    ]);
  });

  it('uses the version in force on the date of service', async () => {
    const before = await checkCodes(database.db, null, { dateOfService: '2025-09-30', diagnoses: ['M54.5', 'M54.50', 'E11.9'] });
    expect(reasons(before)).toEqual({ 'diagnoses.1': 'NOT_IN_FORCE' });
    expect(before[0]!.message).toContain('2025');
    const after = await checkCodes(database.db, null, { dateOfService: '2025-10-01', diagnoses: ['M54.5', 'M54.50', 'E11.9'] });
    expect(reasons(after)).toEqual({ 'diagnoses.0': 'NOT_BILLABLE' });
    // The older release stays: a late claim for September is still checked against it.
    const late = await checkCodes(database.db, null, { dateOfService: '2025-01-15', diagnoses: ['M54.5'] });
    expect(late).toEqual([]);
  });
});

describe('describeCodes', () => {
  it('describes codes as of the date, CPT from the practice charge-master label only', async () => {
    const practiceId = await createPractice(database.db);
    const master = await insertSchedule(database.db, practiceId, 'Charge master', null);
    await insertEntries(database.db, [{ practiceId, scheduleId: master.id, code: '99213', amountCents: 13000, effectiveFrom: '2026-01-01', label: 'Office visit, established' }]);
    const d = await describeCodes(database.db, practiceId, { dateOfService: '2026-03-02', diagnoses: ['e119'], procedures: ['99213', '99214', 'G0439'], modifiers: ['GT'] });
    expect(d.diagnoses[0]).toMatchObject({ code: 'E119', display: 'E11.9', description: 'Type 2 diabetes mellitus without complications', billable: true, source: 'ICD10CM' });
    expect(d.procedures.map((p) => [p.code, p.description, p.source])).toEqual([
      ['99213', 'Office visit, established', 'FEE_SCHEDULE'],
      ['99214', null, null],
      ['G0439', expect.stringContaining('Annual wellness visit'), 'HCPCS'],
    ]);
    expect(d.modifiers[0]).toMatchObject({ code: 'GT', source: 'HCPCS' });
    const other = await createPractice(database.db);
    const theirs = await describeCodes(database.db, other, { dateOfService: '2026-03-02', procedures: ['99213'] });
    expect(theirs.procedures[0]!.description).toBeNull();
  });
});
