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
    expect(problemsOf(withPlb('PLB*1234567893*20261231*ZZ:ICN1*0.00'))).toEqual(['PLB.3: PLB03-1 "ZZ" is not a provider adjustment reason code']);
    expect(problemsOf(withPlb('PLB*1234567893*20261231*WO:ICN1*0.00*L6'))).toEqual(['PLB.6: PLB06 (amount) is required with its reason']);
  });

  it('composites: a procedure under the wrong separator (as in the public samples), a 3-character modifier', () => {
    expect(problemsOf(good.replace('SVC*HC:99213:25*', 'SVC*HC>99213>25*'))).toEqual([
      'SVC.1: SVC01-1 "HC>99213>25" is not a product/service id qualifier',
      'SVC.1: SVC01-2 (procedure code) is required',
    ]);
    expect(problemsOf(good.replace('SVC*HC:99213:25*', 'SVC*HC:99213:255*'))).toEqual(['SVC.1: SVC01 modifier "255" must be 2 characters']);
  });

  it('loops: a claim without its patient, a service line before any claim, a qualifier of another loop, a repeated LX', () => {
    const qc = /NM1\*QC\*[^~]*~/.exec(good)![0];
    expect(problemsOf(fixSe(good.replace(qc, ''), -1))).toEqual(['CLP: the claim (loop 2100) has no patient NM1*QC']);
    expect(problemsOf(fixSe(good.replace('LX*1~', 'SVC*HC:99211*1.00*1.00~LX*1~'), 1))).toEqual(['SVC: SVC must sit in a claim (after CLP)']);
    expect(problemsOf(good.replace('DTM*472*20261102', 'DTM*232*20261102'))).toEqual(['DTM.1: DTM01 "232" is not a qualifier of this loop (line)']);
    expect(problemsOf(fixSe(good.replace(/(CLP\*A5\*)/, 'LX*1~$1'), 1))).toEqual(['LX.1: LX01 1 is not unique in the transaction set']);
  });

  it('header: the payee before the payer, a missing payer technical contact, a notification that pays', () => {
    const payer = good.slice(good.indexOf('N1*PR'), good.indexOf('N1*PE'));
    const payee = good.slice(good.indexOf('N1*PE'), good.indexOf('LX*1'));
    expect(problemsOf(good.replace(payer + payee, payee + payer))).toEqual(expect.arrayContaining(['N1: N1*PE is out of place (payer N1*PR follows the header, payee N1*PE follows the payer)']));
    const per = /PER\*BL[^~]*~/.exec(good)![0];
    expect(problemsOf(fixSe(good.replace(per, ''), -1))).toEqual(['PER: required segment PER*BL is missing']);
    const bpr = /BPR\*[^~]*~/.exec(good)![0];
    expect(problemsOf(good.replace(bpr, bpr.replace(/^BPR\*[A-Z]\*[^*]*\*C\*[A-Z]+/, 'BPR*H*5.00*C*NON')))).toEqual(['BPR.1: BPR01 H (notification only) needs BPR02 0 and BPR04 NON']);
  });

  it('the public samples are caught for what they get wrong (old ST, BPR date in BPR15, ">" composites, no PER*BL)', () => {
    const raw = readFileSync('/work/shared/data/x12-samples/linuxforhealth/835_005010X221A1/cob-contractural-adjustment.835', 'utf8');
    expect(problemsOf(raw)).toEqual([
      'ST.3: ST03 must be 005010X221A1',
      'BPR.16: BPR16 is required',
      'SVC.1: SVC01-1 "HC>55669" is not a product/service id qualifier',
      'SVC.1: SVC01-2 (procedure code) is required',
      'PER: required segment PER*BL is missing',
    ]);
  });
});
