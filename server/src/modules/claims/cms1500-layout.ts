import { FORM_PAGE } from '../../pdf/pdf-form.js';

/**
 * Where everything sits on the CMS-1500 (02/12) as we draw it: the boxes 1–33 with their captions, the
 * places values are typed, the check boxes and the six service lines of box 24. Measured from the top
 * of the page (how forms are read) and converted to PDF coordinates (from the bottom) on the way out.
 * Values use 9 pt Courier (5.4 pt a character), captions 5–5.5 pt Helvetica.
 */

/** A rectangle in PDF coordinates (points; y is the bottom edge, from the bottom of the page). */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Converts "x, top, width, height" (top measured downwards from the top of the page) to a Rect. */
const at = (x: number, top: number, w: number, h: number): Rect => ({ x, y: FORM_PAGE.height - top - h, w, h });
/** A baseline measured from the top of the page, as a PDF y. */
export const fromTop = (top: number) => FORM_PAGE.height - top;

export const VALUE_SIZE = 9;
export const CAPTION_SIZE = 5.5;
/** Size of the page number and the copy label (above the form, not in any box). */
export const MARKER_SIZE = 8;

export const FORM_LEFT = 18;
export const FORM_RIGHT = 590;

interface BoxSpec {
  rect: Rect;
  /** Caption lines, top to bottom; the first starts with the box number as printed on the form. */
  caption: string[];
  shaded?: boolean;
  /** Drawn without a border (the carrier block). */
  open?: boolean;
}

const box = (x: number, top: number, w: number, h: number, caption: string[], extra: Partial<BoxSpec> = {}): BoxSpec => ({
  rect: at(x, top, w, h),
  caption,
  ...extra,
});

