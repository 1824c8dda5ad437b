import type { ElementRule, TransactionSpec, X12Problem, X12SpecSegment } from './x12-conformance.js';
import { ADJUSTMENT_GROUPS, CLAIM_STATUS_CODES, HANDLING_CODES, IMPLEMENTATION_835, PAYMENT_METHODS, PRODUCT_QUALIFIERS } from './x12-835-fields.js';

// Element rules and loop structure of the 835 health care claim payment/advice (005010X221A1) for the
// segments of a professional remittance. `r` = required, `o` = optional, `x` = not used.
// (Institutional-only segments TS3, TS2 and MIA are not part of this spec.)
const r = (min: number, max: number, extra: Partial<ElementRule> = {}): ElementRule => ({ min, max, required: true, ...extra });
const o = (min: number, max: number, extra: Partial<ElementRule> = {}): ElementRule => ({ min, max, ...extra });
const x: ElementRule = { min: 0, max: 0 };
const DATE = /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
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

const triple = [o(1, 5), o(1, 18, { pattern: MONEY }), o(1, 15, { pattern: QUANTITY })];
const pair = [o(1, 53), o(1, 18, { pattern: MONEY })];
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
  SVC: [r(1, 145), r(1, 18, { pattern: MONEY }), r(1, 18, { pattern: MONEY }), o(1, 48), o(1, 15, { pattern: QUANTITY }), o(1, 145), o(1, 15, { pattern: QUANTITY })],
  LQ: [r(1, 3, { codes: ['HE', 'RX'] }), r(1, 30)],
  PLB: [r(1, 50), r(8, 8, { pattern: DATE }), r(1, 53), r(1, 18, { pattern: MONEY }), ...pair, ...pair, ...pair, ...pair, ...pair],
};

type Loop = 'header' | 'payer' | 'payee' | 'lx' | 'claim' | 'line' | 'summary';

