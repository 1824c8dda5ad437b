import { X12FormatError, parseX12 } from './x12-document.js';
import { isoDate } from './x12-envelope.js';
import { decimalToCents } from './x12-money.js';
import { ACCEPTED_CATEGORIES, type ClaimStatusCode, REJECTED_CATEGORIES, readStc, serviceDates } from './x12-stc.js';

/** One claim acknowledged by a 277CA (loop 2200D under the patient HL). */
export interface ClaimAcknowledgment {
  /** TRN02 of 2200D: the patient account number (CLM01) we sent. */
  patientAccountNumber: string | null;
  /** REF*1K: the payer's claim control number, when the claim was taken in. */
  payerClaimNumber: string | null;
  /** REF*D9: the clearinghouse's trace number. */
  clearinghouseTraceNumber: string | null;
  /** ACCEPTED (A0/A1/A2/A5), REJECTED (A3/A4/A6/A7/A8) or UNKNOWN (no or another category). */
  outcome: 'ACCEPTED' | 'REJECTED' | 'UNKNOWN';
  statuses: ClaimStatusCode[];
  /** NM1*QC (patient) member id (NM109), as the payer echoes it. */
  memberId: string | null;
  /** NM1*85 of the provider HL (19) above this claim. */
  billingProviderNpi: string | null;
  chargeCents: number | null;
  serviceDates: { from: string; to: string } | null;
}

/** A status at a level above the claim (2200B receiver batch, 2200C billing provider). */
export interface LevelStatus {
  /** HL03 where it sat: 21 information receiver (the batch), 19 billing provider. */
  level: string;
  /** TRN02 at that level: for 21, the BHT03 reference of our 837. */
  traceNumber: string | null;
  statuses: ClaimStatusCode[];
}

export interface Parsed277CA {
  controlNumber: string;
  /** BHT03 of the 277CA. */
  referenceId: string | null;
  /** DTP*050 received date, DTP*009 process date. */
  receivedDate: string | null;
  processedDate: string | null;
  levels: LevelStatus[];
  claims: ClaimAcknowledgment[];
  problems: string[];
}

/** ACCEPTED/REJECTED from the statuses: any rejecting category rejects; otherwise an accepting one accepts. */
export function acknowledgmentOutcome(statuses: readonly ClaimStatusCode[]): ClaimAcknowledgment['outcome'] {
  if (statuses.some((s) => REJECTED_CATEGORIES.has(s.category))) return 'REJECTED';
  if (statuses.some((s) => ACCEPTED_CATEGORIES.has(s.category))) return 'ACCEPTED';
  return 'UNKNOWN';
}

/**
 * Reads a 277CA claim acknowledgment (005010X214): statuses at the batch (HL 21) and billing provider
 * (HL 19) levels, and per claim (HL PT) the patient account number, statuses, payer claim number and
 * outcome. Problems (unknown categories, a claim without TRN or status, a rejected provider level)
 * are listed in `problems`.
 * @throws X12FormatError when the text is not a 277
 */
export function parse277CA(raw: string): Parsed277CA {
  const doc = parseX12(raw);
  if (doc.st[0] !== '277') throw new X12FormatError(`expected a 277CA, got ${doc.st[0] ?? 'nothing'}`);
  const problems = [...doc.envelopeProblems];
  const version = doc.st[2] || doc.gs[7];
  if (version !== '005010X214') problems.push(`version ${version ?? '(none)'} is not 005010X214 (a 277CA)`);
  const bht = doc.body.find((s) => s.tag === 'BHT');
  const out: Parsed277CA = { controlNumber: doc.isa[12] ?? '', referenceId: bht?.el[2] || null, receivedDate: null, processedDate: null, levels: [], claims: [], problems };
  let level = '';
  let levelStatus: LevelStatus | null = null;
  let claim: ClaimAcknowledgment | null = null;
  let providerNpi: string | null = null;
  const component = doc.componentSeparator;
  for (const seg of doc.body) {
    const { tag, el } = seg;
    if (tag === 'HL') {
      level = el[2] ?? '';
      claim = null;
      levelStatus = null;
      if (level === 'PT') {
        claim = { patientAccountNumber: null, payerClaimNumber: null, clearinghouseTraceNumber: null, outcome: 'UNKNOWN', statuses: [], memberId: null, billingProviderNpi: providerNpi, chargeCents: null, serviceDates: null };
        out.claims.push(claim);
      } else if (level === '21' || level === '19') {
        levelStatus = { level, traceNumber: null, statuses: [] };
        out.levels.push(levelStatus);
      } else if (level !== '20') problems.push(`HL level ${level || '(empty)'} is not one of a 277CA`);
      continue;
    }
    if (tag === 'NM1' && el[0] === '85') providerNpi = el[8] || null;
    if (claim) {
      if (tag === 'NM1' && el[0] === 'QC') claim.memberId = el[8] || null;
      if (tag === 'NM1' && el[0] === '85') claim.billingProviderNpi = providerNpi;
      if (tag === 'TRN') claim.patientAccountNumber = el[1] || null;
      if (tag === 'STC') {
        const s = readStc(seg, component, problems, `claim ${claim.patientAccountNumber ?? '?'}`);
        claim.statuses.push(...s);
        claim.chargeCents ??= decimalToCents(el[3]);
      }
      if (tag === 'REF' && el[0] === '1K') claim.payerClaimNumber = el[1] || null;
      if (tag === 'REF' && el[0] === 'D9') claim.clearinghouseTraceNumber = el[1] || null;
      if (tag === 'DTP' && el[0] === '472') claim.serviceDates = serviceDates(seg);
    } else if (levelStatus) {
      if (tag === 'TRN') levelStatus.traceNumber = el[1] || null;
      if (tag === 'STC') levelStatus.statuses.push(...readStc(seg, component, problems, `level ${level}`));
    } else if (tag === 'DTP' && el[0] === '050') out.receivedDate = isoDate(el[2]);
    else if (tag === 'DTP' && el[0] === '009') out.processedDate = isoDate(el[2]);
  }
  for (const c of out.claims) {
    c.outcome = acknowledgmentOutcome(c.statuses);
    const who = `claim ${c.patientAccountNumber ?? '?'}`;
    if (!c.patientAccountNumber) problems.push('a claim acknowledgment has no TRN (patient account number)');
    if (c.statuses.length === 0) problems.push(`${who} has no status`);
    else if (c.outcome === 'UNKNOWN') problems.push(`${who}: status categories ${c.statuses.map((s) => s.category).join(', ')} neither accept nor reject`);
    if (c.outcome === 'ACCEPTED' && !c.payerClaimNumber) problems.push(`${who} is accepted without a payer claim number (REF*1K)`);
  }
  for (const l of out.levels) {
    if (l.statuses.some((s) => REJECTED_CATEGORIES.has(s.category))) problems.push(`the ${l.level === '21' ? 'batch' : 'billing provider'} level was rejected (${l.statuses.map((s) => `${s.category}:${s.code}`).join(', ')})`);
  }
  return out;
}
