import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { X12parser } from 'x12-parser';
import type { ClaimSnapshot } from '../modules/claims/claim-snapshot.js';
import { sampleClaim, sampleDependentClaim, sampleEnvelope, sampleNpi } from './claim-fixture.js';
import { build837P, X12BuildError } from './x12-837p.js';
import { checkX12 } from './x12-conformance.js';
import { parseX12 } from './x12-document.js';
import { SPEC_837P } from './x12-specs.js';

/** A segment as the independent parser (x12-parser) sees it: `name` plus "1", "2", … elements. */
type IndependentSegment = { name: string } & Record<string, string>;

/**
 * Parses X12 with x12-parser, a second library independent of node-x12 (tests only). It splits a
 * composite into "5", "5-1", "5-2", …; they are joined back with ":" so "5" is the whole composite.
 */
async function parseIndependently(raw: string): Promise<IndependentSegment[]> {
  const out: IndependentSegment[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from([raw])
      .pipe(new X12parser())
      .on('data', (d: IndependentSegment) => out.push(d))
      .on('end', resolve)
      .on('error', reject);
  });
  return out.map((seg) => {
    const joined: Record<string, string> = { ...seg };
    for (const key of Object.keys(seg).filter((k) => /^\d+-\d+$/.test(k)).sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]))) {
      const base = key.split('-')[0]!;
      joined[base] = `${joined[base]}:${seg[key]}`;
      delete joined[key];
    }
    return joined as IndependentSegment;
  });
}

const problemsOf = (raw: string) => checkX12(raw, SPEC_837P).map((p) => `${p.tag}${p.element ? `.${p.element}` : ''}: ${p.message}`);

/** Both judges: our strict checker finds nothing, and the independent parser reads a consistent envelope. */
async function conforming(raw: string): Promise<IndependentSegment[]> {
  expect(problemsOf(raw)).toEqual([]);
  expect(parseX12(raw).envelopeProblems).toEqual([]);
  const segs = await parseIndependently(raw);
  const names = segs.map((s) => s.name);
  const by = (n: string) => segs.find((s) => s.name === n)!;
  expect(names[0]).toBe('ISA');
  expect(names.slice(-3)).toEqual(['SE', 'GE', 'IEA']);
  expect(Number(by('SE')['1'])).toBe(names.indexOf('SE') - names.indexOf('ST') + 1);
  expect(by('SE')['2']).toBe(by('ST')['2']);
  expect([by('ST')['1'], by('ST')['3'], by('GS')['1'], by('GS')['8']]).toEqual(['837', '005010X222A1', 'HC', '005010X222A1']);
  expect(by('GE')).toMatchObject({ '1': '1', '2': by('GS')['6'] });
  expect(by('IEA')).toMatchObject({ '1': '1', '2': by('ISA')['13'] });
  for (const s of raw.split('~').filter((x) => x.trim())) expect(s.endsWith('*'), s).toBe(false);
  return segs;
}

const hlOf = (segs: IndependentSegment[]) => segs.filter((s) => s.name === 'HL').map((s) => [s['1'], s['2'], s['3'], s['4']]);
const find = (segs: IndependentSegment[], name: string, first?: string) => segs.filter((s) => s.name === name && (first === undefined || s['1'] === first));

/** Edits a good file segment by segment; SE01 is recounted unless asked not to. */
function edit(raw: string, f: (segs: string[]) => string[], recount = true): string {
  const segs = f(raw.split('~').filter((s) => s.trim()));
  if (recount) {
    const st = segs.findIndex((s) => s.startsWith('ST*'));
    const se = segs.findIndex((s) => s.startsWith('SE*'));
    segs[se] = segs[se]!.replace(/^SE\*\d+/, `SE*${se - st + 1}`);
  }
  return `${segs.join('~')}~`;
}
const without = (prefix: string) => (segs: string[]) => segs.filter((s) => !s.startsWith(prefix));

