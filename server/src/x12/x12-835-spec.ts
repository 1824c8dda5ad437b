import type { ElementRule, GrammarNode, PlacedSegment, TransactionSpec, X12Problem } from './x12-conformance.js';
import { c, DATE, loop, MANY, o, r, seg, x } from './x12-spec-helpers.js';
import { ADJUSTMENT_GROUPS, CLAIM_STATUS_CODES, HANDLING_CODES, IMPLEMENTATION_835, PAYMENT_METHODS, PRODUCT_QUALIFIERS } from './x12-835-fields.js';

// Element rules and loop structure of the 835 health care claim payment/advice (005010X221A1) for the
// segments of a professional remittance. `r` = required, `o` = optional, `x` = not used.
// (Institutional-only segments TS3, TS2 and MIA are not part of this spec.)

/** Money: an R value with at most two decimals (cents), sign allowed (reversals, recoveries). */
const MONEY = /^-?\d+(\.\d{1,2})?$/;
const UNSIGNED_MONEY = /^\d+(\.\d{1,2})?$/;
const QUANTITY = /^-?\d+(\.\d+)?$/;

/** CLP06 claim filing indicator codes of the 835. */
export const CLP_FILING_CODES = ['12', '13', '14', '15', '16', '17', 'AM', 'CH', 'DS', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ'] as const;
/** PLB03-1 provider adjustment reason codes. */
export const PLB_REASON_CODES = [
  '50', '51', '72', '90', 'AH', 'AM', 'AP', 'B2', 'B3', 'BD', 'BN', 'C5', 'CR', 'CS', 'CT', 'CV', 'CW', 'DM', 'E3', 'FB', 'FC', 'GO',
  'HM', 'IP', 'IR', 'IS', 'J1', 'L3', 'L6', 'LE', 'LS', 'OA', 'OB', 'PI', 'PL', 'RA', 'RE', 'SL', 'TL', 'WO', 'WU',
] as const;

// SVC01 / SVC06: qualifier, procedure code, up to four 2-character modifiers, description, product id.
const procedure = (required: boolean) => c(required, [r(2, 2, { codes: PRODUCT_QUALIFIERS }), r(1, 48), o(2, 2), o(2, 2), o(2, 2), o(2, 2), o(1, 80), o(1, 48)]);

const triple = [o(1, 5), o(1, 18, { pattern: MONEY }), o(1, 15, { pattern: QUANTITY })];
// PLB adjustment identifier (reason code : reference) and its amount.
const plbReason = (required: boolean) => c(required, [r(2, 2, { codes: PLB_REASON_CODES }), o(1, 50)]);
const pair = [plbReason(false), o(1, 18, { pattern: MONEY })];
const communication = ['EM', 'TE', 'UR', 'FX', 'EX'];

const SEGMENTS: Record<string, readonly ElementRule[]> = {
  BPR: [
    r(1, 2, { codes: HANDLING_CODES }), r(1, 18, { pattern: UNSIGNED_MONEY }), r(1, 1, { codes: ['C', 'D'] }), r(3, 3, { codes: PAYMENT_METHODS }),
    o(1, 10, { codes: ['CCP', 'CTX'] }), o(2, 2, { codes: ['01', '04'] }), o(3, 12), o(1, 3, { codes: ['DA', 'SG'] }), o(1, 35), o(10, 10), o(9, 9),
    o(2, 2, { codes: ['01', '04'] }), o(3, 12), o(1, 3, { codes: ['DA', 'SG'] }), o(1, 35), r(8, 8, { pattern: DATE }),
  ],
  TRN: [r(1, 2, { codes: ['1'] }), r(1, 50), r(10, 10), o(1, 50)],
  CUR: [r(2, 3, { codes: ['PR'] }), r(3, 3)],
  REF: [r(2, 3), r(1, 50)],
  DTM: [r(3, 3), r(8, 8, { pattern: DATE })],
  N1: [r(2, 3, { codes: ['PR', 'PE'] }), r(1, 60), o(1, 2, { codes: ['XV', 'XX', 'FI'] }), o(2, 80)],
  N3: [r(1, 55), o(1, 55)],
  N4: [r(2, 30), o(2, 2), o(3, 15), o(2, 3), x, x, o(1, 3)],
  PER: [r(2, 2, { codes: ['CX', 'BL', 'IC'] }), o(1, 60), o(2, 2, { codes: communication }), o(1, 256), o(2, 2, { codes: communication }), o(1, 256), o(2, 2, { codes: ['EX'] }), o(1, 256)],
  RDM: [r(1, 2, { codes: ['BM', 'EM', 'FT', 'OL'] }), o(1, 60), o(1, 256)],
  LX: [r(1, 6, { pattern: /^\d+$/ })],
  CLP: [
    r(1, 38), r(1, 2, { codes: CLAIM_STATUS_CODES }), r(1, 18, { pattern: MONEY }), r(1, 18, { pattern: MONEY }), o(1, 18, { pattern: MONEY }),
    r(1, 2, { codes: CLP_FILING_CODES }), r(1, 50), o(1, 2), o(1, 1), o(1, 2), o(1, 4), o(1, 15), o(1, 10), o(1, 1, { codes: ['Y', 'N', 'W'] }),
  ],
  CAS: [r(1, 2, { codes: ADJUSTMENT_GROUPS }), r(1, 5), r(1, 18, { pattern: MONEY }), o(1, 15, { pattern: QUANTITY }), ...triple, ...triple, ...triple, ...triple, ...triple],
  NM1: [
    r(2, 3), r(1, 1, { codes: ['1', '2'] }), o(1, 60), o(1, 35), o(1, 25), x, o(1, 10),
    o(1, 2, { codes: ['34', 'HN', 'II', 'MI', 'MR', 'C', 'FI', 'XX', 'BD', 'BS', 'MC', 'PC', 'SL', 'UP', 'AD', 'NI', 'PI', 'PP', 'XV', '24'] }), o(2, 80),
  ],
  MOA: [o(1, 10, { pattern: QUANTITY }), o(1, 18, { pattern: MONEY }), o(1, 50), o(1, 50), o(1, 50), o(1, 50), o(1, 50), o(1, 18, { pattern: MONEY }), o(1, 18, { pattern: MONEY })],
  AMT: [r(1, 3), r(1, 18, { pattern: MONEY })],
  QTY: [r(2, 2), r(1, 15, { pattern: QUANTITY })],
  SVC: [procedure(true), r(1, 18, { pattern: MONEY }), r(1, 18, { pattern: MONEY }), o(1, 48), o(1, 15, { pattern: QUANTITY }), procedure(false), o(1, 15, { pattern: QUANTITY })],
  LQ: [r(1, 3, { codes: ['HE', 'RX'] }), r(1, 30)],
  PLB: [r(1, 50), r(8, 8, { pattern: DATE }), plbReason(true), r(1, 18, { pattern: MONEY }), ...pair, ...pair, ...pair, ...pair, ...pair],
};

/** Other claim related identification (2100 REF) and rendering provider secondary identification, in one repeat. */
const CLAIM_REFS = ['1L', '1W', '28', '6P', '9A', '9C', 'BB', 'CE', 'EA', 'F8', 'G1', 'G3', 'IG', 'SY', '0B', '1A', '1B', '1C', '1D', '1G', '1H', '1J', 'D3', 'G2', 'LU'];
/** Service identification, line item control number (6R), rendering provider and policy identification (2110 REF). */
const LINE_REFS = ['1S', 'APC', 'BB', 'E9', 'G1', 'G3', 'LU', 'RB', '6R', '0B', '0K', '1A', '1B', '1C', '1D', '1G', '1H', '1J', 'D3', 'G2', 'HPI', 'SY', 'TJ'];

/**
 * The loop grammar of the 835 body (005010X221A1): header, payer 1000A (PER*BL required), payee 1000B,
 * header number loops 2000 holding claims 2100 (a patient NM1*QC each) and their service lines 2110,
 * then the PLB summary. Qualifiers not listed for a loop have no place in it.
 */
const LOOPS_835: readonly GrammarNode[] = [
  seg('BPR', 1, 1),
  seg('TRN', 1, 1),
  seg('CUR', 0, 1),
  seg('REF', 0, 1, ['EV']),
  seg('REF', 0, 1, ['F2']),
  seg('DTM', 0, 1, ['405']),
  loop('1000A', 1, 1, seg('N1', 1, 1, ['PR']), seg('N3', 1, 1), seg('N4', 1, 1), seg('REF', 0, 4, ['2U', 'EO', 'HI', 'NF']), seg('PER', 0, 1, ['CX']), seg('PER', 1, MANY, ['BL']), seg('PER', 0, 1, ['IC'])),
  loop('1000B', 1, 1, seg('N1', 1, 1, ['PE']), seg('N3', 0, 1), seg('N4', 0, 1), seg('REF', 0, MANY, ['0B', 'D3', 'PQ', 'TJ']), seg('RDM', 0, 1)),
  loop('2000', 0, MANY,
    seg('LX', 1, 1),
    loop('2100', 1, MANY,
      seg('CLP', 1, 1),
      seg('CAS', 0, 99),
      seg('NM1', 1, 1, ['QC']),
      seg('NM1', 0, 1, ['IL']),
      seg('NM1', 0, 1, ['74']),
      seg('NM1', 0, 1, ['82']),
      seg('NM1', 0, 1, ['TT']),
      seg('NM1', 0, 1, ['PR']),
      seg('NM1', 0, 1, ['GB']),
      seg('MOA', 0, 1),
      seg('REF', 0, 15, CLAIM_REFS),
      seg('DTM', 0, 2, ['232', '233']),
      seg('DTM', 0, 1, ['036']),
      seg('DTM', 0, 1, ['050']),
      seg('PER', 0, 2, ['CX']),
      seg('AMT', 0, 13, ['AU', 'D8', 'DY', 'F5', 'I', 'NL', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO']),
      seg('QTY', 0, 14),
      loop('2110', 0, 999,
        seg('SVC', 1, 1),
        seg('DTM', 0, 2, ['150', '151', '472']),
        seg('CAS', 0, 99),
        seg('REF', 0, 24, LINE_REFS),
        seg('AMT', 0, 9, ['B6', 'KH', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO']),
        seg('QTY', 0, 6),
        seg('LQ', 0, 99, ['HE', 'RX']),
      ),
    ),
  ),
  seg('PLB', 0, MANY),
];

type Report = (s: PlacedSegment, message: string, element?: number) => void;

/**
 * What the grammar and the element tables cannot state: LX01 unique, CAS triples and PLB pairs
 * complete (a reason with its amount), BPR's payment method agreeing with its amount and bank details.
 */
function rules835(body: readonly PlacedSegment[]): X12Problem[] {
  const out: X12Problem[] = [];
  const p: Report = (s, message, element) => out.push({ position: s.position, tag: s.tag, element, loop: s.loop, kind: 'rule', message });
  const headerNumbers = new Set<string>();
  for (const s of body) {
    if (s.tag === 'LX') {
      const n = s.el[0] ?? '';
      if (headerNumbers.has(n)) p(s, `LX01 ${n} is not unique in the transaction set`, 1);
      headerNumbers.add(n);
    }
    if (s.tag === 'CAS') checkTriples(s, p);
    if (s.tag === 'PLB') checkPlb(s, p);
    if (s.tag === 'BPR') checkBpr(s, p);
  }
  return out;
}

function checkTriples(s: PlacedSegment, p: Report): void {
  for (let t = 0; t < 6; t++) {
    const [reason, amount] = [s.el[1 + t * 3] ?? '', s.el[2 + t * 3] ?? ''];
    const quantity = s.el[3 + t * 3] ?? '';
    if ((reason || quantity) && !amount) p(s, `CAS${String(3 + t * 3).padStart(2, '0')} (amount) is required with its reason code`, 3 + t * 3);
    if ((amount || quantity) && !reason) p(s, `CAS${String(2 + t * 3).padStart(2, '0')} (reason code) is required with its amount`, 2 + t * 3);
  }
}

function checkPlb(s: PlacedSegment, p: Report): void {
  for (let i = 2; i < 14; i += 2) {
    const [composite, amount] = [s.el[i] ?? '', s.el[i + 1] ?? ''];
    if (composite && !amount) p(s, `PLB${String(i + 2).padStart(2, '0')} (amount) is required with its reason`, i + 2);
    if (amount && !composite) p(s, `PLB${String(i + 1).padStart(2, '0')} (reason) is required with its amount`, i + 1);
  }
}

function checkBpr(s: PlacedSegment, p: Report): void {
  const [handling, amount, , method] = s.el;
  if (handling === 'H' && (Number(amount) !== 0 || method !== 'NON')) p(s, 'BPR01 H (notification only) needs BPR02 0 and BPR04 NON', 1);
  if ((handling === 'C' || handling === 'D' || handling === 'I' || handling === 'P' || handling === 'U' || handling === 'X') && method === 'NON' && Number(amount) !== 0) p(s, 'BPR04 NON (no payment) needs BPR02 0', 4);
  if (['ACH', 'BOP', 'FWT'].includes(method ?? '')) {
    for (const e of [6, 7, 8, 9, 10, 12, 13, 14, 15]) if (!s.el[e - 1]) p(s, `BPR${String(e).padStart(2, '0')} is required for an ${method} payment`, e);
  }
}

/** 835 health care claim payment/advice (005010X221A1), as the simulator writes it. */
export const SPEC_835: TransactionSpec = {
  id: '835',
  version: IMPLEMENTATION_835,
  functionalId: 'HP',
  required: [],
  segments: SEGMENTS,
  hlLevels: {},
  loops: LOOPS_835,
  rules: rules835,
};
