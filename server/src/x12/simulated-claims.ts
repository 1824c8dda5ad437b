import { createHash } from 'node:crypto';
import { isValidNpi } from '../lib/npi.js';
import { type ClaimSubmissionAnswer, ClearinghouseError } from './clearinghouse.js';
import { checkX12, type X12Problem } from './x12-conformance.js';
import { type X12Doc, X12FormatError, parseX12, type X12Seg } from './x12-document.js';
import { buildInterchange, isoDate, type X12Parties, type X12SegmentWriter, x12Date } from './x12-envelope.js';
import { centsToAmount, decimalToCents } from './x12-money.js';
import { SPEC_837P } from './x12-specs.js';

/**
 * What the simulated clearinghouse answers to claims, decided only by the data it receives (the same
 * file always gets the same answer, control numbers included):
 *
 * 837P (`answer837`):
 * - not an X12 interchange at all → refused (ClearinghouseError HTTP_STATUS), like an HTTP 400;
 * - a member id starting with SLOW → the clearinghouse times out (TIMEOUT: the file may have arrived);
 * - a file our own conformance check (SPEC_837P) faults → 999 rejected (IK5 R, AK9 R) with one IK3 per
 *   faulty segment and an IK4 per faulty element (see `ik3Code`/`ik4Code`), and no 277CA;
 * - otherwise 999 accepted and one 277CA acknowledging every claim (HL PT, TRN = CLM01):
 *   - member id starting with REJ → rejected A7:164:IL (subscriber's member number invalid);
 *   - billing provider NPI failing the Luhn check → rejected A7:562:85;
 *   - a service date after the file's creation date (BHT04) → rejected A8:187 (dates of service);
 *   - else accepted A2:20 with a payer claim number (REF*1K) derived from payer id, CLM01 and CLM05-3.
 *
 * 276 (`answer276`), answered with a 277 echoing the trace, payer, provider and patient:
 * - member id starting with SLOW → TIMEOUT; GRBG → a non-X12 answer;
 * - member id starting with REJ → A4:35 (claim not found);
 * - otherwise by the last character of the patient account number (REF*EJ; a digit, or else its char
 *   code mod 10):
 *   0–3 finalized and paid in full F1:65 (paid = charge, check SIM + digits), 4–5 pending P1:20,
 *   6 denied F2:88 (paid 0), 7 paid in part F1:65 (paid half), 8–9 adjudicated, awaiting the payment
 *   cycle F0:3 (paid = 80 % of the charge). Finalized dates are the last service date + 14 days.
 */
export const CLAIM_SIMULATOR_RULES = {
  SLOW: 'member id prefix: the clearinghouse times out (837 and 276)',
  REJ: 'member id prefix: 277CA rejects the claim A7:164:IL; a 276 finds no claim (A4:35)',
  BAD_NPI: 'billing NPI failing Luhn: 277CA rejects A7:562:85',
  FUTURE_DOS: 'service date after the 837 creation date: 277CA rejects A8:187',
  MALFORMED: '837 failing the 837P conformance check: 999 rejected with IK3/IK4, no 277CA',
  STATUS_BY_ACCOUNT: '276: last character of the account number → 0–3 paid F1, 4–5 pending P1, 6 denied F2, 7 partly paid F1, 8–9 awaiting payment F0',
} as const;

const find = (body: X12Seg[], tag: string, first?: string) => body.find((s) => s.tag === tag && (first === undefined || s.el[0] === first));
const digitsOf = (text: string, n: number) => String(BigInt(`0x${createHash('sha256').update(text).digest('hex').slice(0, 15)}`) % 10n ** BigInt(n)).padStart(n, '0');

/** The payer claim control number the simulated payer assigns (stable for a claim version). */
export function simulatedPayerClaimNumber(ediPayerId: string, patientAccountNumber: string, frequencyCode: string): string {
  return `SIM${digitsOf(`${ediPayerId}|${patientAccountNumber}|${frequencyCode}`, 12)}`;
}

/** When the received file says it was made (GS04/GS05), so answers do not depend on the clock. */
function madeAt(doc: X12Doc): Date {
  const d = isoDate(doc.gs[3]) ?? '2000-01-01';
  const t = /^\d{4}/.test(doc.gs[4] ?? '') ? `${doc.gs[4]!.slice(0, 2)}:${doc.gs[4]!.slice(2, 4)}` : '00:00';
  return new Date(`${d}T${t}:00Z`);
}

