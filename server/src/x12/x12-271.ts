import { type X12Doc, X12FormatError, parseX12 } from './x12-document.js';
import { isoDate } from './x12-envelope.js';
import { decimalToCents } from './x12-money.js';

/** One EB segment, normalised. */
export interface Benefit {
  /** EB01: 1–5 active, 6–8 inactive, A coinsurance, B copay, C deductible, G out-of-pocket, … */
  code: string;
  /** EB02: IND, FAM, EMP, ESP, CHD, … */
  coverageLevel: string | null;
  serviceTypeCodes: string[];
  insuranceType: string | null;
  planDescription: string | null;
  /** EB06: 23 calendar year, 29 remaining, 27 visit, … */
  timePeriod: string | null;
  amountCents: number | null;
  /** EB07 was a payer placeholder (99999.99 and the like), not money: amountCents is null. */
  placeholderAmount: boolean;
  /** EB08 as a fraction (0.2 = 20 %). */
  percent: number | null;
  quantity: number | null;
  /** EB11: Y, N or U. */
  authorizationRequired: string | null;
  /** EB12: Y in network, N out of network, W not applicable (both), U unknown. */
  inNetwork: string | null;
  /** DTP dates of loop 2110 (qualifier → ISO date or "from/to"). */
  dates: Record<string, string>;
}

/** One AAA segment: where it was found and why. */
export interface Rejection {
  /** HL level code where the AAA sat: 20 payer, 21 provider, 22 subscriber, 23 dependent (null = before any HL). */
  level: string | null;
  valid: boolean;
  code: string;
  followUp: string | null;
}

export interface Parsed271 {
  controlNumber: string;
  traceNumbers: string[];
  planDates: Record<string, string>;
  benefits: Benefit[];
  rejections: Rejection[];
  envelopeProblems: string[];
}

function dateValue(format: string | undefined, value: string | undefined): string | null {
  if (format === 'D8') return isoDate(value);
  if (format === 'RD8' && value?.includes('-')) {
    const [a, b] = value.split('-');
    const from = isoDate(a);
    const to = isoDate(b);
    return from && to ? `${from}/${to}` : null;
  }
  return null;
}

/** Payers fill amounts they cannot state with nines (99999.99, 999999999): not money. */
const PLACEHOLDER = /^9{5,}(\.9*)?$/;

function toBenefit(el: string[], doc: X12Doc): Benefit {
  const opt = (i: number) => el[i] || null;
  const n = (i: number) => (el[i] && !Number.isNaN(Number(el[i])) ? Number(el[i]) : null);
  return {
    code: el[0] ?? '',
    coverageLevel: opt(1),
    // 4010-style headers put U (not a separator) in ISA11: only split on a real repetition separator.
    serviceTypeCodes: /^[A-Za-z0-9]$/.test(doc.repetitionSeparator) ? [el[2] ?? ''].filter(Boolean) : (el[2] ?? '').split(doc.repetitionSeparator).filter(Boolean),
    insuranceType: opt(3),
    planDescription: opt(4),
    timePeriod: opt(5),
    amountCents: PLACEHOLDER.test(el[6] ?? '') ? null : decimalToCents(el[6]),
    placeholderAmount: PLACEHOLDER.test(el[6] ?? ''),
    percent: n(7),
    quantity: n(9),
    authorizationRequired: opt(10),
    inNetwork: opt(11),
    dates: {},
  };
}

/**
 * Parses an X12 271 eligibility response into benefits (EB), plan dates (DTP of loop 2100C/D),
 * rejections (AAA at any level) and trace numbers (TRN). LS/LE wrapped entities are skipped.
 * @throws X12FormatError when the text is not a 271
 */
export function parse271(raw: string): Parsed271 {
  const doc = parseX12(raw);
  if (doc.st[0] !== '271') throw new X12FormatError(`expected a 271, got ${doc.st[0] ?? 'nothing'}`);
  const out: Parsed271 = { controlNumber: doc.isa[12] ?? '', traceNumbers: [], planDates: {}, benefits: [], rejections: [], envelopeProblems: doc.envelopeProblems };
  let level: string | null = null;
  let current: Benefit | null = null;
  let inLs = false;
  for (const { tag, el } of doc.body) {
    if (tag === 'LS') inLs = true;
    else if (tag === 'LE') inLs = false;
    if (inLs) continue;
    switch (tag) {
      case 'HL':
        level = el[2] ?? null;
        current = null;
        break;
      case 'TRN':
        if (el[1]) out.traceNumbers.push(el[1]);
        break;
      case 'AAA':
        out.rejections.push({ level, valid: el[0] === 'Y', code: el[2] ?? '', followUp: el[3] || null });
        break;
      case 'EB':
        current = toBenefit(el, doc);
        out.benefits.push(current);
        break;
      case 'DTP': {
        const v = dateValue(el[1], el[2]);
        if (v && el[0]) (current ? current.dates : out.planDates)[el[0]] = v;
        break;
      }
    }
  }
  return out;
}