/** Per loop: the tags allowed and, for qualified segments, the qualifiers (first element) allowed. */
const LOOPS: Record<Loop, Record<string, readonly string[] | null>> = {
  header: { BPR: null, TRN: null, CUR: null, REF: ['EV', 'F2'], DTM: ['405'] },
  payer: { N3: null, N4: null, REF: ['2U', 'EO', 'HI', 'NF'], PER: ['CX', 'BL', 'IC'] },
  payee: { N3: null, N4: null, REF: ['0B', 'D3', 'PQ', 'TJ'], RDM: null },
  lx: {},
  claim: {
    CAS: null, NM1: ['QC', 'IL', '74', '82', 'TT', 'PR', 'GB'], MOA: null, PER: ['CX'], QTY: null,
    REF: ['1L', '1W', '28', '6P', '9A', '9C', 'BB', 'CE', 'EA', 'F8', 'G1', 'G3', 'IG', 'SY', '0B', '1A', '1B', '1C', '1D', '1G', '1H', '1J', 'D3', 'G2', 'LU'],
    DTM: ['232', '233', '036', '050'], AMT: ['AU', 'D8', 'DY', 'F5', 'I', 'NL', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO'],
  },
  line: {
    DTM: ['150', '151', '472'], CAS: null, QTY: null, LQ: ['HE', 'RX'],
    REF: ['1S', 'APC', 'BB', 'E9', 'G1', 'G3', 'LU', 'RB', '6R', '0B', '0K', '1A', '1B', '1C', '1D', '1G', '1H', '1J', 'D3', 'G2', 'HPI', 'SY', 'TJ'],
    AMT: ['B6', 'KH', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO'],
  },
  summary: {},
};

function structure835(body: readonly X12SpecSegment[], sep: { component: string }): X12Problem[] {
  const out: X12Problem[] = [];
  const p = (s: X12SpecSegment, message: string, element?: number) => out.push({ position: s.position, tag: s.tag, element, message });
  let loop: Loop = 'header';
  let claim: { seg: X12SpecSegment; patient: boolean } | null = null;
  const seen = new Set<string>();
  const headerNumbers = new Set<string>();
  const closeClaim = () => {
    if (claim && !claim.patient) p(claim.seg, 'the claim (loop 2100) has no patient NM1*QC');
    claim = null;
  };
  body.forEach((s, i) => {
    const q = s.el[0] ?? '';
    if (i === 0 && s.tag !== 'BPR') p(s, 'the 835 must begin with BPR');
    if (s.tag === 'N1') {
      const want: Loop = q === 'PR' ? 'header' : 'payer';
      if (seen.has(`N1*${q}`)) p(s, `N1*${q} occurs more than once`);
      else if (loop !== want) p(s, `N1*${q} is out of place (payer N1*PR follows the header, payee N1*PE follows the payer)`);
      seen.add(`N1*${q}`);
      loop = q === 'PR' ? 'payer' : 'payee';
    } else if (s.tag === 'LX') {
      if (!['payee', 'lx', 'claim', 'line'].includes(loop)) p(s, 'LX must follow the payee loop and precede PLB');
      if (headerNumbers.has(q)) p(s, `LX01 ${q} is not unique in the transaction set`, 1);
      headerNumbers.add(q);
      closeClaim();
      loop = 'lx';
    } else if (s.tag === 'CLP') {
      if (!['lx', 'claim', 'line'].includes(loop)) p(s, 'CLP must sit in a header number loop (after LX)');
      closeClaim();
      claim = { seg: s, patient: false };
      loop = 'claim';
    } else if (s.tag === 'SVC') {
      if (loop !== 'claim' && loop !== 'line') p(s, 'SVC must sit in a claim (after CLP)');
      loop = 'line';
      checkProcedure(s, 1, sep.component, p);
      if (s.el[5]) checkProcedure(s, 6, sep.component, p);
    } else if (s.tag === 'PLB') {
      closeClaim();
      loop = 'summary';
      checkPlb(s, sep.component, p);
    } else {
      const allowed = LOOPS[loop];
      if (!(s.tag in SEGMENTS)) return; // reported by the per-segment check
      if (!(s.tag in allowed)) p(s, `${s.tag} is not allowed in this loop (${loop})`);
      else if (allowed[s.tag] && !allowed[s.tag]!.includes(q)) p(s, `${s.tag}01 "${q}" is not a qualifier of this loop (${loop})`, 1);
      if (s.tag === 'NM1' && q === 'QC' && claim) claim.patient = true;
      if (s.tag === 'PER' && q === 'BL' && loop === 'payer') seen.add('PER*BL');
      if (s.tag === 'N4' && loop === 'payer') seen.add('N4*PR');
    }
    if (s.tag === 'CAS') checkTriples(s, p);
    if (s.tag === 'BPR') checkBpr(s, p);
  });
  closeClaim();
  const end = body.at(-1);
  for (const need of ['N1*PR', 'N1*PE', 'PER*BL', 'N4*PR']) {
    if (!seen.has(need) && end) out.push({ position: 0, tag: need.slice(0, need.indexOf('*')), message: `required segment ${need} is missing` });
  }
  return out;
}

type Report = (s: X12SpecSegment, message: string, element?: number) => void;

function checkProcedure(s: X12SpecSegment, element: number, component: string, p: Report): void {
  const parts = (s.el[element - 1] ?? '').split(component);
  const name = `SVC${String(element).padStart(2, '0')}`;
  if (!PRODUCT_QUALIFIERS.includes(parts[0] ?? '')) p(s, `${name}-1 "${(parts[0] ?? '').slice(0, 12)}" is not a product/service id qualifier`, element);
  if (!parts[1]) p(s, `${name}-2 (procedure code) is required`, element);
  else if (parts[1].length > 48) p(s, `${name}-2 must be 1–48 characters`, element);
  if (parts.length > 8) p(s, `${name} has ${parts.length} components; at most 8`, element);
  parts.slice(2, 6).forEach((m) => {
    if (m && m.length !== 2) p(s, `${name} modifier "${m.slice(0, 5)}" must be 2 characters`, element);
  });
}

function checkTriples(s: X12SpecSegment, p: Report): void {
  for (let t = 0; t < 6; t++) {
    const [reason, amount] = [s.el[1 + t * 3] ?? '', s.el[2 + t * 3] ?? ''];
    const quantity = s.el[3 + t * 3] ?? '';
    if ((reason || quantity) && !amount) p(s, `CAS${String(3 + t * 3).padStart(2, '0')} (amount) is required with its reason code`, 3 + t * 3);
    if ((amount || quantity) && !reason) p(s, `CAS${String(2 + t * 3).padStart(2, '0')} (reason code) is required with its amount`, 2 + t * 3);
  }
}

function checkPlb(s: X12SpecSegment, component: string, p: Report): void {
  for (let i = 2; i < 14; i += 2) {
    const [composite, amount] = [s.el[i] ?? '', s.el[i + 1] ?? ''];
    if (!composite && !amount) continue;
    const reason = composite.split(component)[0] ?? '';
    if (!(PLB_REASON_CODES as readonly string[]).includes(reason)) p(s, `PLB${String(i + 1).padStart(2, '0')}-1 "${reason.slice(0, 5)}" is not a provider adjustment reason code`, i + 1);
    if (!amount) p(s, `PLB${String(i + 2).padStart(2, '0')} (amount) is required with its reason`, i + 2);
  }
}

function checkBpr(s: X12SpecSegment, p: Report): void {
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
  required: ['BPR', 'TRN', 'N1', 'N3', 'N4'],
  segments: SEGMENTS,
  hlLevels: {},
  structure: structure835,
};
