import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateRemittance } from '../../../server/src/x12/era-simulator.js';
import { checkX12 } from '../../../server/src/x12/x12-conformance.js';
import { SPEC_835 } from '../../../server/src/x12/x12-835-spec.js';
import { submittedClaim } from '../../factories/era-claim.factory.js';

const opts = { controlNumber: 77, at: new Date('2026-11-20T10:00:00Z'), paymentDate: '2026-11-21', traceNumber: 'CHK77' };
// A deductible claim (CO-45 + PR-1), a denied one (LQ), a partial one, and a reversal with its correction.
const good = simulateRemittance(
  [submittedClaim('A2', 'W2'), submittedClaim('A5', 'W5'), submittedClaim('A6', 'W6'), submittedClaim('A7', 'W7', { previouslyAdjudicated: true })],
  opts,
).x12;
const problemsOf = (raw: string) => checkX12(raw, SPEC_835).map((p) => `${p.tag}${p.element ? `.${p.element}` : ''}: ${p.message}`);
/** Adds `delta` to SE01 so a test changes one thing only. */
const fixSe = (raw: string, delta: number) => raw.replace(/SE\*(\d+)\*/, (_, n) => `SE*${Number(n) + delta}*`);

describe('SPEC_835 accepts what the simulator writes', () => {
  it('the good file has no problem', () => {
    expect(problemsOf(good)).toEqual([]);
  });
});