describe('build837P', () => {
  it('patient = subscriber: envelope, BHT, submitter/receiver, billing provider, subscriber, claim, lines', async () => {
    const raw = build837P([sampleClaim(1, { priorAuthorizationNumber: 'AUTH-77', patientPaidCents: 2500 })], sampleEnvelope());
    const segs = await conforming(raw);
    expect(find(segs, 'ISA')[0]).toMatchObject({ '13': '000000905', '15': 'T' });
    expect(find(segs, 'ST')[0]!['2']).toBe('0905');
    expect(find(segs, 'BHT')[0]).toMatchObject({ '1': '0019', '2': '00', '3': 'CB000905', '4': '20261126', '5': '1430', '6': 'CH' });
    expect(find(segs, 'NM1', '41')[0]).toMatchObject({ '2': '2', '3': 'TESTWOOD FAMILY PRACTICE', '8': '46', '9': 'MEDOFFICE' });
    expect(find(segs, 'PER')[0]).toMatchObject({ '1': 'IC', '2': 'BILLING DESK', '3': 'TE', '4': '3015550100' });
    expect(find(segs, 'NM1', '40')[0]).toMatchObject({ '3': 'SIMULATED CLEARINGHOUSE', '8': '46', '9': 'SIMCH' });
    expect(hlOf(segs)).toEqual([['1', '', '20', '1'], ['2', '1', '22', '0']]);
    expect(find(segs, 'PRV', 'BI')[0]).toMatchObject({ '2': 'PXC', '3': '207Q00000X' });
    expect(find(segs, 'NM1', '85')[0]).toMatchObject({ '2': '2', '8': 'XX', '9': sampleNpi('123456789') });
    expect(find(segs, 'N4')[0]).toMatchObject({ '1': 'TESTVILLE', '2': 'MD', '3': '207051234' });
    expect(find(segs, 'REF', 'EI')[0]!['2']).toBe('123456789');
    expect(find(segs, 'SBR')[0]).toMatchObject({ '1': 'P', '2': '18', '3': 'GRP100', '9': 'CI' });
    expect(find(segs, 'NM1', 'IL')[0]).toMatchObject({ '3': 'TESTFAMILY', '4': 'TESTGIVEN', '5': 'Q', '8': 'MI', '9': 'W100000001' });
    expect(find(segs, 'DMG')[0]).toMatchObject({ '1': 'D8', '2': '19800412', '3': 'F' });
    expect(find(segs, 'NM1', 'PR')[0]).toMatchObject({ '3': 'SIMULATED HEALTH PLAN', '8': 'PI', '9': 'SIM01' });
    expect(find(segs, 'PAT')).toHaveLength(0);
    expect(find(segs, 'CLM')[0]).toMatchObject({ '1': 'PA00000001', '2': '161.5', '5': '11:B:1', '6': 'Y', '7': 'A', '8': 'Y', '9': 'Y' });
    expect(find(segs, 'AMT', 'F5')[0]!['2']).toBe('25');
    expect(find(segs, 'REF', 'G1')[0]!['2']).toBe('AUTH-77');
    expect(find(segs, 'REF', 'F8')).toHaveLength(0);
    expect(find(segs, 'HI')[0]).toMatchObject({ '1': 'ABK:J069', '2': 'ABF:R05' });
    expect(find(segs, 'NM1', '82')[0]).toMatchObject({ '3': 'TESTDOC', '4': 'ADA', '8': 'XX', '9': sampleNpi('987654321') });
    expect(find(segs, 'PRV', 'PE')).toHaveLength(1);
    expect(find(segs, 'LX').map((s) => s['1'])).toEqual(['1', '2']);
    expect(find(segs, 'SV1').map((s) => [s['1'], s['2'], s['3'], s['4'], s['5'] ?? '', s['7']])).toEqual([['HC:99213', '126', 'UN', '1', '', '1:2'], ['HC:87880', '35.5', 'UN', '1', '', '1']]);
    expect(find(segs, 'DTP', '472').map((s) => [s['2'], s['3']])).toEqual([['D8', '20261120'], ['D8', '20261120']]);
  });

  it('dependent patient: HL 22 has a child HL 23 with PAT, NM1*QC, N3/N4, DMG; SBR02 empty, no subscriber DMG', async () => {
    const segs = await conforming(build837P([sampleDependentClaim(2)], sampleEnvelope()));
    expect(hlOf(segs)).toEqual([['1', '', '20', '1'], ['2', '1', '22', '1'], ['3', '2', '23', '0']]);
    expect(find(segs, 'SBR')[0]!['2']).toBe('');
    expect(find(segs, 'PAT')[0]!['1']).toBe('19');
    expect(find(segs, 'NM1', 'QC')[0]).toMatchObject({ '3': 'TESTFAMILY', '4': 'KID' });
    expect(find(segs, 'DMG').map((s) => s['2'])).toEqual(['20160601']);
    const names = segs.map((s) => s.name);
    expect(names.indexOf('CLM')).toBeGreaterThan(names.indexOf('PAT'));
  });

  it('replacement and void carry frequency 7/8 and REF*F8 with the payer claim number', async () => {
    for (const frequencyCode of ['7', '8'] as const) {
      const segs = await conforming(build837P([sampleClaim(3, { frequencyCode, originalPayerClaimNumber: 'PCN-2026-0001' })], sampleEnvelope()));
      expect(find(segs, 'CLM')[0]!['5']).toBe(`11:B:${frequencyCode}`);
      expect(find(segs, 'REF', 'F8')[0]!['2']).toBe('PCN-2026-0001');
    }
    expect(() => build837P([sampleClaim(3, { frequencyCode: '7' })], sampleEnvelope())).toThrow(X12BuildError);
  });

  it('many claims to one payer in one interchange: one transaction set, HLs grouped by billing provider', async () => {
    const other = { ...sampleClaim().billingProvider, name: 'Testwood Pediatrics', npi: sampleNpi('555666777') };
    const claims: ClaimSnapshot[] = [];
    for (let n = 1; n <= 12; n++) {
      const c = n % 3 === 0 ? sampleDependentClaim(n) : sampleClaim(n);
      claims.push(n % 4 === 0 ? { ...c, billingProvider: other } : c);
    }
    const raw = build837P(claims, sampleEnvelope());
    const segs = await conforming(raw);
    expect(find(segs, 'ST')).toHaveLength(1);
    expect(find(segs, 'CLM')).toHaveLength(12);
    expect(find(segs, 'NM1', '85').map((s) => s['3'])).toEqual(['TESTWOOD FAMILY PRACTICE', 'TESTWOOD PEDIATRICS']);
    // Every HL 22 hangs under an HL 20, every HL 23 under the HL 22 right before it, numbered in order.
    const hls = hlOf(segs);
    hls.forEach(([id, parent, level], i) => {
      expect(id).toBe(String(i + 1));
      const p = hls.find((h) => h[0] === parent);
      if (level === '20') expect(parent).toBe('');
      if (level === '22') expect(p?.[2]).toBe('20');
      if (level === '23') expect(p?.[2]).toBe('22');
    });
    expect(hls.filter((h) => h[2] === '23')).toHaveLength(4);
    // Claims of the second billing provider (4, 8, 12) follow its HL 20.
    expect(find(segs, 'CLM').map((s) => s['1']).slice(-3)).toEqual(['PA00000004', 'PA00000008', 'PA00000012']);
  });

  it('12 diagnoses (ABK then 11 ABF) and 4 pointers per line; modifiers, line POS, referring, facility', async () => {
    const diagnoses = ['J069', 'R05', 'R509', 'R0981', 'J029', 'H6690', 'R51', 'M545', 'E119', 'I10', 'Z23', 'R112'];
    const claim = sampleClaim(5, {
      diagnoses,
      lines: [{ ...sampleClaim().lines[0]!, modifiers: ['25', 'GT', '95', 'XU'], diagnosisPointers: [1, 5, 9, 12], placeOfServiceCode: '02' }],
      referringProvider: { npi: sampleNpi('111222333'), name: { family: 'Testreferrer', given: 'Bo', middle: null }, taxonomyCode: null },
      serviceFacility: { name: 'Testwood Annex', npi: null, address: { line1: '5 Annex Way', line2: null, city: 'Testville', state: 'MD', postalCode: '207051111' } },
    });
    claim.totalChargeCents = claim.lines[0]!.chargeCents;
    const segs = await conforming(build837P([claim], sampleEnvelope()));
    const hi = find(segs, 'HI')[0]!;
    expect(Array.from({ length: 12 }, (_, i) => hi[String(i + 1)])).toEqual(diagnoses.map((d, i) => `${i === 0 ? 'ABK' : 'ABF'}:${d}`));
    expect(find(segs, 'SV1')[0]).toMatchObject({ '1': 'HC:99213:25:GT:95:XU', '5': '02', '7': '1:5:9:12' });
    const names = segs.map((s) => `${s.name}${s.name === 'NM1' ? `*${s['1']}` : ''}`);
    // 2310A referring, 2310B rendering, 2310C facility, in the guide's order, before the first LX.
    expect([names.indexOf('NM1*DN'), names.indexOf('NM1*82'), names.indexOf('NM1*77'), names.indexOf('LX')]).toEqual([...[names.indexOf('NM1*DN'), names.indexOf('NM1*82'), names.indexOf('NM1*77'), names.indexOf('LX')]].sort((a, b) => a - b));
    expect(find(segs, 'NM1', '77')[0]).toMatchObject({ '3': 'TESTWOOD ANNEX' });
  });

  it('leaves out the rendering provider (2310B) when the billing provider rendered the service', async () => {
    const base = sampleClaim(6);
    const segs = await conforming(build837P([{ ...base, renderingProvider: { ...base.renderingProvider!, npi: base.billingProvider.npi } }], sampleEnvelope()));
    expect(find(segs, 'NM1', '82')).toHaveLength(0);
    expect(find(segs, 'PRV', 'PE')).toHaveLength(0);
  });

  it('refuses what cannot be one batch', () => {
    expect(() => build837P([], sampleEnvelope())).toThrow(X12BuildError);
    expect(() => build837P([sampleClaim(1), sampleClaim(2, { payer: { ...sampleClaim().payer, ediPayerId: 'OTHER' } })], sampleEnvelope())).toThrow(/one payer/);
    expect(() => build837P([sampleClaim(1), sampleClaim(1)], sampleEnvelope())).toThrow(/twice/);
    expect(() => build837P([sampleClaim(1, { diagnoses: Array.from({ length: 13 }, () => 'R05') })], sampleEnvelope())).toThrow(/1–12 diagnoses/);
    expect(() => build837P([sampleClaim(1, { lines: [{ ...sampleClaim().lines[0]!, diagnosisPointers: [3] }] })], sampleEnvelope())).toThrow(/points/);
    expect(() => build837P([sampleClaim(1)], sampleEnvelope({ transactionControlNumber: 0 }))).toThrow(RangeError);
  });
});

