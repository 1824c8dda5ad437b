import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { X12parser } from 'x12-parser';
import { sampleClaim, sampleDependentClaim, sampleEnvelope, sampleSecondaryClaim } from './claim-fixture.js';
import { build837P, X12BuildError } from './x12-837p.js';
import { checkX12 } from './x12-conformance.js';
import { SPEC_837P } from './x12-specs.js';

type Seg = { name: string } & Record<string, string>;

/** x12-parser (independent of our writer and checker) reads the file; composites joined back with ":". */
async function parseIndependently(raw: string): Promise<Seg[]> {
  const out: Seg[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from([raw]).pipe(new X12parser()).on('data', (d: Seg) => out.push(d)).on('end', resolve).on('error', reject);
  });
  return out.map((s) => {
    const joined: Record<string, string> = { ...s };
    for (const key of Object.keys(s).filter((k) => /^\d+-\d+$/.test(k)).sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]))) {
      const base = key.split('-')[0]!;
      joined[base] = `${joined[base]}:${s[key]}`;
      delete joined[key];
    }
    return joined as Seg;
  });
}

const problemsOf = (raw: string) => checkX12(raw, SPEC_837P).map((p) => `${p.tag}${p.element ? `.${p.element}` : ''}${p.loop ? ` [${p.loop}]` : ''}: ${p.message}`);

/** Edits a good file segment by segment and recounts SE01. */
function edit(raw: string, f: (segs: string[]) => string[]): string {
  const segs = f(raw.split('~').filter((s) => s.trim()));
  const st = segs.findIndex((s) => s.startsWith('ST*'));
  const se = segs.findIndex((s) => s.startsWith('SE*'));
  segs[se] = segs[se]!.replace(/^SE\*\d+/, `SE*${se - st + 1}`);
  return `${segs.join('~')}~`;
}
/** Replaces the n-th (0-based) segment starting with `prefix`. */
const replaceNth = (prefix: string, n: number, by: string | null) => (segs: string[]) => {
  let seen = -1;
  return segs.flatMap((s) => (s.startsWith(prefix) && ++seen === n ? (by === null ? [] : [by]) : [s]));
};

const secondary = () => build837P([sampleSecondaryClaim(1)], sampleEnvelope());

