import type { ClaimsClearinghouse } from './claims-clearinghouse.js';
import { ClearinghouseError } from './clearinghouse.js';
import { checkX12, type X12Problem } from './x12-conformance.js';
import { parseX12, type X12Doc, type X12Seg } from './x12-document.js';
import { buildInterchange, SEPARATORS, type X12SegmentWriter, x12DateTime } from './x12-envelope.js';
import { centsToAmount, decimalToCents } from './x12-money.js';
import { SPEC_837P } from './x12-specs.js';

/**
 * What the simulator answers to claims, chosen by the subscriber's member id prefix (case-insensitive).
 * Any other claim is accepted (999 A, 277CA A2:20 with a payer claim number; 277 P1:20 pending).
 */
export const CLAIM_SIMULATOR_RULES = {
  MAL: '999 rejects the whole file (IK3 on the NM1*IL segment, IK4 NM109 invalid code value): a payer-specific syntax rule',
  REJ: '277CA rejects the claim: A7:33:IL (subscriber and subscriber id not found)',
  PAID: '277 status: finalized/payment F1:65 with 80% of the charge paid',
  SLOW: 'the clearinghouse times out (the 837 may have left; the 276 gets no answer)',
} as const;

const starts = (memberId: string, prefix: keyof typeof CLAIM_SIMULATOR_RULES) => memberId.toUpperCase().startsWith(prefix);
const C = SEPARATORS.subElementDelimiter;

interface SentClaim {
  memberId: string;
  memberName: string[];
  /** Position of the NM1*IL segment in the transaction set (ST = 1). */
  memberSegment: number;
  accountNumber: string;
  /** CLM02 as sent (an X12 decimal). */
  charge: string;
  providerNpi: string;
  providerName: string;
  serviceDate: string;
}

/** The claims of an 837P with the subscriber and billing provider above each. */
function claimsOf(doc: X12Doc): SentClaim[] {
  const out: SentClaim[] = [];
  let member: X12Seg | undefined;
  let memberSegment = 0;
  let provider: X12Seg | undefined;
  let current: SentClaim | undefined;
  doc.body.forEach((s, i) => {
    if (s.tag === 'NM1' && s.el[0] === '85') provider = s;
    if (s.tag === 'NM1' && s.el[0] === 'IL') [member, memberSegment] = [s, i + 2];
    if (s.tag === 'CLM') {
      current = { memberId: member?.el[8] ?? '', memberName: [member?.el[2] ?? '', member?.el[3] ?? ''], memberSegment, accountNumber: s.el[0] ?? '', charge: s.el[1] ?? '0', providerNpi: provider?.el[8] ?? '', providerName: provider?.el[2] ?? '', serviceDate: '' };
      out.push(current);
    }
    if (s.tag === 'DTP' && s.el[0] === '472' && current && !current.serviceDate) current.serviceDate = s.el[2] ?? '';
  });
  return out;
}

const SEGMENT_CODE: Partial<Record<NonNullable<X12Problem['kind']>, string>> = {
  'unknown-segment': '1', 'unexpected-segment': '2', 'missing-segment': '3', 'loop-repeats': '4', 'segment-repeats': '5',
};
const ELEMENT_CODE: Partial<Record<NonNullable<X12Problem['kind']>, string>> = {
  'missing-element': '1', 'too-many-elements': '3', 'too-short': '4', 'too-long': '5', 'bad-code': '7', 'bad-form': '6',
};

/** IK3/IK4 errors of the file: its conformance problems, else the member-id rule (MAL). */
function syntaxErrors(raw: string, claims: SentClaim[]): { segment: string[]; element: string[] | null }[] {
  const problems = checkX12(raw, SPEC_837P).filter((p) => p.position > 2);
  if (problems.length) {
    return problems.slice(0, 20).map((p) => {
      const element = p.element && ELEMENT_CODE[p.kind!] ? [[p.element, p.component ?? ''].filter(Boolean).join(C), '', ELEMENT_CODE[p.kind!]!] : null;
      // IK303 holds at most 4 characters: the loop number without its letter (2010BA → 2010).
      return { segment: [p.tag, String(p.position - 2), (p.loop ?? '').slice(0, 4), element ? '8' : (SEGMENT_CODE[p.kind!] ?? '8')], element };
    });
  }
  return claims.filter((c) => starts(c.memberId, 'MAL')).map((c) => ({ segment: ['NM1', String(c.memberSegment), '2010', '8'], element: ['9', '67', '7'] }));
}

