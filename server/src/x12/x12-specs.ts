import type { TransactionSpec } from './x12-conformance.js';
import { REJECT_REASONS, SERVICE_TYPE_CODES } from './x12-codes.js';
import { DATE, DATE_OR_RANGE, DECIMAL, o, r, TIME, x } from './x12-spec-helpers.js';

// Element rules from the 005010X279A1 implementation guide for the segments the product writes (270)
// and the simulator answers (271). The claim transaction sets have their own files, re-exported here.
export { SPEC_837P } from './x12-spec-837p.js';
export { SPEC_276, SPEC_277, SPEC_277CA, SPEC_999 } from './x12-spec-claim-status.js';

const SERVICE_TYPES = Object.keys(SERVICE_TYPE_CODES);
const ENTITY = ['PR', '2B', '36', 'GP', 'P5', '80', 'FA', '1P', 'IL', '03'];
const ID_QUALIFIERS = ['24', '34', '46', 'FI', 'NI', 'PI', 'XV', 'XX', 'MI', 'II', 'SV', 'PP'];

const hl = [r(1, 12), o(1, 12), r(1, 2), o(1, 1, { codes: ['0', '1'] })];
const nm1 = [r(2, 3, { codes: ENTITY }), r(1, 1, { codes: ['1', '2'] }), o(1, 60), o(1, 35), o(1, 25), x, o(1, 10), o(1, 2, { codes: ID_QUALIFIERS }), o(2, 80), x, x, o(1, 60)];
const trn = [r(1, 2, { codes: ['1', '2'] }), r(1, 50), r(10, 10), o(1, 50)];
const dtp = [r(3, 3), r(2, 3, { codes: ['D8', 'RD8'] }), r(8, 17, { pattern: DATE_OR_RANGE })];
const common = {
  HL: hl,
  NM1: nm1,
  TRN: trn,
  REF: [r(2, 3), r(1, 50), o(1, 80)],
  DMG: [r(2, 2, { codes: ['D8'] }), r(8, 8, { pattern: DATE }), o(1, 1, { codes: ['F', 'M', 'U'] })],
  DTP: dtp,
  INS: [r(1, 1, { codes: ['Y', 'N'] }), r(2, 2, { codes: ['01', '18', '19', '34'] }), x, x, x, x, x, x, o(1, 1), o(1, 1)],
};
const levels = { '20': null, '21': '20', '22': '21', '23': '22' } as const;

/** 270 eligibility inquiry (005010X279A1). */
export const SPEC_270: TransactionSpec = {
  id: '270',
  version: '005010X279A1',
  functionalId: 'HS',
  required: ['BHT', 'HL', 'NM1', 'TRN', 'EQ'],
  segments: {
    ...common,
    BHT: [r(4, 4, { codes: ['0022'] }), r(2, 2, { codes: ['01', '13'] }), o(1, 50), r(8, 8, { pattern: DATE }), r(4, 8, { pattern: TIME })],
    EQ: [o(1, 2, { codes: SERVICE_TYPES }), o(1, 48), o(3, 3), x],
  },
  hlLevels: levels,
};

/** 271 eligibility response (005010X279A1), as the simulated clearinghouse writes it. */
export const SPEC_271: TransactionSpec = {
  id: '271',
  version: '005010X279A1',
  functionalId: 'HB',
  required: ['BHT', 'HL', 'NM1'],
  segments: {
    ...common,
    BHT: [r(4, 4, { codes: ['0022'] }), r(2, 2, { codes: ['06', '11'] }), o(1, 50), r(8, 8, { pattern: DATE }), r(4, 8, { pattern: TIME })],
    AAA: [r(1, 1, { codes: ['Y', 'N'] }), x, r(2, 2, { codes: Object.keys(REJECT_REASONS) }), r(1, 1, { codes: ['C', 'N', 'P', 'R', 'S', 'W', 'X', 'Y'] })],
    EB: [
      r(1, 2), o(3, 3, { codes: ['CHD', 'DEP', 'ECH', 'EMP', 'ESP', 'FAM', 'IND', 'SPC', 'SPO'] }), o(1, 2, { codes: SERVICE_TYPES }), o(1, 3), o(1, 50), o(1, 2),
      o(1, 18, { pattern: DECIMAL }), o(1, 10, { pattern: DECIMAL }), o(2, 2), o(1, 15), o(1, 1, { codes: ['Y', 'N', 'U'] }), o(1, 1, { codes: ['Y', 'N', 'U', 'W'] }), o(1, 48), o(1, 48),
    ],
    MSG: [r(1, 264)],
  },
  hlLevels: levels,
};