export const BOXES = {
  carrier: box(330, 18, 260, 54, [], { open: true }),
  '1': box(18, 108, 354, 24, ['1.']),
  '1a': box(372, 108, 218, 24, ["1a. INSURED'S I.D. NUMBER                              (For Program in Item 1)"]),
  '2': box(18, 132, 232, 24, ["2. PATIENT'S NAME (Last Name, First Name, Middle Initial)"]),
  '3': box(250, 132, 122, 24, ["3. PATIENT'S BIRTH DATE                     SEX"]),
  '4': box(372, 132, 218, 24, ["4. INSURED'S NAME (Last Name, First Name, Middle Initial)"]),
  '5': box(18, 156, 232, 72, ["5. PATIENT'S ADDRESS (No., Street)"]),
  '6': box(250, 156, 122, 24, ['6. PATIENT RELATIONSHIP TO INSURED']),
  '7': box(372, 156, 218, 72, ["7. INSURED'S ADDRESS (No., Street)"]),
  '8': box(250, 180, 122, 48, ['8. RESERVED FOR NUCC USE']),
  '9': box(18, 228, 232, 24, ["9. OTHER INSURED'S NAME (Last Name, First Name, Middle Initial)"]),
  '9a': box(18, 252, 232, 24, ["a. OTHER INSURED'S POLICY OR GROUP NUMBER"]),
  '9b': box(18, 276, 232, 24, ['b. RESERVED FOR NUCC USE']),
  '9c': box(18, 300, 232, 24, ['c. RESERVED FOR NUCC USE']),
  '9d': box(18, 324, 232, 24, ['d. INSURANCE PLAN NAME OR PROGRAM NAME']),
  '10': box(250, 228, 122, 24, ["10. IS PATIENT'S CONDITION RELATED TO:"]),
  '10a': box(250, 252, 122, 24, ['a. EMPLOYMENT? (Current or Previous)']),
  '10b': box(250, 276, 122, 24, ['b. AUTO ACCIDENT?                PLACE (State)']),
  '10c': box(250, 300, 122, 24, ['c. OTHER ACCIDENT?']),
  '10d': box(250, 324, 122, 24, ['10d. CLAIM CODES (Designated by NUCC)']),
  '11': box(372, 228, 218, 24, ["11. INSURED'S POLICY GROUP OR FECA NUMBER"]),
  '11a': box(372, 252, 218, 24, ["a. INSURED'S DATE OF BIRTH                                    SEX"]),
  '11b': box(372, 276, 218, 24, ['b. OTHER CLAIM ID (Designated by NUCC)']),
  '11c': box(372, 300, 218, 24, ['c. INSURANCE PLAN NAME OR PROGRAM NAME']),
  '11d': box(372, 324, 218, 24, ['d. IS THERE ANOTHER HEALTH BENEFIT PLAN?']),
  '12': box(18, 348, 354, 36, [
    'READ BACK OF FORM BEFORE COMPLETING & SIGNING THIS FORM.',
    "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE  I authorize the release of any medical or other information necessary",
    'to process this claim. I also request payment of government benefits either to myself or to the party who accepts assignment below.',
  ]),
  '13': box(372, 348, 218, 36, [
    "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE  I authorize",
    'payment of medical benefits to the undersigned physician or supplier for',
    'services described below.',
  ]),
  '14': box(18, 384, 232, 24, ['14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)']),
  '15': box(250, 384, 122, 24, ['15. OTHER DATE']),
  '16': box(372, 384, 218, 24, ['16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION']),
  '17': box(18, 408, 232, 24, ['17. NAME OF REFERRING PROVIDER OR OTHER SOURCE']),
  '17a': box(250, 408, 122, 12, ['17a.'], { shaded: true }),
  '17b': box(250, 420, 122, 12, ['17b. NPI']),
  '18': box(372, 408, 218, 24, ['18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES']),
  '19': box(18, 432, 354, 24, ['19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)']),
  '20': box(372, 432, 218, 24, ['20. OUTSIDE LAB?                                 $ CHARGES']),
  '21': box(18, 456, 354, 48, ['21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY  Relate A-L to service line below (24E)']),
  '22': box(372, 456, 218, 24, ['22. RESUBMISSION CODE                ORIGINAL REF. NO.']),
  '23': box(372, 480, 218, 24, ['23. PRIOR AUTHORIZATION NUMBER']),
  '24': box(18, 504, 572, 180, ['24. A.']),
  '25': box(18, 684, 152, 24, ['25. FEDERAL TAX I.D. NUMBER']),
  '26': box(170, 684, 120, 24, ["26. PATIENT'S ACCOUNT NO."]),
  '27': box(290, 684, 82, 24, ['27. ACCEPT ASSIGNMENT?']),
  '28': box(372, 684, 78, 24, ['28. TOTAL CHARGE']),
  '29': box(450, 684, 70, 24, ['29. AMOUNT PAID']),
  '30': box(520, 684, 70, 24, ['30. Rsvd for NUCC Use']),
  '31': box(18, 708, 152, 60, [
    '31. SIGNATURE OF PHYSICIAN OR SUPPLIER',
    'INCLUDING DEGREES OR CREDENTIALS',
    '(I certify that the statements on the reverse',
    'apply to this bill and are made a part thereof.)',
  ]),
  '32': box(170, 708, 202, 46, ['32. SERVICE FACILITY LOCATION INFORMATION']),
  '32a': box(170, 754, 101, 14, ['a. NPI']),
  '32b': box(271, 754, 101, 14, ['b.'], { shaded: true }),
  '33': box(372, 708, 218, 46, ['33. BILLING PROVIDER INFO & PH #']),
  '33a': box(372, 754, 109, 14, ['a. NPI']),
  '33b': box(481, 754, 109, 14, ['b.'], { shaded: true }),
} satisfies Record<string, BoxSpec>;

export type BoxId = keyof typeof BOXES;

/** Where a value is typed: left edge (or right edge when right-aligned), baseline, room. */
interface FieldSpec {
  box: BoxId;
  x: number;
  y: number;
  w: number;
  align?: 'right';
}

const field = (b: BoxId, x: number, baselineTop: number, w: number, align?: 'right'): FieldSpec => ({ box: b, x, y: fromTop(baselineTop), w, align });

