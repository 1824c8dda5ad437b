import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { X12parser } from 'x12-parser';
import { summarize271 } from './eligibility-summary.js';
import { SIMULATOR_SCENARIOS, SimulatedClearinghouse, scenarioOf } from './simulated-clearinghouse.js';
import { build270, type EligibilityInquiry } from './x12-270.js';
import { parse271 } from './x12-271.js';

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
const inquiry = (memberId: string, dependent = false): EligibilityInquiry => ({
  controlNumber: 42,
  traceNumber: 'EC42',
  at: new Date('2026-11-26T12:00:00Z'),
  payer: { name: 'Sim Payer', ediPayerId: 'SIM01' },
  provider: { npi: '1234567893', given: 'Ann', family: 'Doc' },
  subscriber: { given: 'Jo', family: 'Doe', dateOfBirth: '1980-01-01', sex: 'MALE', memberId },
  dependent: dependent ? { given: 'Kid', family: 'Doe', dateOfBirth: '2016-01-01', sex: 'FEMALE', relationshipCode: '19' } : null,
  dateOfService: '2026-12-01',
  serviceTypeCodes: ['30'],
});
const sim = new SimulatedClearinghouse();
const ask = async (memberId: string, dependent = false) => {
  const raw = await sim.send270(build270(inquiry(memberId, dependent), parties));
  return { raw, verdict: summarize271(parse271(raw), { serviceTypeCodes: ['30'], dateOfService: '2026-12-01', expectedTrace: 'EC42' }) };
};

describe('SimulatedClearinghouse', () => {
  it('answers well-formed 271s for every scenario, checked by the independent parser', async () => {
    for (const prefix of ['X', 'INA', 'TRM', 'NF', 'BAD', 'UNV', 'PRT', 'HDD', 'FAM', 'OON', 'AUTH']) {
      const { raw } = await ask(`${prefix}123456`);
      const segs = await parseIndependently(raw);
      const st = segs.findIndex((s) => s.name === 'ST');
      const se = segs.findIndex((s) => s.name === 'SE');
      expect(segs[st]!['1']).toBe('271');
      expect(Number(segs[se]!['1'])).toBe(se - st + 1);
      expect(segs[se]!['2']).toBe(segs[st]!['2']);
      expect(parse271(raw).envelopeProblems).toEqual([]);
    }
  });

  it('maps member id prefixes to outcomes', async () => {
    const outcome = async (id: string, dep = false) => {
      const { verdict } = await ask(id, dep);
      return [verdict.outcome, verdict.reason];
    };
    expect(await outcome('W123456789')).toEqual(['ELIGIBLE', null]);
    expect(await outcome('W123456789', true)).toEqual(['ELIGIBLE', null]);
    expect(await outcome('ina-55')).toEqual(['NOT_ELIGIBLE', 'INACTIVE: EB 6']);
    expect(await outcome('TRM55')).toEqual(['NOT_ELIGIBLE', 'COVERAGE_ENDED: the plan ended before the date of service']);
    expect(await outcome('NF55')).toEqual(['NOT_ELIGIBLE', 'REJECTED: AAA 75']);
    expect(await outcome('BAD55')).toEqual(['NOT_ELIGIBLE', 'REJECTED: AAA 72']);
    expect(await outcome('UNV55')).toEqual(['UNKNOWN', 'PAYER_UNAVAILABLE: AAA 42']);
    expect(await outcome('PRT55')).toEqual(['ELIGIBLE', null]);
  });

  it('reports the amounts of each benefit scenario', async () => {
    expect((await ask('W1')).verdict.summary).toMatchObject({
      planName: 'SIM PPO GOLD', planBeginDate: '2026-01-01', inNetwork: null, copayCents: 2500, copayServiceType: '98', coinsurance: 0.2, coinsuranceServiceType: '98', priorAuthorizationRequired: null,
      outOfNetwork: { copayCents: 6000, coinsurance: 0.4, deductible: { individual: { totalCents: 300000, remainingCents: 300000 } } },
      deductible: { individual: { totalCents: 150000, remainingCents: 60000 }, family: { totalCents: 300000, remainingCents: 210000 } },
      outOfPocket: { individual: { totalCents: 500000, remainingCents: 320000 }, family: { totalCents: 1000000, remainingCents: 700000 } },
    });
    expect((await ask('HDD1')).verdict.summary).toMatchObject({ copayCents: null, deductible: { individual: { totalCents: 600000, remainingCents: 600000 } } });
    expect((await ask('FAM1')).verdict.summary).toMatchObject({ copayCents: 3000, deductible: { individual: { totalCents: null }, family: { totalCents: 400000, remainingCents: 125000 } } });
    expect((await ask('OON1')).verdict.summary).toMatchObject({ inNetwork: false, copayCents: null, outOfNetwork: { copayCents: 7500, coinsurance: 0.5 } });
    expect((await ask('AUTH1')).verdict.summary).toMatchObject({ priorAuthorizationRequired: true, copayCents: 4000 });
    expect((await ask('PRT1')).verdict.summary).toMatchObject({ planName: 'SIM BASIC', copayCents: null, coinsurance: null });
  });

  it('times out or answers garbage on request', async () => {
    await expect(sim.send270(build270(inquiry('SLOW1'), parties))).rejects.toMatchObject({ kind: 'TIMEOUT' });
    await expect(sim.send270(build270(inquiry('GRBG1'), parties))).resolves.not.toMatch(/^ISA/);
  });

  it('documents every prefix it understands', () => {
    for (const p of Object.keys(SIMULATOR_SCENARIOS)) expect(scenarioOf(`${p.toLowerCase()}9`)).toBe(p);
    expect(scenarioOf('ZZZ')).toBe('ACTIVE');
  });
});