/**
 * A clearinghouse for claims that needs no network: it answers an 837P at once with a 999 (rejecting
 * a non-conformant file or the MAL rule with IK3/IK4) and, when accepted, a 277CA with one outcome per
 * claim; a 276 with a 277. Outcomes follow the member id (CLAIM_SIMULATOR_RULES), so every branch is
 * reachable in tests and the demo.
 */
export class SimulatedClaimsClearinghouse implements ClaimsClearinghouse {
  private control = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  private next(): number {
    this.control = (this.control % 999_999_999) + 1;
    return this.control;
  }

  async submit837(x12: string): Promise<string[]> {
    const doc = parseX12(x12);
    const claims = claimsOf(doc);
    if (claims.some((c) => starts(c.memberId, 'SLOW'))) throw new ClearinghouseError('TIMEOUT', 'clearinghouse did not answer in time (simulated)');
    const errors = syntaxErrors(x12, claims);
    const ack = this.answer(doc, 'FA', '999', '005010X231A1', (tx) => {
      tx.addSegment('AK1', [doc.gs[0] ?? '', doc.gs[5] ?? '', doc.gs[7] ?? '']);
      tx.addSegment('AK2', [doc.st[0] ?? '', doc.st[1] ?? '', doc.st[2] ?? '']);
      for (const e of errors) {
        tx.addSegment('IK3', e.segment);
        if (e.element) tx.addSegment('IK4', e.element);
      }
      tx.addSegment('IK5', errors.length ? ['R', '5'] : ['A']);
      tx.addSegment('AK9', errors.length ? ['R', '1', '1', '0'] : ['A', '1', '1', '1']);
    });
    if (errors.length) return [ack];
    return [ack, this.ack277(doc, claims)];
  }

  private ack277(doc: X12Doc, claims: SentClaim[]): string {
    const today = x12DateTime(this.now()).date;
    const bht = doc.body.find((s) => s.tag === 'BHT');
    const payer = doc.body.find((s) => s.tag === 'NM1' && s.el[0] === 'PR');
    const total = claims.reduce((n, c) => n + (decimalToCents(c.charge) ?? 0), 0);
    const accepted = claims.filter((c) => !starts(c.memberId, 'REJ'));
    const isa13 = Number(doc.isa[12]);
    return this.answer(doc, 'HN', '277', '005010X214', (tx) => {
      tx.addSegment('BHT', ['0085', '08', `SIM${isa13}`, today, x12DateTime(this.now()).time, 'TH']);
      tx.addSegment('HL', ['1', '', '20', '1']);
      tx.addSegment('NM1', payer?.el ?? ['PR', '2', 'UNKNOWN PAYER']);
      tx.addSegment('TRN', ['1', `SIM${isa13}`]);
      tx.addSegment('DTP', ['050', 'D8', today]);
      tx.addSegment('DTP', ['009', 'D8', today]);
      tx.addSegment('HL', ['2', '1', '21', '1']);
      tx.addSegment('NM1', ['41', '2', 'SUBMITTER', '', '', '', '', '46', doc.gs[1] ?? '']);
      tx.addSegment('TRN', ['2', bht?.el[2] ?? '']);
      tx.addSegment('STC', [`A1${C}19${C}PR`, today, 'WQ', centsToAmount(total)]);
      tx.addSegment('QTY', ['90', String(accepted.length)]);
      tx.addSegment('QTY', ['AA', String(claims.length - accepted.length)]);
      let hl = 2;
      const providers = [...new Set(claims.map((c) => c.providerNpi))];
      for (const npi of providers) {
        const mine = claims.filter((c) => c.providerNpi === npi);
        const providerHl = ++hl;
        tx.addSegment('HL', [String(providerHl), '2', '19', '1']);
        tx.addSegment('NM1', ['85', '2', mine[0]!.providerName, '', '', '', '', 'XX', npi]);
        tx.addSegment('TRN', ['1', '0']);
        tx.addSegment('STC', [`A1${C}19${C}PR`, today, 'WQ', centsToAmount(mine.reduce((n, c) => n + (decimalToCents(c.charge) ?? 0), 0))]);
        for (const [i, c] of mine.entries()) {
          const rejected = starts(c.memberId, 'REJ');
          tx.addSegment('HL', [String(++hl), String(providerHl), 'PT']);
          tx.addSegment('NM1', ['QC', '1', ...c.memberName, '', '', '', 'MI', c.memberId]);
          tx.addSegment('TRN', ['2', c.accountNumber]);
          tx.addSegment('STC', [rejected ? `A7${C}33${C}IL` : `A2${C}20${C}PR`, today, rejected ? 'U' : 'WQ', c.charge]);
          if (!rejected) tx.addSegment('REF', ['1K', `SIM${isa13}${String(i + 1).padStart(3, '0')}`]);
          if (c.serviceDate) tx.addSegment('DTP', ['472', 'D8', c.serviceDate]);
        }
      }
    });
  }

