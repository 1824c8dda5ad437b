import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { X12parser } from 'x12-parser';
import { sampleClaim, sampleDependentClaim } from './claim-fixture.js';
import { build276, type ClaimStatusRequestEnvelope } from './x12-276.js';
import { checkX12 } from './x12-conformance.js';
import { parseX12 } from './x12-document.js';
import { SPEC_276 } from './x12-specs.js';

type IndependentSegment = { name: string } & Record<string, string>;

/** Parses X12 with x12-parser, a second library independent of node-x12 (tests only). */
async function parseIndependently(raw: string): Promise<IndependentSegment[]> {
  const out: IndependentSegment[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from([raw]).pipe(new X12parser()).on('data', (d: IndependentSegment) => out.push(d)).on('end', resolve).on('error', reject);
  });
  return out;
}

const env: ClaimStatusRequestEnvelope = {
  parties: { senderId: 'MEDOFFICE', receiverId: 'SIMCH', usage: 'T' },
  submitter: { name: 'Testwood Family Practice', id: 'MEDOFFICE' },
  interchangeControlNumber: 31,
  transactionControlNumber: 31,
  traceNumber: 'CS000031',
  at: new Date('2026-12-10T09:15:00Z'),
};
const problemsOf = (raw: string) => checkX12(raw, SPEC_276).map((p) => `${p.tag}${p.element ? `.${p.element}` : ''}: ${p.message}`);
const hlOf = (segs: IndependentSegment[]) => segs.filter((s) => s.name === 'HL').map((s) => [s['1'], s['2'], s['3'], s['4'] ?? '']);

describe('build276', () => {
  it('patient = subscriber: payer, receiver, provider, subscriber with the claim (TRN, REF*EJ, AMT*T3, DTP*472)', async () => {
    const raw = build276(sampleClaim(7), env);
    expect(problemsOf(raw)).toEqual([]);
    expect(parseX12(raw).envelopeProblems).toEqual([]);
    const segs = await parseIndependently(raw);
    const by = (n: string, q?: string) => segs.filter((s) => s.name === n && (q === undefined || s['1'] === q));
    expect([by('GS')[0]!['1'], by('GS')[0]!['8'], by('ST')[0]!['1'], by('ST')[0]!['2'], by('ST')[0]!['3']]).toEqual(['HR', '005010X212', '276', '0031', '005010X212']);
    expect(Number(by('SE')[0]!['1'])).toBe(segs.findIndex((s) => s.name === 'SE') - segs.findIndex((s) => s.name === 'ST') + 1);
    expect(by('BHT')[0]).toMatchObject({ '1': '0010', '2': '13', '3': 'CS000031', '4': '20261210', '5': '0915' });
    expect(hlOf(segs)).toEqual([['1', '', '20', '1'], ['2', '1', '21', '1'], ['3', '2', '19', '1'], ['4', '3', '22', '0']]);
    expect(by('NM1').map((s) => [s['1'], s['8'], s['9']])).toEqual([['PR', 'PI', 'SIM01'], ['41', '46', 'MEDOFFICE'], ['1P', 'XX', sampleClaim().billingProvider.npi], ['IL', 'MI', 'W100000007']]);
    expect(by('DMG')[0]).toMatchObject({ '2': '19800412', '3': 'F' });
    expect(by('TRN')[0]).toMatchObject({ '1': '1', '2': 'CS000031' });
    expect(by('REF').map((s) => [s['1'], s['2']])).toEqual([['EJ', 'PA00000007']]);
    expect(by('AMT')[0]).toMatchObject({ '1': 'T3', '2': '160.5' });
    expect(by('DTP')[0]).toMatchObject({ '1': '472', '2': 'D8', '3': '20261120' });
  });

  it('dependent patient: HL 23 with DMG and NM1*QC carries the claim; REF*1K when the payer claim number is known; a date range', async () => {
    const claim = sampleDependentClaim(8);
    claim.lines[1] = { ...claim.lines[1]!, dateOfService: '2026-11-22' };
    const raw = build276(claim, { ...env, payerClaimNumber: 'SIM-PCN-42' });
    expect(problemsOf(raw)).toEqual([]);
    const segs = await parseIndependently(raw);
    expect(hlOf(segs)).toEqual([['1', '', '20', '1'], ['2', '1', '21', '1'], ['3', '2', '19', '1'], ['4', '3', '22', '1'], ['5', '4', '23', '']]);
    const names = segs.map((s) => s.name);
    expect(names.indexOf('TRN')).toBeGreaterThan(names.lastIndexOf('HL'));
    expect(segs.filter((s) => s.name === 'DMG').map((s) => s['2'])).toEqual(['20160601']);
    expect(segs.filter((s) => s.name === 'REF').map((s) => [s['1'], s['2']])).toEqual([['1K', 'SIM-PCN-42'], ['EJ', 'PA00000008']]);
    expect(segs.find((s) => s.name === 'DTP')).toMatchObject({ '2': 'RD8', '3': '20261120-20261122' });
  });

  it('the conformance check catches wrong 276s', () => {
    const good = build276(sampleDependentClaim(9), env);
    const recount = (raw: string, delta: number) => raw.replace(/SE\*(\d+)\*/, (_, n) => `SE*${Number(n) + delta}*`);
    expect(problemsOf(recount(good.replace(/TRN\*1\*CS000031~/, ''), -1))).toEqual(expect.arrayContaining([expect.stringMatching(/required loop 2200E \(TRN\*1\) is missing/)]));
    expect(problemsOf(good.replace('HL*5*4*23', 'HL*5*3*23'))).toEqual(expect.arrayContaining(['HL.2: HL02 must name an earlier HL of level 22']));
    expect(problemsOf(good.replace('BHT*0010*13', 'BHT*0010*08'))).toEqual(['BHT.2: BHT02 "08" is not an allowed code']);
    expect(problemsOf(good.replace(/AMT\*T3\*[^~]*/, 'AMT*T3*16x'))).toEqual(['AMT.2: AMT02 has the wrong form']);
    const self = build276(sampleClaim(9), env);
    expect(problemsOf(recount(self.replace(/TRN\*1\*[^~]*~(REF[^~]*~)*AMT[^~]*~DTP[^~]*~/, ''), -4))).toEqual(['TRN: required segment TRN is missing', 'HL: a subscriber who is the patient carries the claim (TRN) in loop 2200D']);
  });
});
