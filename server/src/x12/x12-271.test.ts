import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copayToCollect, summarize271 } from './eligibility-summary.js';
import { parse271 } from './x12-271.js';
import { X12FormatError } from './x12-document.js';
import { decimalToCents } from './x12-money.js';

// Shared public samples, read in place (never copied into the repo): a `shared/` folder beside the checkout
// (CI and the team's machines lay it there), found by walking up from the repo root (vitest's cwd).
function findShared(dir: string): string | undefined {
  const candidate = join(dir, 'shared');
  if (existsSync(join(candidate, 'data/x12-samples'))) return candidate;
  return dirname(dir) === dir ? undefined : findShared(dirname(dir));
}
const SHARED = process.env.MEDOFFICE_SHARED_DIR ?? findShared(dirname(process.cwd()));
if (!SHARED) console.warn('x12-271.test: no shared/data/x12-samples beside this checkout; the sample-based tests are skipped');
const SAMPLES = join(SHARED ?? '.', 'data/x12-samples/linuxforhealth/271_005010X279A1');
const sample = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');

describe.skipIf(!SHARED)('parse271 on the shared samples', () => {
  it('reads benefits of the subscriber sample, skipping the LS/LE related entity', () => {
    const p = parse271(sample('subscriber-health-benefit-check.271'));
    expect(p.envelopeProblems).toEqual([]);
    expect(p.traceNumbers).toEqual(['93175-012547']);
    expect(p.planDates).toEqual({ '346': '2006-01-01' });
    expect(p.benefits.map((b) => b.code)).toEqual(['1', 'L', '1', 'B', 'B']);
    const copays = p.benefits.filter((b) => b.code === 'B');
    expect(copays.map((b) => [b.amountCents, b.inNetwork, b.timePeriod])).toEqual([[1000, 'Y', '27'], [3000, 'N', '27']]);
    expect(copays[0]!.serviceTypeCodes).toEqual(['1', '33', '35', '47', '86', '88', '98', 'AL', 'MH', 'UC']);
    const v = summarize271(p, { serviceTypeCodes: ['98'], dateOfService: '2006-05-01', expectedTrace: '93175-012547' });
    expect(v.outcome).toBe('ELIGIBLE');
    // Both tiers are listed, so the answer does not say whether this provider is in network.
    expect(v.summary).toMatchObject({ planName: 'GOLD 123 PLAN', planBeginDate: '2006-01-01', copayCents: 1000, copayServiceType: '98', inNetwork: null });
    expect(v.summary!.outOfNetwork).toMatchObject({ copayCents: 3000, copayServiceType: '98' });
  });

  it('asked with the default inquiry (30), reads the office-visit copay the payer gives under 98', () => {
    const p = parse271(sample('subscriber-health-benefit-check.271'));
    const v = summarize271(p, { serviceTypeCodes: ['30'], dateOfService: '2006-05-01' });
    expect(v.summary).toMatchObject({ copayCents: 1000, copayServiceType: '98' });
    const urgent = summarize271(p, { serviceTypeCodes: ['30'], dateOfService: '2006-05-01', visitServiceType: 'UC' });
    expect(urgent.summary).toMatchObject({ copayCents: 1000, copayServiceType: 'UC' });
  });

  it('reads the dependent sample (HL 23) the same way', () => {
    const p = parse271(sample('dependent-health-benefit-check.271'));
    expect(p.envelopeProblems).toEqual([]);
    const v = summarize271(p, { serviceTypeCodes: ['30'], dateOfService: '2006-05-01' });
    expect(v.outcome).toBe('ELIGIBLE');
    expect(v.summary!.planName).toBe('GOLD 123 PLAN');
  });

  it('reads the AAA error sample: a rejection of the provider (HL 21) says nothing about the patient, and the broken SE02 is reported', () => {
    const p = parse271(sample('subscriber-health-benefit-check-error.271'));
    expect(p.rejections).toEqual([{ level: '21', valid: true, code: '50', followUp: 'N' }]);
    expect(p.envelopeProblems).toEqual(['SE02 4323 does not match ST02 4321']);
    const v = summarize271(p, { serviceTypeCodes: ['30'], dateOfService: '2006-05-01' });
    expect(v.outcome).toBe('UNKNOWN');
    expect(v.reason).toBe('RECEIVER_REJECTED: AAA 50');
    expect(v.summary!.rejections[0]).toMatchObject({ code: '50', description: 'Provider Ineligible for Inquiries', level: '21' });
    expect(v.summary!.envelopeProblems).toEqual(['SE02 4323 does not match ST02 4321']);
  });
});