describe('837P coordination of benefits (loops 2320, 2330A, 2330B, 2430)', () => {
  it('a secondary claim carries the primary payer\'s adjudication and conforms; x12-parser reads the same values', async () => {
    const raw = secondary();
    expect(problemsOf(raw)).toEqual([]);
    const segs = await parseIndependently(raw);
    const all = (name: string, first?: string) => segs.filter((s) => s.name === name && (first === undefined || s['1'] === first));
    const [sbr2000, sbr2320] = all('SBR');
    expect(sbr2000).toMatchObject({ '1': 'S', '2': '18', '3': 'GRP200', '9': 'CI' });
    expect(sbr2320).toMatchObject({ '1': 'P', '2': '18', '3': 'GRP100', '9': 'CI' });
    // 126.00 and 35.50 charged: 80 % allowed, 20 % coinsurance → paid 80.64 + 22.72.
    expect(all('AMT', 'D')[0]!['2']).toBe('103.36');
    expect(all('AMT', 'EAF')[0]!['2']).toBe('25.84');
    expect(all('OI')[0]).toMatchObject({ '3': 'Y', '6': 'Y' });
    expect(all('NM1', 'IL').map((s) => s['9'])).toEqual(['S200000001', 'W100000001']);
    expect(all('NM1', 'PR').map((s) => s['9'])).toEqual(['SIM02', 'SIM01']);
    expect(all('REF', 'F8')[0]!['2']).toBe('ICN0001');
    expect(all('SVD').map((s) => [s['1'], s['2'], s['3'], s['5']])).toEqual([['SIM01', '80.64', 'HC:99213', '1'], ['SIM01', '22.72', 'HC:87880', '1']]);
    expect(all('CAS').map((s) => [s['1'], s['2'], s['3']])).toEqual([['CO', '45', '25.2'], ['PR', '2', '20.16'], ['CO', '45', '7.1'], ['PR', '2', '5.68']]);
    expect(all('DTP', '573').map((s) => s['3'])).toEqual(['20261201', '20261201']);
    // Order: 2320 after the claim's providers and before the lines; 2430 after the line's DTP*472.
    const names = segs.map((s) => `${s.name}${s['1'] ? `*${s['1']}` : ''}`);
    expect(names.indexOf('SBR*P')).toBeLessThan(names.indexOf('LX*1'));
    expect(names.slice(names.indexOf('LX*1'), names.indexOf('LX*2'))).toEqual(['LX*1', 'SV1*HC:99213', 'DTP*472', 'SVD*SIM01', 'CAS*CO', 'CAS*PR', 'DTP*573']);
  });

  it('claim-level adjustments (2320 CAS) balance AMT*D against the line payments; a dependent\'s secondary claim conforms', () => {
    const base = sampleSecondaryClaim(2);
    const other = base.otherPayers![0]!;
    const withClaimCas = sampleSecondaryClaim(2, { otherPayers: [{ ...other, claimAdjustments: [{ group: 'OA', reason: '94', amountCents: 500 }], paidCents: other.paidCents - 500 }] });
    const raw = build837P([withClaimCas], sampleEnvelope());
    expect(problemsOf(raw)).toEqual([]);
    expect(raw).toContain('CAS*OA*94*5~AMT*D*');
    const dependent = sampleDependentClaim(3, { payerResponsibility: 'S', otherPayers: [{ ...sampleSecondaryClaim(3).otherPayers![0]!, relationship: '19' }] });
    expect(problemsOf(build837P([dependent], sampleEnvelope()))).toEqual([]);
  });

  it('a primary claim is written as before: SBR*P and no 2320/2430', () => {
    const raw = build837P([sampleClaim(4)], sampleEnvelope());
    expect(problemsOf(raw)).toEqual([]);
    expect(raw).toContain('SBR*P*18*');
    expect(raw).not.toMatch(/~(SVD|OI|CAS)\*/);
  });

  it('the writer refuses a secondary claim without the earlier adjudication', () => {
    expect(() => build837P([sampleSecondaryClaim(5, { otherPayers: [] })], sampleEnvelope())).toThrow(X12BuildError);
    const s = sampleSecondaryClaim(5);
    expect(() => build837P([{ ...s, otherPayers: [{ ...s.otherPayers![0]!, responsibility: 'S' }] }], sampleEnvelope())).toThrow(X12BuildError);
  });

  const negatives: [string, (segs: string[]) => string[], RegExp][] = [
    ['missing 2330B (other payer name)', replaceNth('NM1*PR', 1, null), /required loop 2330B/],
    ['missing 2330A (other subscriber)', replaceNth('NM1*IL', 1, null), /required loop 2330A/],
    ['missing OI', replaceNth('OI*', 0, null), /required segment OI is missing in loop 2320/],
    ['missing DTP*573 in 2430', replaceNth('DTP*573', 0, null), /required segment DTP\*573 is missing in loop 2430/],
    ['SVD02 that does not balance the line', replaceNth('SVD*', 0, 'SVD*SIM01*80.00*HC:99213**1'), /line charge \(SV102\) must equal/],
    ['AMT*D that is not Σ SVD02 − Σ 2320 CAS', replaceNth('AMT*D', 0, 'AMT*D*100'), /AMT\*D 100 must equal/],
    ['SVD01 naming no other payer of the claim', replaceNth('SVD*', 1, 'SVD*SIM09*22.72*HC:87880**1'), /SVD01 "SIM09" names no other payer/],
    ['a secondary claim without its 2320', (segs) => segs.filter((_s, i) => !(i >= segs.findIndex((x) => x.startsWith('SBR*P')) && i <= segs.findIndex((x) => x.startsWith('REF*F8')))).filter((s) => !/^(SVD|CAS|DTP\*573)/.test(s)), /needs loop 2320 of the payer responsible as P/],
    ['2320 SBR01 repeating the claim\'s own responsibility', replaceNth('SBR*P', 0, 'SBR*S*18*GRP100******CI'), /repeats the claim's own payer responsibility/],
    ['a CAS reason without its amount', replaceNth('CAS*CO', 0, 'CAS*CO*45*25.2**253'), /reason code needs its amount/],
    ['a bad CAS group code', replaceNth('CAS*CO', 0, 'CAS*XX*45*25.2'), /CAS01 "XX" is not an allowed code/],
    ['2430 placed before the line\'s SV1', (segs) => { const i = segs.findIndex((s) => s.startsWith('SVD*')); const [svd] = segs.splice(i, 1); segs.splice(segs.findIndex((s) => s.startsWith('LX*1')), 0, svd!); return segs; }, /not expected here/],
    ['SBR02 other than 18 in 2000B', replaceNth('SBR*S', 0, 'SBR*S*01*GRP200******CI'), /SBR02 of loop 2000B is 18 \(self\) or empty/],
    ['AMT*D missing while lines were adjudicated', replaceNth('AMT*D', 0, null), /AMT\*D \(payer paid amount\) is required/],
  ];
  it.each(negatives)('the conformance checker refuses %s', (_what, change, expected) => {
    const problems = problemsOf(edit(secondary(), change));
    expect(problems.some((p) => expected.test(p)), problems.join('\n')).toBe(true);
  });

  it('a claim adjudicated without lines needs DTP*573 in 2330B', () => {
    const s = sampleSecondaryClaim(6);
    const raw = build837P([{ ...s, otherPayers: [{ ...s.otherPayers![0]!, lines: [] }] }], sampleEnvelope());
    expect(problemsOf(raw)).toEqual([]);
    expect(problemsOf(edit(raw, replaceNth('DTP*573', 0, null))).join('\n')).toMatch(/DTP\*573 \(adjudication date\) is required in loop 2330B/);
  });
});
