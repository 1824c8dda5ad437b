import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { X12parser } from 'x12-parser';
import { build270, type EligibilityInquiry } from './x12-270.js';
import { parse271 } from './x12-271.js';
import { parseX12 } from './x12-document.js';

/** A segment as the independent parser (x12-parser) sees it: `name` plus "1", "2", … elements. */
type IndependentSegment = { name: string } & Record<string, string>;

/** Parses X12 with x12-parser, a second library independent of node-x12 (tests only). */
async function parseIndependently(raw: string): Promise<IndependentSegment[]> {
  const out: IndependentSegment[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from([raw])
      .pipe(new X12parser())
      .on('data', (d: IndependentSegment) => out.push(d))
      .on('end', resolve)
      .on('error', reject);
  });
  return out;
}


const parties = { senderId: 'MEDOFFICE', receiverId: 'SIMCH', usage: 'T' as const };
const base: EligibilityInquiry = {
  controlNumber: 4711,
  traceNumber: 'EC0000004711',
  at: new Date('2026-11-26T23:45:00Z'),
  payer: { name: 'Acme Health*Plan~', ediPayerId: '60054' },
  provider: { npi: '1234567893', given: 'Ada', family: 'Lovelace' },
  subscriber: { given: 'Testgiven', family: 'Testfamily', dateOfBirth: '1980-04-12', sex: 'FEMALE', memberId: 'ABC123456', groupNumber: 'GRP-9' },
  dateOfService: '2026-12-01',
  serviceTypeCodes: ['30', '98'],
};

describe('build270', () => {
  it('produces an envelope whose counts and control numbers match, read by an independent parser', async () => {
    const raw = build270(base, parties);
    const segs = await parseIndependently(raw);
    const names = segs.map((s) => s.name);
    expect(names[0]).toBe('ISA');
    expect(names.slice(-3)).toEqual(['SE', 'GE', 'IEA']);
    const by = (n: string) => segs.find((s) => s.name === n)!;
    const stIndex = names.indexOf('ST');
    const seIndex = names.indexOf('SE');
    expect(Number(by('SE')['1'])).toBe(seIndex - stIndex + 1);
    expect(by('SE')['2']).toBe(by('ST')['2']);
    expect(by('ST')['1']).toBe('270');
    expect(by('ST')['3']).toBe('005010X279A1');
    expect(by('GS')['8']).toBe('005010X279A1');
    expect(by('GS')['1']).toBe('HS');
    expect(by('GE')['2']).toBe(by('GS')['6']);
    expect(by('GE')['1']).toBe('1');
    expect(by('ISA')['13']).toBe('000004711');
    expect(by('IEA')['2']).toBe('000004711');
    expect(by('IEA')['1']).toBe('1');
    // ISA is fixed width: 106 characters including the segment terminator.
    expect(raw.indexOf('~')).toBe(105);
  });

  it('builds the subscriber loops: payer, provider NPI, subscriber, TRN, DMG, DTP*291, one EQ per code', async () => {
    const segs = await parseIndependently(build270(base, parties));
    const body = segs.filter((s) => !['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA'].includes(s.name));
    const hl = body.filter((s) => s.name === 'HL').map((s) => [s['1'], s['2'], s['3'], s['4']]);
    expect(hl).toEqual([['1', '', '20', '1'], ['2', '1', '21', '1'], ['3', '2', '22', '0']]);
    const nm1 = body.filter((s) => s.name === 'NM1');
    expect(nm1.map((s) => s['1'])).toEqual(['PR', '1P', 'IL']);
    expect(nm1[0]!['3']).toBe('ACME HEALTH PLAN');
    expect([nm1[0]!['8'], nm1[0]!['9']]).toEqual(['PI', '60054']);
    expect([nm1[1]!['8'], nm1[1]!['9']]).toEqual(['XX', '1234567893']);
    expect([nm1[2]!['8'], nm1[2]!['9']]).toEqual(['MI', 'ABC123456']);
    expect(body.find((s) => s.name === 'TRN')).toMatchObject({ '1': '1', '2': 'EC0000004711' });
    expect(body.find((s) => s.name === 'DMG')).toMatchObject({ '1': 'D8', '2': '19800412', '3': 'F' });
    expect(body.find((s) => s.name === 'DTP')).toMatchObject({ '1': '291', '2': 'D8', '3': '20261201' });
    expect(body.filter((s) => s.name === 'EQ').map((s) => s['1'])).toEqual(['30', '98']);
    expect(body.find((s) => s.name === 'BHT')).toMatchObject({ '1': '0022', '2': '13', '3': 'EC0000004711', '4': '20261126', '5': '2345' });
  });

  it('adds the dependent loop (HL 23) when the patient is not the subscriber', async () => {
    const raw = build270({ ...base, dependent: { given: 'Kid', family: 'Testfamily', dateOfBirth: '2015-06-01', sex: 'MALE', relationshipCode: '19' } }, parties);
    const segs = await parseIndependently(raw);
    const names = segs.map((s) => s.name);
    const hl = segs.filter((s) => s.name === 'HL').map((s) => [s['1'], s['2'], s['3'], s['4']]);
    expect(hl).toEqual([['1', '', '20', '1'], ['2', '1', '21', '1'], ['3', '2', '22', '1'], ['4', '3', '23', '0']]);
    // The inquiry (TRN, DTP, EQ) sits in the dependent's loop, after HL 23.
    const hl23 = names.lastIndexOf('HL');
    expect(names.indexOf('TRN')).toBeGreaterThan(hl23);
    expect(names.indexOf('DTP')).toBeGreaterThan(hl23);
    expect(segs.find((s) => s.name === 'NM1' && s['1'] === '03')).toMatchObject({ '3': 'TESTFAMILY', '4': 'KID' });
    expect(segs.find((s) => s.name === 'INS')).toMatchObject({ '1': 'N', '2': '19' });
    const doc = parseX12(raw);
    expect(doc.envelopeProblems).toEqual([]);
  });

  it('is read back by our own envelope check without problems, and has no trailing empty elements', () => {
    const raw = build270(base, parties);
    expect(parseX12(raw).envelopeProblems).toEqual([]);
    expect(raw).not.toMatch(/\*~/);
  });

  it('rejects an out-of-range control number', () => {
    expect(() => build270({ ...base, controlNumber: 1_000_000_000 }, parties)).toThrow(RangeError);
  });

  it('is not mistaken for a 271', () => {
    expect(() => parse271(build270(base, parties))).toThrow(/expected a 271/);
  });
});