describe('the 837P conformance check catches wrong files', () => {
  const good = build837P([sampleClaim(1, { priorAuthorizationNumber: 'AUTH-1' }), sampleDependentClaim(2)], sampleEnvelope());

  it('accepts the good file', () => {
    expect(problemsOf(good)).toEqual([]);
  });
  it('a missing billing provider name (NM1*85)', () => {
    expect(problemsOf(edit(good, without('NM1*85')))).toEqual(expect.arrayContaining([expect.stringMatching(/^NM1: required loop 2010AA \(NM1\*85\) is missing in loop 2000A/)]));
  });
  it('an HL whose parent is not the level above', () => {
    expect(problemsOf(good.replace('HL*4*3*23*0', 'HL*4*1*23*0'))).toEqual(expect.arrayContaining(['HL.2: HL02 must name an earlier HL of level 22', 'HL.4: HL04 must be 0']));
  });
  it('a wrong SE count', () => {
    const se = /SE\*(\d+)\*(\d+)~/.exec(good)!;
    expect(problemsOf(good.replace(se[0], `SE*${Number(se[1]) - 1}*${se[2]}~`))).toEqual([expect.stringMatching(/^SE.1: SE01/)]);
  });
  it('ABF before ABK', () => {
    expect(problemsOf(good.replace('HI*ABK:J069*ABF:R05', 'HI*ABF:R05*ABK:J069'))).toEqual(['HI.1: HI01-1 "ABF" is not an allowed code', 'HI.2: HI02-1 "ABK" is not an allowed code']);
  });
  it('13 diagnoses, a malformed ICD-10 code, a pointer to a missing diagnosis', () => {
    const thirteen = ['ABK:J069', ...Array.from({ length: 12 }, (_, i) => `ABF:R${String(50 + i)}`)].join('*');
    expect(problemsOf(good.replace('HI*ABK:J069*ABF:R05', `HI*${thirteen}`))).toEqual(expect.arrayContaining(['HI.13: HI has 13 elements; the guide defines 12']));
    expect(problemsOf(good.replace('HI*ABK:J069*ABF:R05', 'HI*ABK:J06.9*ABF:R05'))).toEqual(expect.arrayContaining([expect.stringMatching(/^HI.1: HI01-2 has the wrong form/)]));
    expect(problemsOf(good.replace('HI*ABK:J069*ABF:R05', 'HI*ABK:J069'))).toEqual(expect.arrayContaining(['SV1.7: SV107 points to a diagnosis the claim does not have (1 on HI)']));
  });
  it('a replacement without REF*F8, a total that is not the sum of its lines', () => {
    expect(problemsOf(good.replace('*11:B:1*', '*11:B:7*'))).toEqual(['CLM.5: a replacement or void (CLM05-3 7/8) needs REF*F8 with the payer claim control number']);
    expect(problemsOf(good.replace('CLM*PA00000001*161.5*', 'CLM*PA00000001*161.6*'))).toEqual(['CLM.2: CLM02 161.6 is not the sum of the service line charges']);
  });
  it('a bad claim filing indicator, HL level, frequency code, SBR payer responsibility', () => {
    expect(problemsOf(good.replace('******CI~', '******XX~'))).toEqual(['SBR.9: SBR09 "XX" is not an allowed code']);
    expect(problemsOf(good.replace('*11:B:1*', '*11:B:5*'))).toEqual(['CLM.5: CLM05-3 "5" is not an allowed code']);
    expect(problemsOf(good.replace('SBR*P*18', 'SBR*Q*18'))).toEqual(['SBR.1: SBR01 "Q" is not an allowed code']);
    expect(problemsOf(good.replace('HL*4*3*23*0', 'HL*4*3*24*0'))[0]).toMatch(/^HL.3: HL03 "24"/);
  });
  it('the subscriber/patient split: SBR02, claim in the wrong HL, missing DMG', () => {
    expect(problemsOf(good.replace('SBR*P*18', 'SBR*P*'))).toEqual(['SBR.2: SBR02 must be 18 when the subscriber is the patient (no patient HL)']);
    expect(problemsOf(edit(good, without('DMG*D8*19800412')))).toEqual(['HL: DMG of loop 2010BA is required when the subscriber is the patient']);
  });
  it('segments out of order, a missing DTP*472, a billing ZIP of 5 digits, an NPI of 9 digits', () => {
    const moved = edit(good, (segs) => {
      const i = segs.findIndex((s) => s.startsWith('DTP*472'));
      [segs[i - 1], segs[i]] = [segs[i]!, segs[i - 1]!];
      return segs;
    });
    expect(problemsOf(moved)[0]).toMatch(/^(SV1|DTP): (required segment SV1 is missing in loop 2400|.*not expected here)/);
    expect(problemsOf(edit(good, (segs) => { segs.splice(segs.findIndex((s) => s.startsWith('DTP*472')), 1); return segs; }))[0]).toMatch(/^DTP: required segment DTP\*472 is missing in loop 2400/);
    expect(problemsOf(good.replace('N4*TESTVILLE*MD*207051234', 'N4*TESTVILLE*MD*20705'))).toEqual(['N4.3: N403 of loop 2010AA must be a nine-digit ZIP code']);
    expect(problemsOf(good.replace(`XX*${sampleNpi('123456789')}`, 'XX*123456789'))).toEqual(['NM1.9: NM109 "123456789" is not a 10-digit NPI']);
  });
});

describe('a 1,000-claim batch', () => {
  it('builds and conforms; prints how long building and checking take (a figure for the closing note, not a limit)', () => {
    const claims = Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? sampleDependentClaim(i + 1) : sampleClaim(i + 1)));
    const t0 = performance.now();
    const raw = build837P(claims, sampleEnvelope());
    const t1 = performance.now();
    const problems = checkX12(raw, SPEC_837P);
    const t2 = performance.now();
    expect(problems).toEqual([]);
    expect(raw.match(/~CLM\*/g)).toHaveLength(1000);
    console.log(`837P of 1,000 claims: ${raw.split('~').length - 1} segments, ${(raw.length / 1024).toFixed(0)} KiB; build ${(t1 - t0).toFixed(0)} ms, conformance check ${(t2 - t1).toFixed(0)} ms`);
  });
});
