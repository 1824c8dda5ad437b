import type { ElementRule, PlacedSegment, TransactionSpec, X12Problem } from './x12-conformance.js';
import { ACK_STATUSES, ELEMENT_ERRORS, SEGMENT_ERRORS, TRANSACTION_SET_ERRORS } from './x12-999.js';
import { c, DATE, DATE_OR_RANGE, DECIMAL, DIGITS, hl, loop, MANY, o, r, seg, TIME, x } from './x12-spec-helpers.js';
import { STATUS_CATEGORIES } from './x12-stc.js';

// Rules of 005010X212 (276 request we write, 277 answer the simulator writes), 005010X214 (277CA) and
// 005010X231A1 (999) for the segments used.

const hlRule = (levels: string[], childRequired: boolean) => [r(1, 12, { pattern: DIGITS }), o(1, 12, { pattern: DIGITS }), r(1, 2, { codes: levels }), childRequired ? r(1, 1, { codes: ['0', '1'] }) : o(1, 1, { codes: ['0', '1'] })];
const nm1 = [r(2, 3, { codes: ['PR', '41', '1P', '85', 'IL', 'QC'] }), r(1, 1, { codes: ['1', '2'] }), o(1, 60), o(1, 35), o(1, 25), x, o(1, 10), o(1, 2, { codes: ['PI', '46', 'XX', 'FI', 'MI', 'II', 'SV', 'XV'] }), o(2, 80), x, x, x];
const stcComposite = (required: boolean): ElementRule => c(required, [r(1, 3, { codes: Object.keys(STATUS_CATEGORIES) }), r(1, 30), o(2, 3), o(1, 3)]);
const stc = [stcComposite(true), o(8, 8, { pattern: DATE }), o(1, 2), o(1, 18, { pattern: DECIMAL }), o(1, 18, { pattern: DECIMAL }), o(8, 8, { pattern: DATE }), x, o(8, 8, { pattern: DATE }), o(1, 16), stcComposite(false), stcComposite(false), o(1, 264)];
const dtp = [r(3, 3, { codes: ['472', '050', '009'] }), r(2, 3, { codes: ['D8', 'RD8'] }), r(8, 17, { pattern: DATE_OR_RANGE })];
const dmg = [r(2, 3, { codes: ['D8'] }), r(8, 8, { pattern: DATE }), o(1, 1, { codes: ['F', 'M', 'U'] })];
const ref = [r(2, 3, { codes: ['1K', 'BLT', 'EJ', 'XZ', 'D9', 'TJ', 'FJ', 'LU', 'BB'] }), r(1, 50)];
const svc = [c(true, [r(2, 2, { codes: ['HC', 'AD', 'ER', 'IV', 'N4', 'NU', 'WK'] }), r(1, 48), o(2, 2), o(2, 2), o(2, 2), o(2, 2), o(1, 80)]), r(1, 18, { pattern: DECIMAL }), o(1, 18, { pattern: DECIMAL }), o(1, 48), x, x, o(1, 15, { pattern: DECIMAL })];
const levels212 = { '20': null, '21': '20', '19': '21', '22': '19', '23': '22' } as const;
const serviceLine = (id: string, status: boolean) => loop(id, 0, MANY, seg('SVC', 1, 1), ...(status ? [seg('STC', 1, MANY)] : []), seg('REF', 0, 1), seg('DTP', 0, 1, ['472']));

/** Under a subscriber HL without a patient HL (HL04 0), the claim loop is required; with one, it is not allowed. */
function claimUnderSubscriber(trn: string) {
  return (body: readonly PlacedSegment[]): X12Problem[] => {
    const out: X12Problem[] = [];
    body.forEach((s, i) => {
      if (s.tag !== 'HL' || s.el[2] !== '22') return;
      const next = body.slice(i + 1).find((b) => b.tag === 'HL' || b.tag === 'TRN');
      const hasClaim = next?.tag === 'TRN' && next.el[0] === trn;
      if (s.el[3] === '0' && !hasClaim) out.push({ position: s.position, tag: 'HL', loop: s.loop, kind: 'rule', message: 'a subscriber who is the patient carries the claim (TRN) in loop 2200D' });
      if (s.el[3] === '1' && hasClaim) out.push({ position: next!.position, tag: 'TRN', loop: next!.loop, kind: 'rule', message: 'the claim of a dependent belongs in the patient loop (2200E)' });
    });
    return out;
  };
}