export const FIELDS = {
  'carrier.1': field('carrier', 334, 30, 252),
  'carrier.2': field('carrier', 334, 40, 252),
  'carrier.3': field('carrier', 334, 50, 252),
  'carrier.4': field('carrier', 334, 60, 252),
  '1a': field('1a', 376, 127, 210),
  '2': field('2', 22, 151, 224),
  '3.mm': field('3', 254, 153, 12),
  '3.dd': field('3', 272, 153, 12),
  '3.yyyy': field('3', 290, 153, 24),
  '4': field('4', 376, 151, 210),
  '5.street': field('5', 22, 175, 224),
  '5.city': field('5', 22, 199, 184),
  '5.state': field('5', 213, 199, 34),
  '5.zip': field('5', 22, 223, 84),
  '5.area': field('5', 127, 223, 17),
  '5.phone': field('5', 151, 223, 96),
  '7.street': field('7', 376, 175, 210),
  '7.city': field('7', 376, 199, 170),
  '7.state': field('7', 553, 199, 34),
  '7.zip': field('7', 376, 223, 90),
  '7.area': field('7', 487, 223, 17),
  '7.phone': field('7', 511, 223, 76),
  '9': field('9', 22, 247, 224),
  '9a': field('9a', 22, 271, 224),
  '9d': field('9d', 22, 343, 224),
  '11': field('11', 376, 247, 210),
  '11a.mm': field('11a', 386, 273, 12),
  '11a.dd': field('11a', 404, 273, 12),
  '11a.yyyy': field('11a', 422, 273, 24),
  '11c': field('11c', 376, 319, 210),
  '12.signed': field('12', 46, 380, 190),
  '13.signed': field('13', 402, 380, 184),
  '17.qualifier': field('17', 20, 429, 14),
  '17.name': field('17', 40, 429, 206),
  '17b': field('17b', 280, 430, 88),
  '19': field('19', 22, 451, 346),
  '21.indicator': field('21', 352, 465, 8),
  '21.A': field('21', 31, 477, 72),
  '21.B': field('21', 119, 477, 72),
  '21.C': field('21', 207, 477, 72),
  '21.D': field('21', 295, 477, 72),
  '21.E': field('21', 31, 488, 72),
  '21.F': field('21', 119, 488, 72),
  '21.G': field('21', 207, 488, 72),
  '21.H': field('21', 295, 488, 72),
  '21.I': field('21', 31, 499, 72),
  '21.J': field('21', 119, 499, 72),
  '21.K': field('21', 207, 499, 72),
  '21.L': field('21', 295, 499, 72),
  '22.code': field('22', 380, 475, 66),
  '22.reference': field('22', 456, 475, 130),
  '23': field('23', 376, 499, 210),
  '25': field('25', 22, 704, 100),
  '26': field('26', 174, 704, 112),
  '28.dollars': field('28', 429.5, 704, 48, 'right'),
  '28.cents': field('28', 436.5, 704, 12),
  '29.dollars': field('29', 500.5, 704, 40, 'right'),
  '29.cents': field('29', 507.5, 704, 12),
  '31.name': field('31', 22, 749, 144),
  '31.signed': field('31', 44, 764, 40),
  '31.date': field('31', 116, 764, 50),
  '32.name': field('32', 174, 725, 194),
  '32.street': field('32', 174, 735, 194),
  '32.city': field('32', 174, 745, 194),
  '32a': field('32a', 194, 765, 74),
  '33.area': field('33', 514, 716, 17),
  '33.phone': field('33', 539, 716, 50),
  '33.name': field('33', 376, 725, 210),
  '33.street': field('33', 376, 735, 210),
  '33.city': field('33', 376, 745, 210),
  '33a': field('33a', 396, 765, 82),
  '33b': field('33b', 492, 765, 94),
} satisfies Record<string, FieldSpec>;

export type FieldId = keyof typeof FIELDS;

/** A check box (7 × 7 pt) and the words printed beside it. */
interface CheckSpec {
  box: BoxId;
  rect: Rect;
  label: string[];
  /** Label left of the square instead of right of it. */
  labelLeft?: boolean;
}

const check = (b: BoxId, x: number, top: number, label: string[], labelLeft = false): CheckSpec => ({ box: b, rect: at(x, top, 7, 7), label, labelLeft });

export const CHECKS = {
  '1.medicare': check('1', 21, 117, ['MEDICARE', '(Medicare#)']),
  '1.medicaid': check('1', 71.5, 117, ['MEDICAID', '(Medicaid#)']),
  '1.tricare': check('1', 122, 117, ['TRICARE', '(ID#/DoD#)']),
  '1.champva': check('1', 172.5, 117, ['CHAMPVA', '(Member ID#)']),
  '1.group': check('1', 223, 117, ['GROUP HEALTH', 'PLAN (ID#)']),
  '1.feca': check('1', 273.5, 117, ['FECA BLK', 'LUNG (ID#)']),
  '1.other': check('1', 324, 117, ['OTHER', '(ID#)']),
  '3.male': check('3', 330, 146, ['M'], true),
  '3.female': check('3', 356, 146, ['F'], true),
  '6.self': check('6', 273, 171, ['Self'], true),
  '6.spouse': check('6', 302, 171, ['Spouse'], true),
  '6.child': check('6', 331, 171, ['Child'], true),
  '6.other': check('6', 360, 171, ['Other'], true),
  '10a.yes': check('10a', 268, 264, ['YES']),
  '10a.no': check('10a', 310, 264, ['NO']),
  '10b.yes': check('10b', 268, 288, ['YES']),
  '10b.no': check('10b', 310, 288, ['NO']),
  '10c.yes': check('10c', 268, 312, ['YES']),
  '10c.no': check('10c', 310, 312, ['NO']),
  '11a.male': check('11a', 490, 266, ['M'], true),
  '11a.female': check('11a', 530, 266, ['F'], true),
  '11d.yes': check('11d', 378, 336, ['YES']),
  '11d.no': check('11d', 410, 336, ['NO']),
  '20.yes': check('20', 378, 444, ['YES']),
  '20.no': check('20', 410, 444, ['NO']),
  '25.ssn': check('25', 132, 694, ['SSN'], true),
  '25.ein': check('25', 158, 694, ['EIN'], true),
  '27.yes': check('27', 294, 698, ['YES']),
  '27.no': check('27', 330, 698, ['NO']),
} satisfies Record<string, CheckSpec>;