const answerParties = (doc: X12Doc): X12Parties => ({ senderId: doc.isa[7]!.trim(), receiverId: doc.isa[5]!.trim(), usage: doc.isa[14] === 'P' ? 'P' : 'T' });
const addDays = (ymd: string, days: number) => {
  const d = new Date(`${isoDate(ymd) ?? '2000-01-01'}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return x12Date(d.toISOString().slice(0, 10));
};

/** IK304 for a conformance problem. */
function ik3Code(p: X12Problem): string {
  switch (p.kind) {
    case 'unknown-segment': return /^[A-Z][A-Z0-9]{1,2}$/.test(p.tag) ? '6' : '1';
    case 'unexpected-segment': return '2';
    case 'missing-segment': return '3';
    case 'loop-repeats': return '4';
    case 'segment-repeats': return '5';
    case 'rule': return p.element ? '8' : 'I6';
    default: return '8';
  }
}

/** IK403 for a conformance problem inside an element. */
function ik4Code(p: X12Problem): string {
  switch (p.kind) {
    case 'missing-element': return '1';
    case 'too-many-elements': return p.component ? '13' : '3';
    case 'too-short': return '4';
    case 'too-long': return '5';
    case 'bad-code': return '7';
    case 'syntax': return '6';
    default: return 'I12';
  }
}

/** A 999 for the received 837: accepted, or rejected with the conformance problems as IK3/IK4. */
function build999(doc: X12Doc, raw: string, problems: X12Problem[]): string {
  const text = raw.replace(/^\uFEFF/, '');
  const segs = text.split(text[105] ?? '~').map((s) => s.trim()).filter(Boolean);
  const stAt = segs.findIndex((s) => s.startsWith('ST'));
  const seAt = segs.findIndex((s) => s.startsWith('SE'));
  const inSet = (pos: number) => pos - stAt >= 1 && pos - 1 <= seAt;
  const element = text[3] ?? '*';
  const rejected = problems.length > 0;
  return buildInterchange({
    parties: answerParties(doc),
    transactionSet: '999',
    version: '005010X231A1',
    controlNumber: Number(doc.isa[12]) || 1,
    at: madeAt(doc),
    fill: (tx) => {
      tx.addSegment('AK1', ['HC', doc.gs[5] ?? '', doc.gs[7] ?? '']);
      tx.addSegment('AK2', ['837', doc.st[1] ?? '', doc.st[2] ?? '']);
      const setCodes = new Set<string>();
      const groupCodes = new Set<string>();
      const bySegment = new Map<number, X12Problem[]>();
      for (const p of problems) {
        if (p.kind === 'segment-count') setCodes.add('4');
        else if (p.tag === 'SE' && p.element === 2) setCodes.add('3');
        else if ((p.tag === 'ST' || p.tag === 'GS') && (p.element === 3 || p.element === 8)) setCodes.add('I6');
        else if (p.tag === 'GE' && p.element === 1) groupCodes.add('5');
        else if (p.tag === 'GE' && p.element === 2) groupCodes.add('4');
        else if (p.kind === 'envelope') setCodes.add('5');
        else {
          const pos = p.position > 0 && inSet(p.position) ? p.position : seAt + 1;
          bySegment.set(pos, [...(bySegment.get(pos) ?? []), p]);
        }
      }
      const loopId = (p: X12Problem) => (p.loop && /^\d{4}/.test(p.loop) ? p.loop.slice(0, 4) : '');
      for (const [pos, list] of [...bySegment.entries()].sort((a, b) => a[0] - b[0])) {
        const tagAt = segs[pos - 1]?.split(element)[0] ?? 'ST';
        // Segment-level problems (missing, unexpected, repeated) get their own IK3 each; element problems share one IK3 (code 8) with an IK4 each.
        const written = new Set<string>();
        for (const p of list.filter((x) => !x.element)) {
          const fields = [p.tag || tagAt, String(pos - stAt), loopId(p), ik3Code(p)];
          if (written.has(fields.join('*'))) continue;
          written.add(fields.join('*'));
          tx.addSegment('IK3', fields);
        }
        const elementProblems = list.filter((p) => p.element);
        if (elementProblems.length > 0) tx.addSegment('IK3', [tagAt, String(pos - stAt), loopId(elementProblems[0]!), '8']);
        const seen = new Set<string>();
        for (const p of elementProblems) {
          const at = p.component ? `${p.element}:${p.component}` : String(p.element);
          if (seen.has(at)) continue;
          seen.add(at);
          const value = segs[pos - 1]?.split(element)[p.element!] ?? '';
          const bad = p.component ? (value.split(text[104] ?? ':')[p.component - 1] ?? '') : value;
          // The copy of the bad value loses separators, so it cannot break the 999 itself.
          tx.addSegment('IK4', [at, '', ik4Code(p), bad.replace(/[*~:^|]/g, ' ').trim().slice(0, 99)]);
        }
        setCodes.add('5');
      }
      tx.addSegment('IK5', rejected ? ['R', ...[...setCodes].slice(0, 5)] : ['A']);
      tx.addSegment('AK9', rejected ? ['R', '1', '1', '0', ...[...groupCodes].slice(0, 5)] : ['A', '1', '1', '1']);
    },
  });
}

interface ReceivedClaim {
  account: string;
  chargeCents: number;
  frequency: string;
  memberId: string;
  patient: string[];
  provider: number;
  dates: string[];
}

/** Reads the claims of a conforming 837P: per claim its account, charge, member, patient name, provider and dates. */
function claimsOf(body: X12Seg[], component: string): { providers: X12Seg[]; claims: ReceivedClaim[] } {
  const providers: X12Seg[] = [];
  const claims: ReceivedClaim[] = [];
  let member = '';
  let patient: string[] = [];
  let claim: ReceivedClaim | null = null;
  for (const s of body) {
    if (s.tag === 'NM1' && s.el[0] === '85') providers.push(s);
    if (s.tag === 'NM1' && s.el[0] === 'IL') {
      member = s.el[8] ?? '';
      patient = s.el.slice(2, 5);
    }
    if (s.tag === 'NM1' && s.el[0] === 'QC') patient = s.el.slice(2, 5);
    if (s.tag === 'CLM') {
      claim = { account: s.el[0] ?? '', chargeCents: decimalToCents(s.el[1]) ?? 0, frequency: s.el[4]?.split(component)[2] ?? '1', memberId: member, patient, provider: providers.length - 1, dates: [] };
      claims.push(claim);
    }
    if (s.tag === 'DTP' && s.el[0] === '472' && claim) claim.dates.push(...(s.el[2] ?? '').split('-'));
  }
  return { providers, claims };
}

/** The claim-level verdict of the simulated payer: [category, status code, entity] and whether accepted. */
function verdictOf(c: ReceivedClaim, providerNpi: string, created: string): { stc: string[]; accepted: boolean } {
  if (c.memberId.toUpperCase().startsWith('REJ')) return { stc: ['A7', '164', 'IL'], accepted: false };
  if (!isValidNpi(providerNpi)) return { stc: ['A7', '562', '85'], accepted: false };
  if (c.dates.some((d) => d > created)) return { stc: ['A8', '187'], accepted: false };
  return { stc: ['A2', '20'], accepted: true };
}

function build277CA(doc: X12Doc, component: string): string {
  const body = doc.body;
  const { providers, claims } = claimsOf(body, component);
  const bht = find(body, 'BHT');
  const created = bht?.el[3] ?? '';
  const payer = find(body, 'NM1', 'PR');
  const submitter = find(body, 'NM1', '41');
  const payerId = payer?.el[8] ?? '';
  const verdicts = claims.map((c) => verdictOf(c, providers[c.provider]?.el[8] ?? '', created));
  const sum = (accepted: boolean) => claims.reduce((s, c, i) => s + (verdicts[i]!.accepted === accepted ? c.chargeCents : 0), 0);
  const count = (accepted: boolean) => verdicts.filter((v) => v.accepted === accepted).length;
  return buildInterchange({
    parties: answerParties(doc),
    transactionSet: '277',
    version: '005010X214',
    controlNumber: Number(doc.isa[12]) || 1,
    at: madeAt(doc),
    fill: (tx: X12SegmentWriter) => {
      const ref = `CA${doc.isa[12] ?? ''}`;
      tx.addSegment('BHT', ['0085', '08', ref, created, bht?.el[4] ?? '0000', 'TH']);
      tx.addSegment('HL', ['1', '', '20', '1']);
      tx.addSegment('NM1', ['PR', '2', payer?.el[2] ?? 'UNKNOWN PAYER', '', '', '', '', 'PI', payerId]);
      tx.addSegment('TRN', ['1', ref]);
      tx.addSegment('DTP', ['050', 'D8', created]);
      tx.addSegment('DTP', ['009', 'D8', created]);
      tx.addSegment('HL', ['2', '1', '21', '1']);
      tx.addSegment('NM1', ['41', '2', submitter?.el[2] ?? 'UNKNOWN SUBMITTER', '', '', '', '', '46', submitter?.el[8] ?? '']);
      tx.addSegment('TRN', ['2', bht?.el[2] ?? '']);
      tx.addSegment('STC', [['A1', '19'].join(component), created, 'WQ', centsToAmount(sum(true) + sum(false))]);
      if (count(true) > 0) tx.addSegment('QTY', ['90', String(count(true))]);
      if (count(false) > 0) tx.addSegment('QTY', ['AA', String(count(false))]);
      if (count(true) > 0) tx.addSegment('AMT', ['YU', centsToAmount(sum(true))]);
      if (count(false) > 0) tx.addSegment('AMT', ['YY', centsToAmount(sum(false))]);
      let hl = 2;
      providers.forEach((p, pi) => {
        const mine = claims.map((c, i) => [c, verdicts[i]!] as const).filter(([c]) => c.provider === pi);
        if (mine.length === 0) return;
        const providerHl = ++hl;
        tx.addSegment('HL', [String(providerHl), '2', '19', '1']);
        tx.addSegment('NM1', ['85', '2', p.el[2] ?? '', '', '', '', '', 'XX', p.el[8] ?? '']);
        for (const [c, v] of mine) {
          tx.addSegment('HL', [String(++hl), String(providerHl), 'PT']);
          tx.addSegment('NM1', ['QC', '1', c.patient[0] ?? '', c.patient[1] ?? '', c.patient[2] ?? '', '', '', 'MI', c.memberId]);
          tx.addSegment('TRN', ['2', c.account]);
          tx.addSegment('STC', [v.stc.join(component), created, v.accepted ? 'WQ' : 'U', centsToAmount(c.chargeCents)]);
          if (v.accepted) tx.addSegment('REF', ['1K', simulatedPayerClaimNumber(payerId, c.account, c.frequency)]);
          const dates = [...c.dates].sort();
          if (dates.length > 0) tx.addSegment('DTP', dates[0] === dates.at(-1) ? ['472', 'D8', dates[0]!] : ['472', 'RD8', `${dates[0]}-${dates.at(-1)}`]);
        }
      });
    },
  });
}

/**
 * The simulated clearinghouse's answer to an 837P interchange: a 999 and, when accepted, a 277CA (see
 * the rules above).
 * @throws ClearinghouseError HTTP_STATUS for text that is not X12; TIMEOUT for a SLOW member id
 */
export function answer837(raw: string): ClaimSubmissionAnswer & { ack999: string } {
  let doc: X12Doc;
  try {
    doc = parseX12(raw);
  } catch (err) {
    if (err instanceof X12FormatError) throw new ClearinghouseError('HTTP_STATUS', 'clearinghouse refused the file: not an X12 interchange (simulated)');
    throw err;
  }
  if (doc.body.some((s) => s.tag === 'NM1' && s.el[0] === 'IL' && (s.el[8] ?? '').toUpperCase().startsWith('SLOW'))) {
    throw new ClearinghouseError('TIMEOUT', 'clearinghouse did not answer in time (simulated)');
  }
  const problems = doc.st[0] === '837' ? checkX12(raw, SPEC_837P) : [{ position: 0, tag: 'ST', element: 1, kind: 'envelope' as const, message: 'not an 837' }];
  const ack999 = build999(doc, raw, problems);
  return { ack999, acks277ca: problems.length > 0 ? null : build277CA(doc, doc.componentSeparator) };
}

/** The 277 the simulated payer answers to a 276 (see the rules above). */
export function answer276(raw: string): string {
  const doc = parseX12(raw);
  const body = doc.body;
  const subscriber = find(body, 'NM1', 'IL');
  const memberId = (subscriber?.el[8] ?? '').toUpperCase();
  if (memberId.startsWith('SLOW')) throw new ClearinghouseError('TIMEOUT', 'clearinghouse did not answer in time (simulated)');
  if (memberId.startsWith('GRBG')) return '<html><body>502 Bad Gateway</body></html>';
  const component = doc.componentSeparator;
  const account = find(body, 'REF', 'EJ')?.el[1] ?? '';
  const payer = find(body, 'NM1', 'PR');
  const charge = decimalToCents(find(body, 'AMT', 'T3')?.el[1]) ?? 0;
  const dtp = find(body, 'DTP', '472');
  const lastDate = (dtp?.el[2] ?? '').split('-').at(-1) ?? '';
  const bht = find(body, 'BHT');
  const asked = bht?.el[3] ?? '';
  const payerClaimNumber = find(body, 'REF', '1K')?.el[1] ?? simulatedPayerClaimNumber(payer?.el[8] ?? '', account, '1');
  const last = account.at(-1) ?? '0';
  const bucket = /\d/.test(last) ? Number(last) : last.charCodeAt(0) % 10;
  const decided = addDays(lastDate, 14);
  const status = (): { stc: string[]; date: string; paid: number | null; check?: string } => {
    if (memberId.startsWith('REJ')) return { stc: ['A4', '35'], date: asked, paid: null };
    if (bucket <= 3) return { stc: ['F1', '65'], date: decided, paid: charge, check: `SIM${digitsOf(`${payerClaimNumber}|check`, 8)}` };
    if (bucket <= 5) return { stc: ['P1', '20'], date: asked, paid: null };
    if (bucket === 6) return { stc: ['F2', '88'], date: decided, paid: 0 };
    if (bucket === 7) return { stc: ['F1', '65'], date: decided, paid: Math.floor(charge / 2), check: `SIM${digitsOf(`${payerClaimNumber}|check`, 8)}` };
    return { stc: ['F0', '3'], date: decided, paid: Math.floor((charge * 8) / 10) };
  };
  const s = status();
  const found = s.stc[0] !== 'A4';
  return buildInterchange({
    parties: answerParties(doc),
    transactionSet: '277',
    version: '005010X212',
    controlNumber: Number(doc.isa[12]) || 1,
    at: madeAt(doc),
    fill: (tx) => {
      tx.addSegment('BHT', ['0010', '08', bht?.el[2] ?? '', asked, bht?.el[4] ?? '0000', 'DG']);
      tx.addSegment('HL', ['1', '', '20', '1']);
      tx.addSegment('NM1', payer?.el ?? ['PR', '2', 'UNKNOWN PAYER']);
      tx.addSegment('HL', ['2', '1', '21', '1']);
      tx.addSegment('NM1', find(body, 'NM1', '41')?.el ?? ['41', '2', 'UNKNOWN']);
      tx.addSegment('HL', ['3', '2', '19', '1']);
      tx.addSegment('NM1', find(body, 'NM1', '1P')?.el ?? ['1P', '2', 'UNKNOWN']);
      const dependent = find(body, 'NM1', 'QC');
      tx.addSegment('HL', ['4', '3', '22', dependent ? '1' : '0']);
      tx.addSegment('NM1', subscriber?.el ?? ['IL', '1']);
      if (dependent) {
        tx.addSegment('HL', ['5', '4', '23']);
        tx.addSegment('NM1', dependent.el);
      }
      tx.addSegment('TRN', ['2', find(body, 'TRN')?.el[1] ?? '']);
      tx.addSegment('STC', [s.stc.join(component), s.date, '', centsToAmount(charge), s.paid === null ? '' : centsToAmount(s.paid), s.paid === null ? '' : s.date, '', s.check ? s.date : '', s.check ?? '']);
      if (found) tx.addSegment('REF', ['1K', payerClaimNumber]);
      if (account) tx.addSegment('REF', ['EJ', account]);
      if (dtp) tx.addSegment('DTP', dtp.el);
    },
  });
}