/** 276 claim status request (005010X212). */
export const SPEC_276: TransactionSpec = {
  id: '276',
  version: '005010X212',
  functionalId: 'HR',
  required: ['BHT', 'HL', 'NM1', 'TRN'],
  segments: {
    BHT: [r(4, 4, { codes: ['0010'] }), r(2, 2, { codes: ['13'] }), r(1, 50), r(8, 8, { pattern: DATE }), r(4, 8, { pattern: TIME })],
    HL: hlRule(Object.keys(levels212), false),
    NM1: nm1,
    DMG: dmg,
    TRN: [r(1, 1, { codes: ['1'] }), r(1, 50)],
    REF: ref,
    AMT: [r(2, 2, { codes: ['T3'] }), r(1, 18, { pattern: DECIMAL })],
    DTP: dtp,
    SVC: svc,
  },
  hlLevels: levels212,
  loops: [
    seg('BHT', 1, 1),
    loop('2000A', 1, MANY, hl('20'), loop('2100A', 1, 1, seg('NM1', 1, 1, ['PR'])),
      loop('2000B', 1, MANY, hl('21'), loop('2100B', 1, 1, seg('NM1', 1, 1, ['41'])),
        loop('2000C', 1, MANY, hl('19'), loop('2100C', 1, 1, seg('NM1', 1, 1, ['1P'])),
          loop('2000D', 1, MANY, hl('22'), seg('DMG', 0, 1), loop('2100D', 1, 1, seg('NM1', 1, 1, ['IL'])),
            loop('2200D', 0, MANY, seg('TRN', 1, 1, ['1']), seg('REF', 0, 4), seg('AMT', 0, 1, ['T3']), seg('DTP', 0, 1, ['472']), serviceLine('2210D', false)),
            loop('2000E', 0, MANY, hl('23'), seg('DMG', 1, 1), loop('2100E', 1, 1, seg('NM1', 1, 1, ['QC'])),
              loop('2200E', 1, MANY, seg('TRN', 1, 1, ['1']), seg('REF', 0, 4), seg('AMT', 0, 1, ['T3']), seg('DTP', 0, 1, ['472']), serviceLine('2210E', false))),
          ),
        ),
      ),
    ),
  ],
  rules: claimUnderSubscriber('1'),
};

/** 277 claim status response (005010X212), as the simulated clearinghouse answers a 276. */
export const SPEC_277: TransactionSpec = {
  id: '277',
  version: '005010X212',
  functionalId: 'HN',
  required: ['BHT', 'HL', 'NM1', 'TRN', 'STC'],
  segments: {
    BHT: [r(4, 4, { codes: ['0010'] }), r(2, 2, { codes: ['08'] }), r(1, 50), r(8, 8, { pattern: DATE }), r(4, 8, { pattern: TIME }), r(2, 2, { codes: ['DG'] })],
    HL: hlRule(Object.keys(levels212), false),
    NM1: nm1,
    TRN: [r(1, 1, { codes: ['2'] }), r(1, 50)],
    STC: stc,
    REF: ref,
    DTP: dtp,
    SVC: svc,
  },
  hlLevels: levels212,
  loops: [
    seg('BHT', 1, 1),
    loop('2000A', 1, MANY, hl('20'), loop('2100A', 1, 1, seg('NM1', 1, 1, ['PR'])),
      loop('2000B', 1, MANY, hl('21'), loop('2100B', 1, 1, seg('NM1', 1, 1, ['41'])), loop('2200B', 0, 1, seg('TRN', 1, 1, ['2']), seg('STC', 1, MANY)),
        loop('2000C', 0, MANY, hl('19'), loop('2100C', 1, 1, seg('NM1', 1, 1, ['1P'])), loop('2200C', 0, 1, seg('TRN', 1, 1, ['2']), seg('STC', 1, MANY)),
          loop('2000D', 0, MANY, hl('22'), loop('2100D', 1, 1, seg('NM1', 1, 1, ['IL'])),
            loop('2200D', 0, MANY, seg('TRN', 1, 1, ['2']), seg('STC', 1, MANY), seg('REF', 0, 3), seg('DTP', 0, 1, ['472']), serviceLine('2220D', true)),
            loop('2000E', 0, MANY, hl('23'), loop('2100E', 1, 1, seg('NM1', 1, 1, ['QC'])),
              loop('2200E', 1, MANY, seg('TRN', 1, 1, ['2']), seg('STC', 1, MANY), seg('REF', 0, 3), seg('DTP', 0, 1, ['472']), serviceLine('2220E', true))),
          ),
        ),
      ),
    ),
  ],
  rules: claimUnderSubscriber('2'),
};