export type CheckId = keyof typeof CHECKS;

/** Words printed on the form outside the box captions (sub-captions, dividers' labels). */
export const NOTES: { x: number; top: number; text: string; size?: number; bold?: boolean }[] = [
  { x: 256, top: 145, text: 'MM     DD      YY', size: 4.5 },
  { x: 21, top: 186.5, text: 'CITY' },
  { x: 213, top: 186.5, text: 'STATE' },
  { x: 21, top: 210.5, text: 'ZIP CODE' },
  { x: 113, top: 210.5, text: 'TELEPHONE (Include Area Code)' },
  { x: 123, top: 223, text: '(', size: 7 },
  { x: 144, top: 223, text: ')', size: 7 },
  { x: 375, top: 186.5, text: 'CITY' },
  { x: 553, top: 186.5, text: 'STATE' },
  { x: 375, top: 210.5, text: 'ZIP CODE' },
  { x: 473, top: 210.5, text: 'TELEPHONE (Include Area Code)' },
  { x: 483, top: 223, text: '(', size: 7 },
  { x: 504, top: 223, text: ')', size: 7 },
  { x: 510, top: 716, text: '(', size: 7 },
  { x: 532, top: 716, text: ')', size: 7 },
  { x: 388, top: 265, text: 'MM     DD      YY', size: 4.5 },
  { x: 440, top: 341.5, text: 'If yes, complete items 9, 9a, and 9d.', size: 4.5 },
  { x: 21, top: 380, text: 'SIGNED' },
  { x: 250, top: 380, text: 'DATE' },
  { x: 375, top: 380, text: 'SIGNED' },
  { x: 21, top: 398, text: 'MM     DD      YY          QUAL.', size: 4.5 },
  { x: 253, top: 398, text: 'QUAL.          MM     DD      YY', size: 4.5 },
  { x: 375, top: 398, text: 'FROM    MM     DD      YY                    TO    MM     DD      YY', size: 4.5 },
  { x: 375, top: 422, text: 'FROM    MM     DD      YY                    TO    MM     DD      YY', size: 4.5 },
  { x: 290, top: 462.5, text: 'ICD Ind.' },
  { x: 21, top: 477, text: 'A.' },
  { x: 109, top: 477, text: 'B.' },
  { x: 197, top: 477, text: 'C.' },
  { x: 285, top: 477, text: 'D.' },
  { x: 21, top: 488, text: 'E.' },
  { x: 109, top: 488, text: 'F.' },
  { x: 197, top: 488, text: 'G.' },
  { x: 285, top: 488, text: 'H.' },
  { x: 21, top: 499, text: 'I.' },
  { x: 109, top: 499, text: 'J.' },
  { x: 197, top: 499, text: 'K.' },
  { x: 285, top: 499, text: 'L.' },
  { x: 375, top: 704, text: '$', size: 7 },
  { x: 453, top: 704, text: '$', size: 7 },
  { x: 21, top: 764, text: 'SIGNED' },
  { x: 100, top: 764, text: 'DATE' },
];

/** Rules inside boxes that split them into the parts the instructions name. */
export const DIVIDERS: { x1: number; top1: number; x2: number; top2: number; dashed?: boolean }[] = [
  { x1: 18, top1: 180, x2: 250, top2: 180 },
  { x1: 18, top1: 204, x2: 250, top2: 204 },
  { x1: 210, top1: 180, x2: 210, top2: 204 },
  { x1: 110, top1: 204, x2: 110, top2: 228 },
  { x1: 372, top1: 180, x2: 590, top2: 180 },
  { x1: 372, top1: 204, x2: 590, top2: 204 },
  { x1: 550, top1: 180, x2: 550, top2: 204 },
  { x1: 470, top1: 204, x2: 470, top2: 228 },
  { x1: 36, top1: 420, x2: 36, top2: 432 },
  { x1: 450, top1: 466, x2: 450, top2: 480 },
  { x1: 348, top1: 457, x2: 348, top2: 467 },
  { x1: 348, top1: 467, x2: 362, top2: 467 },
  { x1: 433, top1: 694, x2: 433, top2: 708, dashed: true },
  { x1: 504, top1: 694, x2: 504, top2: 708, dashed: true },
];

