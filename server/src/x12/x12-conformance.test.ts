import { describe, expect, it } from 'vitest';
import { SIMULATOR_SCENARIOS, SimulatedClearinghouse } from './simulated-clearinghouse.js';
import { build270, type EligibilityInquiry } from './x12-270.js';
import { checkX12 } from './x12-conformance.js';
import { trimElements } from './x12-envelope.js';
import { SPEC_270, SPEC_271 } from './x12-specs.js';

const parties = { senderId: 'MEDOFFICE', receiverId: 'SIMCH', usage: 'T' as const };
const base: EligibilityInquiry = {
  controlNumber: 4711,
  traceNumber: 'MO4711ABCD',
  at: new Date('2026-11-26T23:45:00Z'),
  payer: { name: 'Acme Health Plan', ediPayerId: '60054' },
  provider: { npi: '1234567893', given: 'Ada', family: 'Lovelace' },
  subscriber: { given: 'Testgiven', family: 'Testfamily', dateOfBirth: '1980-04-12', sex: 'FEMALE', memberId: 'W123456789', groupNumber: 'GRP-9' },
  dateOfService: '2026-12-01',
  serviceTypeCodes: ['30'],
};
const dependent = { given: 'Kid', family: 'Testfamily', dateOfBirth: '2016-01-01', sex: 'MALE' as const, relationshipCode: '19' };

// Every shape of 270 the product writes: with and without a dependent, middle names, group, DOB, an
// organisation as provider, several service types.
const shapes: [string, EligibilityInquiry][] = [
  ['subscriber, no middle name', base],
  ['subscriber with middle name and several service types', { ...base, subscriber: { ...base.subscriber, middle: 'Q' }, serviceTypeCodes: ['30', '98', 'UC'] }],
  ['subscriber without group, DOB or sex', { ...base, subscriber: { given: 'A', family: 'B', memberId: 'W1' } }],
  ['dependent without a middle name', { ...base, dependent }],
  ['dependent with a middle name', { ...base, dependent: { ...dependent, middle: 'Lee' } }],
  ['organisation as provider', { ...base, provider: { npi: '1234567893', family: 'Demo Clinic', organization: true } }],
];

const segmentsOf = (raw: string) => raw.split('~').filter((s) => s.trim());

describe('every X12 file the product writes conforms', () => {
  for (const [name, q] of shapes) {
    it(`270: ${name}`, () => {
      const raw = build270(q, parties);
      expect(checkX12(raw, SPEC_270)).toEqual([]);
      for (const seg of segmentsOf(raw)) expect(seg.endsWith('*'), seg).toBe(false);
    });
  }

  const sim = new SimulatedClearinghouse();
  const answering = ['W', ...Object.keys(SIMULATOR_SCENARIOS).filter((k) => k !== 'SLOW' && k !== 'GRBG')];
  for (const prefix of answering) {
    for (const dep of [false, true]) {
      it(`simulated 271: ${prefix}${dep ? ' (dependent)' : ''}`, async () => {
        const raw = await sim.send270(build270({ ...base, subscriber: { ...base.subscriber, memberId: `${prefix}123456789` }, dependent: dep ? dependent : null }, parties));
        expect(checkX12(raw, SPEC_271)).toEqual([]);
        for (const seg of segmentsOf(raw)) expect(seg.endsWith('*'), seg).toBe(false);
      });
    }
  }
});

describe('the conformance check catches wrong files', () => {
  const good = build270({ ...base, dependent }, parties);
  const problemsOf = (raw: string) => checkX12(raw, SPEC_270).map((p) => `${p.tag}${p.element ? `.${p.element}` : ''}: ${p.message}`);

  it('a trailing empty element', () => {
    expect(problemsOf(good.replace('NM1*03*1*TESTFAMILY*KID', 'NM1*03*1*TESTFAMILY*KID*'))).toEqual([expect.stringMatching(/^NM1: .*trailing empty element/)]);
  });
  it('a trailing empty component', () => {
    expect(problemsOf(good.replace('EQ*30', 'EQ*30*:98:'))).toEqual(expect.arrayContaining([expect.stringMatching(/^EQ.2: .*trailing empty component/)]));
  });
  it('a wrong segment count, a mismatched control number', () => {
    const se = /SE\*(\d+)\*(\d+)~/.exec(good)!;
    expect(problemsOf(good.replace(se[0], `SE*${Number(se[1]) + 1}*9999~`))).toEqual([expect.stringMatching(/^SE.1: SE01/), expect.stringMatching(/^SE.2: SE02/)]);
  });
  it('an HL whose parent is not the level above, and a wrong child flag', () => {
    // HL 4 now hangs under the provider (level 21) and claims a child; HL 3 claims a child it lost.
    expect(problemsOf(good.replace('HL*4*3*23*0', 'HL*4*2*23*1'))).toEqual(['HL.4: HL04 must be 0', 'HL.2: HL02 must name an earlier HL of level 22', 'HL.4: HL04 must be 0']);
  });
  it('an element too long, an unknown code, a missing required segment', () => {
    const long = good.replace('NM1*PR*2*ACME HEALTH PLAN', `NM1*PR*2*${'X'.repeat(61)}`);
    expect(problemsOf(long)).toEqual([expect.stringMatching(/^NM1.3: NM103 must be 1–60/)]);
    expect(problemsOf(good.replace('DMG*D8*20160101*M', 'DMG*D8*20160101*Q'))).toEqual([expect.stringMatching(/^DMG.3: .*not an allowed code/)]);
    const noEq = good.replace(/EQ\*30~/, '').replace(/SE\*(\d+)\*/, (_, n) => `SE*${Number(n) - 1}*`);
    expect(problemsOf(noEq)).toEqual(['EQ: required segment EQ is missing']);
  });
  it('an ISA element of the wrong width', () => {
    expect(problemsOf(good.replace('ZZ*MEDOFFICE      ', 'ZZ*MEDOFFICE     '))[0]).toMatch(/^ISA/);
  });
});

describe('trimElements', () => {
  it('drops trailing empty elements and components, and keeps inner empty ones', () => {
    expect(trimElements(['03', '1', 'FAMILY', 'GIVEN', ''])).toEqual(['03', '1', 'FAMILY', 'GIVEN']);
    expect(trimElements(['1', '', '20', '1'])).toEqual(['1', '', '20', '1']);
    expect(trimElements(['HC:99213::', '', '::'])).toEqual(['HC:99213']);
  });
});
