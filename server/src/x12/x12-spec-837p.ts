import type { PlacedSegment, TransactionSpec, X12Problem } from './x12-conformance.js';
import { decimalToCents } from './x12-money.js';
import { rules837Cob } from './x12-spec-837p-cob.js';
import { c, DATE, DATE_OR_RANGE, DECIMAL, DIGITS, hl, loop, MANY, o, r, seg, TIME, x } from './x12-spec-helpers.js';

// Rules of the 005010X222A1 (837P) implementation guide for what the product writes: element lengths
// and codes per segment, the loop grammar (order, repeats, required loops) and the cross-segment rules
// the guide states in its notes.

/** SBR09 claim filing indicator codes. */
export const CLAIM_FILING_INDICATORS = ['11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CH', 'CI', 'DS', 'FI', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ'] as const;
/** PAT01: the patient's relationship to the subscriber when they are not the same person. */
export const PATIENT_RELATIONSHIPS = ['01', '19', '20', '21', '39', '40', '53', 'G8'] as const;

const ENTITY = ['41', '40', '85', '87', 'PE', 'IL', 'PR', 'QC', 'DN', 'P3', '82', '77', 'DQ'];
const ICD10 = /^[A-TV-Z][0-9][0-9A-Z]{1,5}$/;
const POINTER = /^([1-9]|1[0-2])$/;
const TAXONOMY = /^[0-9A-Z]{10}$/;
const CLAIM_REFS = ['4N', 'F5', 'EW', '9F', 'G1', 'F8', 'X4', '9A', '9C', 'LX', 'D9', 'EA', 'P4', '1J'];
const CLAIM_DATES = ['431', '454', '304', '453', '439', '484', '455', '471', '314', '360', '361', '297', '296', '435', '096', '090', '091', '444', '050'];
const LINE_DATES = ['471', '607', '463', '461', '304', '738', '739', '011', '455', '454', '441'];

/** 2320 SBR02: the patient's relationship to the other payer's insured. */
const INDIVIDUAL_RELATIONSHIPS = ['18', ...PATIENT_RELATIONSHIPS];
const CAS_GROUPS = ['CO', 'CR', 'OA', 'PI', 'PR'];
const casTriplet = [o(1, 5), o(1, 18, { pattern: DECIMAL }), o(1, 15, { pattern: DECIMAL })];

const dx = (qualifier: string) => c(false, [r(1, 3, { codes: [qualifier] }), r(1, 30, { pattern: ICD10 })]);
const pointer = (required: boolean) => (required ? r(1, 2, { pattern: POINTER }) : o(1, 2, { pattern: POINTER }));

const claim = loop('2300', 1, 100,
  seg('CLM', 1, 1),
  seg('DTP', 0, 20, CLAIM_DATES),
  seg('AMT', 0, 1, ['F5']),
  seg('REF', 0, 14, CLAIM_REFS),
  seg('NTE', 0, 1),
  seg('HI', 1, 4),
  loop('2310A', 0, 1, seg('NM1', 1, 1, ['DN', 'P3']), seg('REF', 0, 3)),
  loop('2310B', 0, 1, seg('NM1', 1, 1, ['82']), seg('PRV', 0, 1, ['PE']), seg('REF', 0, 4)),
  loop('2310C', 0, 1, seg('NM1', 1, 1, ['77']), seg('N3', 1, 1), seg('N4', 1, 1), seg('REF', 0, 3)),
  loop('2310D', 0, 1, seg('NM1', 1, 1, ['DQ']), seg('REF', 0, 4)),
  loop('2320', 0, 10,
    seg('SBR', 1, 1),
    seg('CAS', 0, 5),
    seg('AMT', 0, 1, ['D']),
    seg('AMT', 0, 1, ['A8']),
    seg('AMT', 0, 1, ['EAF']),
    seg('OI', 1, 1),
    seg('MOA', 0, 1),
    loop('2330A', 1, 1, seg('NM1', 1, 1, ['IL']), seg('N3', 0, 1), seg('N4', 0, 1), seg('REF', 0, 1, ['SY'])),
    loop('2330B', 1, 1, seg('NM1', 1, 1, ['PR']), seg('N3', 0, 1), seg('N4', 0, 1), seg('DTP', 0, 1, ['573']), seg('REF', 0, 6, ['2U', 'EI', 'FY', 'NF', 'G1', '9F', 'T4', 'F8'])),
  ),
  loop('2400', 1, 50,
    seg('LX', 1, 1),
    seg('SV1', 1, 1),
    seg('DTP', 1, 1, ['472']),
    seg('DTP', 0, 10, LINE_DATES),
    seg('REF', 0, 15),
    seg('AMT', 0, 2),
    seg('NTE', 0, 2),
    loop('2420A', 0, 1, seg('NM1', 1, 1, ['82']), seg('PRV', 0, 1, ['PE']), seg('REF', 0, 20)),
    loop('2420F', 0, 2, seg('NM1', 1, 1, ['DN', 'P3']), seg('REF', 0, 20)),
    loop('2430', 0, 15, seg('SVD', 1, 1), seg('CAS', 0, 5), seg('DTP', 1, 1, ['573']), seg('AMT', 0, 1, ['EAF'])),
  ),
);

/**
 * Checks across segments: NPIs, TIN and ZIP shapes by loop, the claim total against its lines, REF*F8
 * for replacements and voids, diagnosis pointers against the claim's diagnoses, LX numbering, and the
 * subscriber/patient split (SBR02 18, PAT, where the claim sits).
 */
function rules837(body: readonly PlacedSegment[]): X12Problem[] {
  const out: X12Problem[] = [];
  const at = (s: PlacedSegment, message: string, element?: number) => out.push({ position: s.position, tag: s.tag, element, loop: s.loop, kind: 'rule', message });
  let claimSeg: PlacedSegment | null = null;
  let lineTotal = 0;
  let diagnoses = 0;
  let hasF8 = false;
  let lx = 0;
  let level = '';
  let subscriber: { hl: PlacedSegment; self: boolean; claims: number; demographics: boolean; address: boolean } | null = null;
  const closeClaim = () => {
    if (!claimSeg) return;
    const total = decimalToCents(claimSeg.el[1]);
    if (total !== lineTotal) at(claimSeg, `CLM02 ${claimSeg.el[1]} is not the sum of the service line charges`, 2);
    const frequency = claimSeg.el[4]?.split(claimSeg.component)[2];
    if ((frequency === '7' || frequency === '8') && !hasF8) at(claimSeg, 'a replacement or void (CLM05-3 7/8) needs REF*F8 with the payer claim control number', 5);
    if (frequency === '1' && hasF8) at(claimSeg, 'REF*F8 is only sent with a replacement or void', 5);
    claimSeg = null;
  };
  const closeSubscriber = () => {
    if (!subscriber) return;
    const { hl: h, self, claims } = subscriber;
    if (self && claims === 0) at(h, 'a subscriber who is the patient (HL04 0) carries the claims (loop 2300)');
    if (self && !subscriber.demographics) at(h, 'DMG of loop 2010BA is required when the subscriber is the patient');
    if (self && !subscriber.address) at(h, 'N3/N4 of loop 2010BA are required when the subscriber is the patient');
    subscriber = null;
  };
  for (const s of body) {
    const e = s.el;
    if (s.tag === 'HL') {
      closeClaim();
      level = e[2] ?? '';
      if (level === '22' || level === '20') closeSubscriber();
      if (e[2] === '22') subscriber = { hl: s, self: e[3] === '0', claims: 0, demographics: false, address: false };
    }
    if (s.tag === 'SBR' && s.loop === '2000B' && e[1] && e[1] !== '18') at(s, 'SBR02 of loop 2000B is 18 (self) or empty', 2);
    else if (s.tag === 'SBR' && s.loop === '2000B' && subscriber && (e[1] === '18') !== subscriber.self) {
      at(s, subscriber.self ? 'SBR02 must be 18 when the subscriber is the patient (no patient HL)' : 'SBR02 must be empty when the patient is a dependent (patient HL follows)', 2);
    }
    if (s.loop === '2010BA' && subscriber) {
      if (s.tag === 'DMG') subscriber.demographics = true;
      if (s.tag === 'N4') subscriber.address = true;
    }
    if (s.tag === 'NM1' && e[7] === 'XX' && !/^\d{10}$/.test(e[8] ?? '')) at(s, `NM109 "${e[8]}" is not a 10-digit NPI`, 9);
    if (s.tag === 'REF' && e[0] === 'EI' && !/^\d{9}$/.test(e[1] ?? '')) at(s, 'REF02 must be a 9-digit EIN', 2);
    if (s.tag === 'N4' && (s.loop === '2010AA' || s.loop === '2310C') && !/^\d{9}$/.test(e[2] ?? '')) at(s, `N403 of loop ${s.loop} must be a nine-digit ZIP code`, 3);
    if (s.tag === 'CLM') {
      closeClaim();
      claimSeg = s;
      lineTotal = 0;
      diagnoses = 0;
      hasF8 = false;
      lx = 0;
      if (level === '22' && subscriber?.self) subscriber.claims++;
      else if (level === '22') at(s, 'the claim of a dependent patient belongs in the patient loop (HL 23)');
    }
    if (s.tag === 'REF' && e[0] === 'F8' && s.loop === '2300') hasF8 = true;
    if (s.tag === 'HI' && diagnoses === 0) diagnoses = e.filter(Boolean).length;
    if (s.tag === 'LX' && e[0] !== String(++lx)) at(s, `LX01 must be ${lx} (lines numbered from 1 within the claim)`, 1);
    if (s.tag === 'SV1') {
      lineTotal += decimalToCents(e[1]) ?? 0;
      const pointers = (e[6] ?? '').split(s.component).filter(Boolean).map(Number);
      if (pointers.some((p) => p > diagnoses)) at(s, `SV107 points to a diagnosis the claim does not have (${diagnoses} on HI)`, 7);
      if (new Set(pointers).size !== pointers.length) at(s, 'SV107 repeats a diagnosis pointer', 7);
    }
  }
  closeClaim();
  closeSubscriber();
  return [...out, ...rules837Cob(body)];
}

/** 837P professional claim (005010X222A1). */
export const SPEC_837P: TransactionSpec = {
  id: '837',
  version: '005010X222A1',
  functionalId: 'HC',
  required: ['BHT', 'HL', 'NM1', 'SBR', 'CLM', 'HI', 'LX', 'SV1', 'DTP'],
  segments: {
    BHT: [r(4, 4, { codes: ['0019'] }), r(2, 2, { codes: ['00', '18'] }), r(1, 50), r(8, 8, { pattern: DATE }), r(4, 8, { pattern: TIME }), r(2, 2, { codes: ['31', 'CH', 'RP'] })],
    NM1: [r(2, 3, { codes: ENTITY }), r(1, 1, { codes: ['1', '2'] }), o(1, 60), o(1, 35), o(1, 25), x, o(1, 10), o(1, 2, { codes: ['46', 'XX', 'MI', 'PI', 'II', 'XV', '24', '34'] }), o(2, 80), x, x, x],
    PER: [r(2, 2, { codes: ['IC'] }), o(1, 60), r(2, 2, { codes: ['EM', 'FX', 'TE'] }), r(1, 256), o(2, 2, { codes: ['EM', 'EX', 'FX', 'TE'] }), o(1, 256), o(2, 2, { codes: ['EM', 'EX', 'FX', 'TE'] }), o(1, 256), x],
    HL: [r(1, 12, { pattern: DIGITS }), o(1, 12, { pattern: DIGITS }), r(1, 2, { codes: ['20', '22', '23'] }), r(1, 1, { codes: ['0', '1'] })],
    PRV: [r(2, 3, { codes: ['BI', 'PE'] }), r(2, 3, { codes: ['PXC'] }), r(10, 10, { pattern: TAXONOMY }), x, x, x],
    N3: [r(1, 55), o(1, 55)],
    N4: [r(2, 30), o(2, 2), o(3, 15), o(2, 3), x, x, o(1, 3)],
    REF: [r(2, 3, { codes: ['EI', 'SY', 'G2', 'LU', '0B', '1G', 'Y4', '2U', 'FY', 'NF', 'T4', ...CLAIM_REFS] }), r(1, 50), x, x],
    SBR: [r(1, 1, { codes: ['P', 'S', 'T', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'U'] }), o(2, 2, { codes: INDIVIDUAL_RELATIONSHIPS }), o(1, 50), o(1, 60), o(1, 3), x, x, x, r(1, 2, { codes: CLAIM_FILING_INDICATORS })],
    DMG: [r(2, 3, { codes: ['D8'] }), r(8, 8, { pattern: DATE }), r(1, 1, { codes: ['F', 'M', 'U'] })],
    PAT: [r(2, 2, { codes: PATIENT_RELATIONSHIPS }), x, x, x, o(2, 3, { codes: ['D8'] }), o(1, 35, { pattern: DATE }), o(2, 2, { codes: ['01'] }), o(1, 10, { pattern: DECIMAL }), o(1, 1, { codes: ['Y'] })],
    CLM: [
      r(1, 38), r(1, 18, { pattern: DECIMAL }), x, x,
      c(true, [r(1, 2, { pattern: /^\d{2}$/ }), r(1, 2, { codes: ['B'] }), r(1, 1, { codes: ['1', '7', '8'] })]),
      r(1, 1, { codes: ['Y', 'N'] }), r(1, 1, { codes: ['A', 'B', 'C'] }), r(1, 1, { codes: ['N', 'W', 'Y'] }), r(1, 1, { codes: ['I', 'Y'] }),
      o(1, 1, { codes: ['P'] }), c(false, [r(2, 3, { codes: ['AA', 'EM', 'OA'] }), o(2, 3, { codes: ['AA', 'EM', 'OA'] }), x, o(2, 2), o(2, 3)]),
      o(2, 3, { codes: ['02', '03', '05', '09'] }), x, x, x, x, x, x, x, o(1, 2, { codes: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '15'] }),
    ],
    DTP: [r(3, 3, { codes: [...CLAIM_DATES, '472', '573', ...LINE_DATES] }), r(2, 3, { codes: ['D8', 'RD8'] }), r(8, 17, { pattern: DATE_OR_RANGE })],
    AMT: [r(1, 3, { codes: ['F5', 'AAE', 'B6', 'T', 'GT', 'D', 'A8', 'EAF'] }), r(1, 18, { pattern: DECIMAL }), x],
    NTE: [r(3, 3, { codes: ['ADD', 'CER', 'DCP', 'DGN', 'TPO'] }), r(1, 80)],
    HI: [dx('ABK'), dx('ABF'), dx('ABF'), dx('ABF'), dx('ABF'), dx('ABF'), dx('ABF'), dx('ABF'), dx('ABF'), dx('ABF'), dx('ABF'), dx('ABF')],
    LX: [r(1, 6, { pattern: DIGITS })],
    CAS: [r(2, 2, { codes: CAS_GROUPS }), r(1, 5), r(1, 18, { pattern: DECIMAL }), o(1, 15, { pattern: DECIMAL }), ...casTriplet, ...casTriplet, ...casTriplet, ...casTriplet, ...casTriplet],
    OI: [x, x, r(1, 1, { codes: ['N', 'W', 'Y'] }), o(1, 1, { codes: ['P'] }), x, r(1, 1, { codes: ['I', 'Y'] })],
    MOA: [o(1, 10, { pattern: DECIMAL }), o(1, 18, { pattern: DECIMAL }), o(1, 50), o(1, 50), o(1, 50), o(1, 50), o(1, 50), o(1, 18, { pattern: DECIMAL }), o(1, 18, { pattern: DECIMAL })],
    SVD: [
      r(2, 80), r(1, 18, { pattern: DECIMAL }),
      c(true, [r(2, 2, { codes: ['HC', 'ER', 'IV', 'WK'] }), r(1, 48, { pattern: /^[A-Z0-9]{5}$/ }), o(2, 2), o(2, 2), o(2, 2), o(2, 2), o(1, 80), x]),
      x, r(1, 15, { pattern: DECIMAL }), o(1, 6, { pattern: DIGITS }),
    ],
    SV1: [
      c(true, [r(2, 2, { codes: ['HC', 'ER', 'IV', 'WK'] }), r(1, 48, { pattern: /^[A-Z0-9]{5}$/ }), o(2, 2), o(2, 2), o(2, 2), o(2, 2), o(1, 80), x]),
      r(1, 18, { pattern: DECIMAL }), r(2, 2, { codes: ['UN', 'MJ'] }), r(1, 15, { pattern: DECIMAL }), o(1, 2, { pattern: /^\d{2}$/ }), x,
      c(true, [pointer(true), pointer(false), pointer(false), pointer(false)]),
      x, o(1, 1, { codes: ['Y'] }), x, o(1, 1, { codes: ['Y'] }), o(1, 1, { codes: ['Y'] }), x, x, o(1, 1, { codes: ['0'] }),
    ],
  },
  hlLevels: { '20': null, '22': '20', '23': '22' },
  loops: [
    seg('BHT', 1, 1),
    loop('1000A', 1, 1, seg('NM1', 1, 1, ['41']), seg('PER', 1, 2, ['IC'])),
    loop('1000B', 1, 1, seg('NM1', 1, 1, ['40'])),
    loop('2000A', 1, MANY,
      hl('20'),
      seg('PRV', 0, 1, ['BI']),
      loop('2010AA', 1, 1, seg('NM1', 1, 1, ['85']), seg('N3', 1, 1), seg('N4', 1, 1), seg('REF', 1, 1, ['EI', 'SY']), seg('REF', 0, 2, ['0B', '1G']), seg('PER', 0, 2)),
      loop('2010AB', 0, 1, seg('NM1', 1, 1, ['87']), seg('N3', 1, 1), seg('N4', 1, 1)),
      loop('2000B', 1, MANY,
        hl('22'),
        seg('SBR', 1, 1),
        loop('2010BA', 1, 1, seg('NM1', 1, 1, ['IL']), seg('N3', 0, 1), seg('N4', 0, 1), seg('DMG', 0, 1), seg('REF', 0, 2, ['SY', 'Y4'])),
        loop('2010BB', 1, 1, seg('NM1', 1, 1, ['PR']), seg('N3', 0, 1), seg('N4', 0, 1), seg('REF', 0, 5, ['2U', 'EI', 'FY', 'NF', 'G2', 'LU'])),
        { ...claim, min: 0 },
        loop('2000C', 0, MANY,
          hl('23'),
          seg('PAT', 1, 1),
          loop('2010CA', 1, 1, seg('NM1', 1, 1, ['QC']), seg('N3', 1, 1), seg('N4', 1, 1), seg('DMG', 1, 1), seg('REF', 0, 2, ['Y4', '1W', 'SY'])),
          claim,
        ),
      ),
    ),
  ],
  rules: rules837,
};