// ---- Box 24: six service lines, each a shaded supplemental half over an unshaded half.

export const LINES_PER_PAGE = 6;
const LINES_TOP = 528;
const LINE_HEIGHT = 26;

interface LineColumn {
  x: number;
  w: number;
  /** Room between the rule and the value (enough that neighbours never run together). */
  pad: number;
  /** Header caption lines (box 24's column letters and names). */
  header: string[];
  align?: 'right';
}

const col = (x: number, w: number, header: string[], align?: 'right', pad = 2): LineColumn => ({ x, w, header, align, pad });

export const LINE_COLUMNS = {
  fromMm: col(18, 22, ['', 'From', 'MM']),
  fromDd: col(40, 22, ['DATE(S) OF SERVICE', '', 'DD']),
  fromYy: col(62, 22, ['', '', 'YY']),
  toMm: col(84, 22, ['', 'To', 'MM']),
  toDd: col(106, 22, ['', '', 'DD']),
  toYy: col(128, 22, ['', '', 'YY']),
  placeOfService: col(150, 22, ['B.', 'PLACE OF', 'SERVICE']),
  emergency: col(172, 18, ['C.', '', 'EMG']),
  procedure: col(190, 46, ['D. PROCEDURES, SERVICES, OR SUPPLIES', '(Explain Unusual Circumstances)', 'CPT/HCPCS']),
  modifier1: col(236, 20, ['', '', 'MODIFIER']),
  modifier2: col(256, 20, ['', '', '']),
  modifier3: col(276, 20, ['', '', '']),
  modifier4: col(296, 20, ['', '', '']),
  pointer: col(316, 36, ['E.', 'DIAGNOSIS', 'POINTER']),
  chargeDollars: col(352, 48, ['F.', '', '$ CHARGES'], 'right', 3.5),
  chargeCents: col(400, 16, ['', '', ''], undefined, 3),
  units: col(416, 28, ['G.', 'DAYS OR', 'UNITS'], undefined, 6),
  epsdt: col(444, 22, ['H. EPSDT', 'Family', 'Plan']),
  qualifier: col(466, 22, ['I.', 'ID.', 'QUAL.']),
  renderingId: col(488, 102, ['J.', 'RENDERING', 'PROVIDER ID. #']),
} satisfies Record<string, LineColumn>;

export type LineColumnId = keyof typeof LINE_COLUMNS;

/** Top (from the top of the page) of service line `index` (0-based on its page). */
export const lineTop = (index: number) => LINES_TOP + index * LINE_HEIGHT;
export const LINE_HALF = LINE_HEIGHT / 2;

/** The unshaded (billing) half of a line's cell. */
export const lineCell = (index: number, column: LineColumnId): Rect => {
  const c = LINE_COLUMNS[column];
  return at(c.x, lineTop(index) + LINE_HALF, c.w, LINE_HALF);
};

/** The shaded (supplemental) half of a line's cell. */
export const lineShadedCell = (index: number, column: LineColumnId): Rect => {
  const c = LINE_COLUMNS[column];
  return at(c.x, lineTop(index), c.w, LINE_HALF);
};

/** Box 24I's preprinted "NPI" sits in the unshaded half: the rendering provider's NPI goes in 24J beside it. */
export const LINE_PREPRINTED_QUALIFIER = 'NPI';

// ---- Around the form.

export const TITLE = { x: 18, top: 92, text: 'HEALTH INSURANCE CLAIM FORM', size: 13 };
export const SUBTITLE = { x: 18, top: 101, text: 'APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12' };
/** The page number of a multi-page claim: top right, where payers look for "Page 1 of 2". */
export const PAGE_MARKER = { x: FORM_RIGHT, top: 12 };
/** "PATIENT COPY" on the copies handed to the patient: top left. */
export const COPY_MARKER = { x: FORM_LEFT, top: 12 };
export const FOOTER = {
  top: 779,
  left: 'NUCC Instruction Manual available at: www.nucc.org',
  center: 'PLEASE PRINT OR TYPE',
  right: 'APPROVED OMB-0938-1197 FORM 1500 (02-12)',
};
export const MARGIN_LABELS = [
  { x: 600, top: 72, text: 'CARRIER' },
  { x: 600, top: 384, text: 'PATIENT AND INSURED INFORMATION' },
  { x: 600, top: 768, text: 'PHYSICIAN OR SUPPLIER INFORMATION' },
];
