import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAdjustmentGroupCsv, parseCarcCsv, unknownReasonCodes } from './era-carc-codes.js';
import { parse835 } from './x12-835.js';
import { ADJUSTMENT_GROUPS } from './x12-835-fields.js';

// The shared code lists (see their SOURCE.md), read in place, never copied into the repository.
const LISTS = '/work/shared/data/x12-code-lists';
const SAMPLES = '/work/shared/data/x12-samples/linuxforhealth/835_005010X221A1';

describe('parseCarcCsv on the shared CARC list', () => {
  const { codes, problems } = parseCarcCsv(readFileSync(`${LISTS}/carc.csv`, 'utf8'));

  it('reads all 407 codes without a problem, 26 of them inactive', () => {
    expect(problems).toEqual([]);
    expect(codes).toHaveLength(407);
    expect(codes.filter((c) => c.inactive)).toHaveLength(26);
    expect(new Set(codes.map((c) => c.code)).size).toBe(407);
  });

  it('keeps descriptions with commas and quotes whole', () => {
    const by = new Map(codes.map((c) => [c.code, c]));
    expect(by.get('45')).toEqual({ code: '45', description: 'Charges exceed your contracted/legislated fee arrangement.', inactive: false, startDate: null, stopDate: null });
    expect(by.get('1')?.description).toBe('Deductible Amount');
    expect(by.get('15')?.description).toMatch(/^Claim\/service adjusted because the submitted authorization number is missing, invalid, or does not apply/);
    for (const code of ['2', '3', '18', '50', '197', '253', 'A2', 'P1']) expect(by.has(code), code).toBe(true);
  });

  it('knows every reason code the public 835 samples use', () => {
    const known = new Set(codes.map((c) => c.code));
    for (const file of readdirSync(SAMPLES)) {
      const { remittance } = parse835(readFileSync(`${SAMPLES}/${file}`, 'utf8'));
      expect(unknownReasonCodes(remittance!, known), file).toEqual([]);
    }
    const { remittance } = parse835(readFileSync(`${SAMPLES}/managed-care.835`, 'utf8'));
    expect(unknownReasonCodes(remittance!, new Set(['1', '45']))).toEqual([
      { reason: 'A2', claimIndex: 0, lineNumber: null },
      { reason: 'A2', claimIndex: 1, lineNumber: null },
    ]);
  });
});

describe('parseAdjustmentGroupCsv on the shared group code list', () => {
  it('reads the five group codes, the ones the 835 spec allows', () => {
    const { codes, problems } = parseAdjustmentGroupCsv(readFileSync(`${LISTS}/claim-adjustment-group-codes.csv`, 'utf8'));
    expect(problems).toEqual([]);
    expect(codes.map((c) => c.code)).toEqual([...ADJUSTMENT_GROUPS]);
    expect(codes.find((c) => c.code === 'PR')?.description).toMatch(/^Patient Responsibility/);
  });
});

describe('parseCarcCsv lists every problem with its line', () => {
  it('a bad code, a duplicate, a missing description, a bad inactive flag, bad and inverted dates, a short row', () => {
    const csv = [
      'code,description,inactive,start_date,stop_date',
      '1,Deductible Amount,,1995-01-01,',
      'TOOLONG1,Too long,,,',
      '1,Duplicate,,,',
      '2,,,,',
      '3,"Co-pay, ""quoted""",X,,',
      '4,Dated,Y,2020-13-01,2019-01-01',
      '5,Inverted,,2020-01-01,2019-01-01',
      '6,Short row',
    ].join('\r\n');
    const { codes, problems } = parseCarcCsv(csv);
    // Only clean rows are imported; a quoted description keeps its comma and quotes.
    expect(codes.map((c) => [c.code, c.description, c.inactive, c.startDate, c.stopDate])).toEqual([['1', 'Deductible Amount', false, '1995-01-01', null]]);
    expect(parseCarcCsv('code,description,inactive\n3,"Co-pay, ""quoted""",Y').codes).toEqual([{ code: '3', description: 'Co-pay, "quoted"', inactive: true, startDate: null, stopDate: null }]);
    expect(problems).toEqual([
      { line: 3, message: '"TOOLONG1" is not a code (1–5 letters or digits)' },
      { line: 4, message: 'code 1 occurs twice' },
      { line: 5, message: 'code 2 has no description' },
      { line: 6, message: 'inactive must be Y, N or empty, not "X"' },
      { line: 7, message: 'start_date "2020-13-01" is not YYYY-MM-DD' },
      { line: 8, message: 'stop_date is before start_date' },
      { line: 9, message: 'has 2 fields; the header has 5' },
    ]);
  });

  it('a header without the required columns, an unclosed quote', () => {
    expect(parseCarcCsv('id,text\n1,x')).toEqual({ codes: [], problems: [{ line: 1, message: 'the header lacks the column(s) code, description' }] });
    expect(parseCarcCsv('code,description\n1,"open').problems).toEqual([{ line: 2, message: 'a quoted field is not closed' }]);
  });
});