  async send276(x12: string): Promise<string> {
    const doc = parseX12(x12);
    const find = (tag: string, first?: string) => doc.body.find((s) => s.tag === tag && (first === undefined || s.el[0] === first));
    const member = find('NM1', 'IL');
    const memberId = member?.el[8] ?? '';
    if (starts(memberId, 'SLOW')) throw new ClearinghouseError('TIMEOUT', 'clearinghouse did not answer in time (simulated)');
    const payerClaimNumber = find('REF', '1K')?.el[1];
    const charge = find('AMT', 'T3')?.el[1] ?? '0';
    const today = x12DateTime(this.now()).date;
    const dependent = doc.body.some((s) => s.tag === 'HL' && s.el[2] === '23');
    const stc = !payerClaimNumber
      ? [`A4${C}35`, today, '', charge]
      : starts(memberId, 'PAID')
        ? [`F1${C}65`, today, '', charge, centsToAmount(Math.round((decimalToCents(charge) ?? 0) * 0.8)), today, 'CHK', today, `SIMCHK${Number(doc.isa[12])}`]
        : [`P1${C}20`, today, '', charge, '0'];
    return this.answer(doc, 'HN', '277', '005010X212', (tx) => {
      tx.addSegment('BHT', ['0010', '08', find('BHT')?.el[2] ?? '', today, x12DateTime(this.now()).time, 'DG']);
      tx.addSegment('HL', ['1', '', '20', '1']);
      tx.addSegment('NM1', find('NM1', 'PR')?.el ?? ['PR', '2', 'UNKNOWN PAYER']);
      tx.addSegment('HL', ['2', '1', '21', '1']);
      tx.addSegment('NM1', find('NM1', '41')?.el ?? ['41', '2', 'UNKNOWN']);
      tx.addSegment('HL', ['3', '2', '19', '1']);
      tx.addSegment('NM1', find('NM1', '1P')?.el ?? ['1P', '2', 'UNKNOWN']);
      tx.addSegment('HL', ['4', '3', '22', dependent ? '1' : '0']);
      tx.addSegment('NM1', member?.el ?? ['IL', '1']);
      if (dependent) {
        tx.addSegment('HL', ['5', '4', '23']);
        tx.addSegment('NM1', find('NM1', 'QC')?.el ?? ['QC', '1']);
      }
      tx.addSegment('TRN', ['2', find('TRN')?.el[1] ?? '']);
      tx.addSegment('STC', stc);
      if (payerClaimNumber) tx.addSegment('REF', ['1K', payerClaimNumber]);
      const account = find('REF', 'EJ')?.el[1];
      if (account) tx.addSegment('REF', ['EJ', account]);
      const dtp = find('DTP', '472');
      if (dtp) tx.addSegment('DTP', dtp.el);
    });
  }

  /** An answer interchange back to the sender of `doc`. */
  private answer(doc: X12Doc, functionalId: string, set: '999' | '277', version: string, fill: (tx: X12SegmentWriter) => void): string {
    return buildInterchange({
      parties: { senderId: (doc.isa[7] ?? '').trim(), receiverId: (doc.isa[5] ?? '').trim(), usage: doc.isa[14] === 'P' ? 'P' : 'T' },
      functionalId,
      transactionSet: set,
      version,
      controlNumber: this.next(),
      at: this.now(),
      fill,
    });
  }
}