/** 277CA claim acknowledgment (005010X214), as the simulated clearinghouse answers an 837P. */
export const SPEC_277CA: TransactionSpec = {
  id: '277',
  version: '005010X214',
  functionalId: 'HN',
  required: ['BHT', 'HL', 'NM1', 'TRN', 'STC'],
  segments: {
    BHT: [r(4, 4, { codes: ['0085'] }), r(2, 2, { codes: ['08'] }), r(1, 50), r(8, 8, { pattern: DATE }), r(4, 8, { pattern: TIME }), r(2, 2, { codes: ['TH'] })],
    HL: hlRule(['20', '21', '19', 'PT'], false),
    NM1: nm1,
    TRN: [r(1, 1, { codes: ['1', '2'] }), r(1, 50)],
    STC: stc,
    QTY: [r(2, 2, { codes: ['90', 'AA'] }), r(1, 15, { pattern: DECIMAL })],
    AMT: [r(2, 2, { codes: ['YU', 'YY'] }), r(1, 18, { pattern: DECIMAL })],
    REF: ref,
    DTP: dtp,
  },
  hlLevels: { '20': null, '21': '20', '19': '21', PT: '19' },
  loops: [
    seg('BHT', 1, 1),
    loop('2000A', 1, 1, hl('20'), loop('2100A', 1, 1, seg('NM1', 1, 1, ['PR'])), loop('2200A', 1, 1, seg('TRN', 1, 1, ['1']), seg('DTP', 1, 1, ['050']), seg('DTP', 1, 1, ['009']))),
    loop('2000B', 1, MANY, hl('21'), loop('2100B', 1, 1, seg('NM1', 1, 1, ['41'])), loop('2200B', 1, 1, seg('TRN', 1, 1, ['2']), seg('STC', 1, MANY), seg('QTY', 0, 2), seg('AMT', 0, 2)),
      loop('2000C', 0, MANY, hl('19'), loop('2100C', 1, 1, seg('NM1', 1, 1, ['85'])), loop('2200C', 0, 1, seg('TRN', 1, 1, ['1']), seg('STC', 0, MANY), seg('REF', 0, 3), seg('QTY', 0, 2), seg('AMT', 0, 2)),
        loop('2000D', 1, MANY, hl('PT'), loop('2100D', 1, 1, seg('NM1', 1, 1, ['QC'])), loop('2200D', 1, 1, seg('TRN', 1, 1, ['2']), seg('STC', 1, MANY), seg('REF', 0, 3), seg('DTP', 0, 1, ['472']))),
      ),
    ),
  ],
};

const codes = (m: Readonly<Record<string, string>>) => Object.keys(m);
const ik5Code = o(1, 3, { codes: codes(TRANSACTION_SET_ERRORS) });

/** 999 implementation acknowledgment (005010X231A1), as the simulated clearinghouse answers an 837P. */
export const SPEC_999: TransactionSpec = {
  id: '999',
  version: '005010X231A1',
  functionalId: 'FA',
  required: ['AK1', 'AK9'],
  segments: {
    AK1: [r(1, 2), r(1, 9, { pattern: DIGITS }), o(1, 12)],
    AK2: [r(3, 3), r(4, 9), o(1, 35)],
    IK3: [r(2, 3), r(1, 10, { pattern: DIGITS }), o(1, 4), o(1, 3, { codes: codes(SEGMENT_ERRORS) })],
    IK4: [c(true, [r(1, 2, { pattern: DIGITS }), o(1, 2, { pattern: DIGITS }), o(1, 4, { pattern: DIGITS })]), o(1, 4, { pattern: DIGITS }), r(1, 3, { codes: codes(ELEMENT_ERRORS) }), o(1, 99)],
    IK5: [r(1, 1, { codes: codes(ACK_STATUSES) }), ik5Code, ik5Code, ik5Code, ik5Code, ik5Code],
    AK9: [r(1, 1, { codes: codes(ACK_STATUSES) }), r(1, 6, { pattern: DIGITS }), r(1, 6, { pattern: DIGITS }), r(1, 6, { pattern: DIGITS }), o(1, 3), o(1, 3), o(1, 3), o(1, 3), o(1, 3)],
  },
  hlLevels: {},
  loops: [
    seg('AK1', 1, 1),
    loop('2000', 0, MANY, seg('AK2', 1, 1), loop('2100', 0, MANY, seg('IK3', 1, 1), loop('2110', 0, 99, seg('IK4', 1, 1))), seg('IK5', 1, 1)),
    seg('AK9', 1, 1),
  ],
};