describe('SPEC_835 catches wrong files', () => {
  it('code values: CAS group, CLP02 status, BPR01 handling, CLP06 filing indicator', () => {
    expect(problemsOf(good.replace('CAS*PR*1*', 'CAS*XX*1*'))).toEqual(['CAS.1: CAS01 "XX" is not an allowed code']);
    expect(problemsOf(good.replace('CLP*A2*1*', 'CLP*A2*9*'))).toEqual(['CLP.2: CLP02 "9" is not an allowed code']);
    expect(problemsOf(good.replace('BPR*C*', 'BPR*Z*'))).toEqual(['BPR.1: BPR01 "Z" is not an allowed code']);
    expect(problemsOf(good.replace('*12*ICNA2*', '*CI*ICNA2*'))).toEqual(['CLP.6: CLP06 "CI" is not an allowed code']);
  });

  it('element lengths and forms: an account number over 38, a fraction of a cent, a date that is not one, too many elements', () => {
    expect(problemsOf(good.replace('CLP*A2*', `CLP*${'A'.repeat(39)}*`))).toEqual(['CLP.1: CLP01 must be 1–38 characters, has 39']);
    expect(problemsOf(good.replace('CAS*CO*45*30.00', 'CAS*CO*45*30.005'))).toEqual(['CAS.3: CAS03 has the wrong form']);
    expect(problemsOf(good.replace('DTM*405*20261120', 'DTM*405*20261320'))).toEqual(['DTM.2: DTM02 has the wrong form']);
    expect(problemsOf(good.replace('LQ*HE*M62', 'LQ*HE*M62*X'))).toEqual(['LQ.3: LQ has 3 elements; the guide defines 2']);
  });

  it('pairs that go together: a CAS amount without its reason, a PLB reason that is not one', () => {
    expect(problemsOf(good.replace('CAS*CO*45*30.00', 'CAS*CO*45*30.00***5.00'))).toEqual(['CAS.5: CAS05 (reason code) is required with its amount']);
    const withPlb = (plb: string) => fixSe(good.replace(/SE\*/, `${plb}~SE*`), 1);
    expect(problemsOf(withPlb('PLB*1234567893*20261231*WO:ICN1*0.00'))).toEqual([]);
    expect(problemsOf(withPlb('PLB*1234567893*20261231*ZZ:ICN1*0.00'))).toEqual(['PLB.3: PLB03-1 "ZZ" is not an allowed code']);
    expect(problemsOf(withPlb('PLB*1234567893*20261231*WO:ICN1*0.00**5.00'))).toEqual(['PLB.5: PLB05 (reason) is required with its amount']);
    expect(problemsOf(withPlb('PLB*1234567893*20261231*WO:ICN1*0.00*L6'))).toEqual(['PLB.6: PLB06 (amount) is required with its reason']);
  });

  it('composites: a procedure under the wrong separator (as in the public samples), a 3-character modifier', () => {
    expect(problemsOf(good.replace('SVC*HC:99213:25*', 'SVC*HC>99213>25*'))).toEqual([
      'SVC.1: SVC01-1 must be 2–2 characters, has 11',
      'SVC.1: SVC01-1 "HC>99213>25" is not an allowed code',
      'SVC.1: SVC01-2 is required',
    ]);
    expect(problemsOf(good.replace('SVC*HC:99213:25*', 'SVC*HC:99213:255*'))).toEqual(['SVC.1: SVC01-3 must be 2–2 characters, has 3']);
    expect(problemsOf(good.replace('SVC*HC:99213:25*', 'SVC*XX:99213:25*'))).toEqual(['SVC.1: SVC01-1 "XX" is not an allowed code']);
  });

  it('loops (the loop grammar): a claim without its patient, a service line before any claim, a qualifier of another loop, a repeated LX', () => {
    const qc = /NM1\*QC\*[^~]*~/.exec(good)![0];
    expect(problemsOf(fixSe(good.replace(qc, ''), -1))).toEqual(['NM1: required segment NM1*QC is missing in loop 2100']);
    expect(problemsOf(fixSe(good.replace('LX*1~', 'SVC*HC:99211*1.00*1.00~LX*1~'), 1))).toEqual(['SVC: SVC*HC:99211 is not expected here (out of order or outside its loop)']);
    expect(problemsOf(good.replace('DTM*472*20261102', 'DTM*232*20261102'))).toEqual(['DTM: DTM*232 is not expected here (out of order or outside its loop)']);
    expect(problemsOf(fixSe(good.replace(/(CLP\*A5\*)/, 'LX*1~$1'), 1))).toEqual(['LX.1: LX01 1 is not unique in the transaction set']);
  });

  it('order inside loops and the summary: a payer twice, a claim amount qualifier of a line, a PLB before the claims, a line DTM after its CAS', () => {
    const payer = good.slice(good.indexOf('N1*PR'), good.indexOf('N1*PE'));
    // A second N1*PR starts a second payer loop: one too many, and it lacks what a payer loop needs.
    expect(problemsOf(fixSe(good.replace(payer, `${payer}N1*PR*SECOND PAYER~`), 1))).toEqual([
      'N3: required segment N3 is missing in loop 1000A',
      'N4: required segment N4 is missing in loop 1000A',
      'PER: required segment PER*BL is missing in loop 1000A',
      'N1: loop 1000A occurs 2 times in loop header; at most 1',
    ]);
    expect(problemsOf(fixSe(good.replace('SVC*HC:99213:25*', 'AMT*B6*1.00~SVC*HC:99213:25*'), 1))).toEqual(['AMT: AMT*B6 is not expected here (out of order or outside its loop)']);
    expect(problemsOf(fixSe(good.replace('LX*1~', 'PLB*1234567893*20261231*WO:ICN1*0.00~LX*1~'), 1))).toEqual(['LX: LX*1 is not expected here (out of order or outside its loop)']);
    const line = /SVC\*HC:99213:25\*[^~]*~(DTM\*472\*\d+~)(CAS\*[^~]*~)/.exec(good)!;
    expect(problemsOf(good.replace(line[1]! + line[2]!, line[2]! + line[1]!))).toEqual(['DTM: DTM*472 is not expected here (out of order or outside its loop)']);
  });

  it('header: the payee before the payer, a missing payer technical contact, a notification that pays', () => {
    const payer = good.slice(good.indexOf('N1*PR'), good.indexOf('N1*PE'));
    const payee = good.slice(good.indexOf('N1*PE'), good.indexOf('LX*1'));
    expect(problemsOf(good.replace(payer + payee, payee + payer))).toEqual(['N1: required loop 1000A (N1*PR) is missing in loop header', 'N1: N1*PR is not expected here (out of order or outside its loop)']);
    const per = /PER\*BL[^~]*~/.exec(good)![0];
    expect(problemsOf(fixSe(good.replace(per, ''), -1))).toEqual(['PER: required segment PER*BL is missing in loop 1000A']);
    const bpr = /BPR\*[^~]*~/.exec(good)![0];
    expect(problemsOf(good.replace(bpr, bpr.replace(/^BPR\*[A-Z]\*[^*]*\*C\*[A-Z]+/, 'BPR*H*5.00*C*NON')))).toEqual(['BPR.1: BPR01 H (notification only) needs BPR02 0 and BPR04 NON']);
  });

  it('the public samples are caught for what they get wrong (old ST, BPR date in BPR15, ">" composites, no PER*BL)', () => {
    const raw = readFileSync('/work/shared/data/x12-samples/linuxforhealth/835_005010X221A1/cob-contractural-adjustment.835', 'utf8');
    expect(problemsOf(raw)).toEqual([
      'ST.3: ST03 must be 005010X221A1',
      'BPR.16: BPR16 is required',
      'SVC.1: SVC01-1 must be 2–2 characters, has 8',
      'SVC.1: SVC01-1 "HC>55669" is not an allowed code',
      'SVC.1: SVC01-2 is required',
      'PER: required segment PER*BL is missing in loop 1000A',
    ]);
  });
});
