import { X12FormatError, parseX12 } from './x12-document.js';
import { type ClaimStatusCode, readStc, serviceDates } from './x12-stc.js';
import { decimalToCents } from './x12-money.js';

/** A service line's status (loop 2220D/E). */
export interface ServiceLineStatus {
  /** SVC01 procedure, e.g. HC:99213 (as sent, with the composite separator normalised to ":"). */
  procedure: string;
  chargeCents: number | null;
  paidCents: number | null;
  units: number | null;
  statuses: ClaimStatusCode[];
  serviceDates: { from: string; to: string } | null;
}

/** One claim's status (loop 2200D/E). */
export interface ClaimStatusResult {
  /** TRN02: the trace number of our 276. */
  traceNumber: string | null;
  /** REF*EJ: the patient account number (CLM01). */
  patientAccountNumber: string | null;
  /** REF*1K: the payer's claim control number. */
  payerClaimNumber: string | null;
  /** NM1*IL member id. */
  memberId: string | null;
  /** Statuses in the order given; the first is the current one. */
  statuses: ClaimStatusCode[];
  serviceDates: { from: string; to: string } | null;
  lines: ServiceLineStatus[];
}

export interface Parsed277 {
  controlNumber: string;
  /** BHT03. */
  referenceId: string | null;
  /** Statuses above the claim (e.g. E0 at the information receiver or provider level), with the HL level. */
  levels: { level: string; traceNumber: string | null; statuses: ClaimStatusCode[] }[];
  claims: ClaimStatusResult[];
  problems: string[];
}

/**
 * Reads a 277 claim status response (005010X212), the answer to a 276: per claim (HL 22 or 23) the
 * trace number, statuses (category, code, entity, dates, charge and paid amounts, check), payer claim
 * number, patient account number, service dates and line statuses. Problems are listed, never dropped.
 * @throws X12FormatError when the text is not a 277
 */
export function parse277(raw: string): Parsed277 {
  const doc = parseX12(raw);
  if (doc.st[0] !== '277') throw new X12FormatError(`expected a 277, got ${doc.st[0] ?? 'nothing'}`);
  const problems = [...doc.envelopeProblems];
  const version = doc.st[2] || doc.gs[7];
  if (version !== '005010X212') problems.push(`version ${version ?? '(none)'} is not 005010X212 (a 277 claim status response)`);
  const bht = doc.body.find((s) => s.tag === 'BHT');
  const out: Parsed277 = { controlNumber: doc.isa[12] ?? '', referenceId: bht?.el[2] || null, levels: [], claims: [], problems };
  const component = doc.componentSeparator;
  let level = '';
  let memberId: string | null = null;
  let claim: ClaimStatusResult | null = null;
  let line: ServiceLineStatus | null = null;
  let above: Parsed277['levels'][number] | null = null;
  const newClaim = (traceNumber: string | null): ClaimStatusResult => {
    const c: ClaimStatusResult = { traceNumber, patientAccountNumber: null, payerClaimNumber: null, memberId, statuses: [], serviceDates: null, lines: [] };
    out.claims.push(c);
    return c;
  };
  for (const seg of doc.body) {
    const { tag, el } = seg;
    switch (tag) {
      case 'HL':
        level = el[2] ?? '';
        claim = null;
        line = null;
        above = null;
        if (!['20', '21', '19', '22', '23'].includes(level)) problems.push(`HL level ${level || '(empty)'} is not one of a 277`);
        break;
      case 'NM1':
        if (el[0] === 'IL') memberId = el[8] || null;
        break;
      case 'TRN':
        if (level === '22' || level === '23') {
          claim = newClaim(el[1] || null);
          line = null;
        } else {
          above = { level, traceNumber: el[1] || null, statuses: [] };
          out.levels.push(above);
        }
        break;
      case 'STC': {
        const where = claim ? `claim ${claim.traceNumber ?? '?'}` : `level ${level}`;
        const statuses = readStc(seg, component, problems, where);
        if (line) line.statuses.push(...statuses);
        else if (claim) claim.statuses.push(...statuses);
        else if (above) above.statuses.push(...statuses);
        else problems.push(`${where}: STC without a TRN before it`);
        break;
      }
      case 'REF':
        if (!claim) break;
        if (el[0] === '1K') claim.payerClaimNumber = el[1] || null;
        if (el[0] === 'EJ') claim.patientAccountNumber = el[1] || null;
        break;
      case 'SVC':
        if (!claim) {
          problems.push('SVC outside a claim');
          break;
        }
        line = { procedure: (el[0] ?? '').split(component).join(':'), chargeCents: decimalToCents(el[1]), paidCents: decimalToCents(el[2]), units: el[6] && !Number.isNaN(Number(el[6])) ? Number(el[6]) : null, statuses: [], serviceDates: null };
        claim.lines.push(line);
        break;
      case 'DTP':
        if (el[0] !== '472') break;
        if (line) line.serviceDates = serviceDates(seg);
        else if (claim) claim.serviceDates = serviceDates(seg);
        break;
    }
  }
  for (const c of out.claims) {
    if (!c.traceNumber) problems.push('a claim status has no trace number (TRN)');
    if (c.statuses.length === 0) problems.push(`claim ${c.traceNumber ?? '?'} has no status (STC)`);
  }
  return out;
}