const ISA = 'ISA*00*          *00*          *ZZ*SIMCH          *ZZ*MEDOFFICE      *261126*2345*^*00501*000000001*0*T*:~GS*HB*SIMCH*MEDOFFICE*20261126*2345*1*X*005010X279A1~';
function wrap(body: string[]): string {
  return `${ISA}ST*271*0001*005010X279A1~${body.join('~')}~SE*${body.length + 2}*0001~GE*1*1~IEA*1*000000001~`;
}
const head = ['BHT*0022*11*T1*20261126*2345', 'HL*1**20*1', 'NM1*PR*2*ACME*****PI*60054', 'HL*2*1*21*1', 'NM1*1P*1*DOC*ANN****XX*1234567893', 'HL*3*2*22*0', 'TRN*2*T1*9MEDOFFICE', 'NM1*IL*1*DOE*JO****MI*A1'];
const req = { serviceTypeCodes: ['30'], dateOfService: '2026-12-01', expectedTrace: 'T1' };

describe('summarize271 over shapes', () => {
  it('inactive coverage is NOT_ELIGIBLE', () => {
    expect(summarize271(parse271(wrap([...head, 'EB*6**30'])), req)).toMatchObject({ outcome: 'NOT_ELIGIBLE', reason: 'INACTIVE: EB 6' });
  });

  it('several EB segments for one service type: in-network wins, totals and remaining per level', () => {
    const v = summarize271(parse271(wrap([
      ...head, 'DTP*291*RD8*20260101-20261231', 'EB*1*FAM*30**PPO PLUS',
      'EB*C*IND*30***23*3000.00*****N', 'EB*C*IND*30***23*1500*****Y', 'EB*C*IND*30***29*250.5*****Y',
      'EB*C*FAM*30***23*3000.00*****Y', 'EB*C*FAM*30***29*1999.99*****Y',
      'EB*G*IND*30***23*6000*****W', 'EB*G*IND*30***29*5000*****W',
      'EB*A*IND*30*****.25****Y', 'EB*B*IND*30***27*35*****Y', 'EB*B*IND*30***27*70*****N',
    ])), req);
    expect(v.outcome).toBe('ELIGIBLE');
    expect(v.summary).toMatchObject({
      planName: 'PPO PLUS', planBeginDate: '2026-01-01', planEndDate: '2026-12-31', inNetwork: null, copayCents: 3500, coinsurance: 0.25,
      deductible: { individual: { totalCents: 150000, remainingCents: 25050 }, family: { totalCents: 300000, remainingCents: 199999 } },
      outOfPocket: { individual: { totalCents: 600000, remainingCents: 500000 }, family: { totalCents: null, remainingCents: null } },
    });
  });

  it('family-only amounts leave the individual ones empty', () => {
    const v = summarize271(parse271(wrap([...head, 'EB*1*FAM*30', 'EB*C*FAM*30***23*4000*****Y'])), req);
    expect(v.summary!.deductible).toEqual({ individual: { totalCents: null, remainingCents: null }, family: { totalCents: 400000, remainingCents: null } });
  });

  it('out of network only, authorization required', () => {
    const v = summarize271(parse271(wrap([...head, 'EB*1**30**HMO', 'EB*B**30***27*75*****N', 'EB*CB**30********Y*N'])), req);
    expect(v.summary).toMatchObject({ inNetwork: false, copayCents: null, outOfNetwork: { copayCents: 7500 }, priorAuthorizationRequired: true });
    expect(copayToCollect(v.summary!)).toBe(7500);
  });

  it('AAA 42 (unable to respond) is UNKNOWN, AAA 72/75 are NOT_ELIGIBLE', () => {
    const aaa = (code: string) => summarize271(parse271(wrap([...head, `AAA*N**${code}*C`])), req);
    expect(aaa('42')).toMatchObject({ outcome: 'UNKNOWN', reason: 'PAYER_UNAVAILABLE: AAA 42' });
    expect(aaa('72')).toMatchObject({ outcome: 'NOT_ELIGIBLE', reason: 'REJECTED: AAA 72' });
    expect(aaa('75').summary!.rejections).toEqual([{ code: '75', description: 'Subscriber/Insured Not Found', followUp: 'C', level: '22' }]);
  });

  it('a plan that ended before the date of service is NOT_ELIGIBLE', () => {
    const v = summarize271(parse271(wrap([...head, 'DTP*347*D8*20261130', 'EB*1**30'])), req);
    expect(v).toMatchObject({ outcome: 'NOT_ELIGIBLE', reason: 'COVERAGE_ENDED: the plan ended before the date of service' });
  });

  it('no coverage status at all is UNKNOWN; a foreign trace number is UNKNOWN and keeps nothing of the answer', () => {
    expect(summarize271(parse271(wrap([...head, 'EB*B**30***27*10'])), req).outcome).toBe('UNKNOWN');
    const foreign = summarize271(parse271(wrap([...head, 'DTP*346*D8*20260101', 'EB*1**30**OTHER PLAN'])), { ...req, expectedTrace: 'OTHER' });
    expect(foreign).toEqual({ outcome: 'UNKNOWN', reason: 'TRACE_MISMATCH: the 271 answers another inquiry', summary: null });
  });

  it('AAA at the payer level is UNKNOWN; at the subscriber or dependent level NOT_ELIGIBLE', () => {
    const payerLevel = wrap(['BHT*0022*11*T1*20261126*2345', 'HL*1**20*0', 'NM1*PR*2*ACME*****PI*60054', 'AAA*Y**T4*C']);
    expect(summarize271(parse271(payerLevel), req)).toMatchObject({ outcome: 'UNKNOWN', reason: 'SOURCE_REJECTED: AAA T4' });
    const dependentLevel = wrap([...head.slice(0, 5), 'HL*3*2*22*1', 'NM1*IL*1*DOE*JO****MI*A1', 'HL*4*3*23*0', 'TRN*2*T1*9MEDOFFICE', 'NM1*03*1*DOE*KID', 'AAA*Y**67*C']);
    expect(summarize271(parse271(dependentLevel), req)).toMatchObject({ outcome: 'NOT_ELIGIBLE', reason: 'REJECTED: AAA 67' });
  });

  it('placeholder amounts are not money; network status only when the answer states one tier', () => {
    const v = summarize271(parse271(wrap([...head, 'EB*1**30', 'EB*C*IND*30***23*99999.99*****Y', 'EB*B*IND*98***27*25*****W'])), req);
    expect(v.summary!.benefits.find((b) => b.code === 'C')).toMatchObject({ amountCents: null, placeholderAmount: true });
    expect(v.summary!.deductible.individual.totalCents).toBeNull();
    expect(v.summary).toMatchObject({ inNetwork: true, copayCents: 2500, copayServiceType: '98' });
    expect(v.summary!.outOfNetwork).toMatchObject({ copayCents: 2500 });
    expect(summarize271(parse271(wrap([...head, 'EB*1**30', 'EB*B**98***27*25*****W'])), req).summary!.inNetwork).toBeNull();
  });

  it('rejects text that is not a 271', () => {
    expect(() => parse271('<html>502</html>')).toThrow(X12FormatError);
    expect(() => parse271(`${ISA}garbage`)).toThrow(X12FormatError);
  });
});

describe('decimalToCents', () => {
  it('converts X12 decimals without floating point', () => {
    expect(['10', '10.5', '0.07', '1500.00', '.99', '-3.25', '19.995', '', 'x', '.'].map((v) => decimalToCents(v))).toEqual([1000, 1050, 7, 150000, 99, -325, 2000, null, null, null]);
  });
});
