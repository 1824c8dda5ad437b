import { X12FormatError, parseX12 } from './x12-document.js';

/** IK304: why a segment is in error. */
export const SEGMENT_ERRORS: Readonly<Record<string, string>> = {
  '1': 'Unrecognized segment ID', '2': 'Unexpected segment', '3': 'Required segment missing', '4': 'Loop occurs over maximum times',
  '5': 'Segment exceeds maximum use', '6': 'Segment not in defined transaction set', '7': 'Segment not in proper sequence',
  '8': 'Segment has data element errors', I4: 'Implementation "Not Used" segment present', I6: 'Implementation dependent segment missing',
  I7: 'Implementation loop occurs under minimum times', I8: 'Implementation segment below minimum use', I9: 'Implementation dependent "Not Used" segment present',
};

/** IK403: why an element is in error. */
export const ELEMENT_ERRORS: Readonly<Record<string, string>> = {
  '1': 'Required data element missing', '2': 'Conditional required data element missing', '3': 'Too many data elements',
  '4': 'Data element too short', '5': 'Data element too long', '6': 'Invalid character in data element', '7': 'Invalid code value',
  '8': 'Invalid date', '9': 'Invalid time', '10': 'Exclusion condition violated', '12': 'Too many repetitions', '13': 'Too many components',
  I10: 'Implementation "Not Used" data element present', I11: 'Implementation too few repetitions', I12: 'Implementation pattern match failure',
  I13: 'Implementation dependent "Not Used" data element present', I6: 'Code value not used in implementation', I9: 'Implementation dependent data element missing',
};

/** IK501 / AK901: A accepted, E accepted with errors noted, P partially accepted (AK9), M/R/W/X rejected. */
export const ACK_STATUSES: Readonly<Record<string, string>> = {
  A: 'Accepted', E: 'Accepted but errors were noted', P: 'Partially accepted, at least one transaction set was rejected',
  M: 'Rejected, message authentication code failed', R: 'Rejected', W: 'Rejected, assurance failed validity tests', X: 'Rejected, content after decryption could not be analyzed',
};

/** IK502–IK506: transaction set syntax error codes. */
export const TRANSACTION_SET_ERRORS: Readonly<Record<string, string>> = {
  '1': 'Transaction set not supported', '2': 'Transaction set trailer missing', '3': 'Transaction set control number in header and trailer do not match',
  '4': 'Number of included segments does not match actual count', '5': 'One or more segments in error', '6': 'Missing or invalid transaction set identifier',
  '7': 'Missing or invalid transaction set control number', '23': 'Transaction set control number not unique within the functional group',
  I5: 'Implementation one or more segments in error', I6: 'Implementation convention not supported',
};

export interface Ack999ElementError {
  /** IK401-1: element position in the segment; IK401-2: component position; IK401-3: repetition. */
  position: number | null;
  component: number | null;
  repetition: number | null;
  /** IK402: data element reference number. */
  referenceNumber: string | null;
  /** IK403. */
  code: string;
  description: string | null;
  /** IK404: the bad value, as copied by the receiver. */
  badValue: string | null;
}

export interface Ack999SegmentError {
  /** IK301: the segment id in error. */
  segmentId: string;
  /** IK302: position in the transaction set (ST = 1). */
  position: number | null;
  /** IK303: loop identifier. */
  loopId: string | null;
  /** IK304. */
  code: string | null;
  description: string | null;
  elements: Ack999ElementError[];
}

export interface Ack999TransactionSet {
  /** AK201 and AK202: which transaction set of ours (e.g. 837, 0905). */
  transactionSet: string;
  controlNumber: string;
  version: string | null;
  /** IK501. */
  status: string;
  accepted: boolean;
  /** IK502–IK506. */
  errorCodes: string[];
  segmentErrors: Ack999SegmentError[];
}

export interface Parsed999 {
  /** ISA13 of the 999. */
  controlNumber: string;
  /** AK1: the functional group acknowledged (GS01, GS06, GS08 of ours). */
  group: { functionalId: string; controlNumber: string; version: string | null } | null;
  transactionSets: Ack999TransactionSet[];
  /** AK9. */
  groupStatus: { status: string; included: number | null; received: number | null; accepted: number | null; errorCodes: string[] } | null;
  /** True when the group status is A or E (or, without AK9, every transaction set was accepted). */
  accepted: boolean;
  /** Everything that does not add up or is unknown; never silently dropped. */
  problems: string[];
}

const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : null);
const isAccepted = (s: string | undefined) => s === 'A' || s === 'E';

/**
 * Reads an X12 999 implementation acknowledgment (005010X231A1): the group acknowledged (AK1), per
 * transaction set its status (IK5) with segment (IK3) and element (IK4) errors, and the group status
 * (AK9). Inconsistencies (counts, unknown codes, IK4 outside an IK3) are listed in `problems`.
 * @throws X12FormatError when the text is not an X12 999
 */
export function parse999(raw: string): Parsed999 {
  const doc = parseX12(raw);
  if (doc.st[0] !== '999') throw new X12FormatError(`expected a 999, got ${doc.st[0] ?? 'nothing'}`);
  const problems = [...doc.envelopeProblems];
  if (doc.gs[7] && doc.gs[7] !== '005010X231A1') problems.push(`GS08 ${doc.gs[7]} is not 005010X231A1`);
  const out: Parsed999 = { controlNumber: doc.isa[12] ?? '', group: null, transactionSets: [], groupStatus: null, accepted: false, problems };
  let set: Ack999TransactionSet | null = null;
  let segment: Ack999SegmentError | null = null;
  const component = doc.componentSeparator;
  for (const { tag, el } of doc.body) {
    switch (tag) {
      case 'AK1':
        out.group = { functionalId: el[0] ?? '', controlNumber: el[1] ?? '', version: el[2] || null };
        break;
      case 'AK2':
        set = { transactionSet: el[0] ?? '', controlNumber: el[1] ?? '', version: el[2] || null, status: '', accepted: false, errorCodes: [], segmentErrors: [] };
        segment = null;
        out.transactionSets.push(set);
        break;
      case 'IK3': {
        if (!set) {
          problems.push('IK3 outside a transaction set response (no AK2 before it)');
          break;
        }
        const code = el[3] || null;
        if (code && !(code in SEGMENT_ERRORS)) problems.push(`IK304 ${code} is not a segment error code`);
        segment = { segmentId: el[0] ?? '', position: num(el[1]), loopId: el[2] || null, code, description: code ? (SEGMENT_ERRORS[code] ?? null) : null, elements: [] };
        set.segmentErrors.push(segment);
        break;
      }
      case 'IK4': {
        if (!segment) {
          problems.push('IK4 outside a segment error (no IK3 before it)');
          break;
        }
        const [pos, comp, rep] = (el[0] ?? '').split(component);
        const code = el[2] ?? '';
        if (!(code in ELEMENT_ERRORS)) problems.push(`IK403 ${code || '(empty)'} is not an element error code`);
        segment.elements.push({ position: num(pos), component: num(comp), repetition: num(rep), referenceNumber: el[1] || null, code, description: ELEMENT_ERRORS[code] ?? null, badValue: el[3] || null });
        break;
      }
      case 'IK5':
        if (!set) {
          problems.push('IK5 outside a transaction set response (no AK2 before it)');
          break;
        }
        set.status = el[0] ?? '';
        set.accepted = isAccepted(el[0]);
        set.errorCodes = el.slice(1).filter(Boolean);
        if (!(set.status in ACK_STATUSES)) problems.push(`IK501 ${set.status || '(empty)'} is not an acknowledgment code`);
        for (const c of set.errorCodes) if (!(c in TRANSACTION_SET_ERRORS)) problems.push(`IK50x ${c} is not a transaction set error code`);
        if (set.accepted && set.status === 'A' && set.segmentErrors.length > 0) problems.push(`transaction set ${set.controlNumber} is accepted (A) yet lists segment errors`);
        segment = null;
        break;
      case 'AK9':
        out.groupStatus = { status: el[0] ?? '', included: num(el[1]), received: num(el[2]), accepted: num(el[3]), errorCodes: el.slice(4).filter(Boolean) };
        if (!(out.groupStatus.status in ACK_STATUSES)) problems.push(`AK901 ${out.groupStatus.status || '(empty)'} is not an acknowledgment code`);
        break;
    }
  }
  if (!out.group) problems.push('no AK1: the acknowledged functional group is not named');
  for (const s of out.transactionSets) if (!s.status) problems.push(`transaction set ${s.controlNumber} has no IK5 status`);
  const g = out.groupStatus;
  if (!g) problems.push('no AK9: the functional group status is missing');
  else {
    const acceptedSets = out.transactionSets.filter((s) => s.accepted).length;
    if (g.received !== null && out.transactionSets.length > 0 && g.received !== out.transactionSets.length) problems.push(`AK903 says ${g.received} transaction sets received; ${out.transactionSets.length} are acknowledged`);
    if (g.accepted !== null && out.transactionSets.length > 0 && g.accepted !== acceptedSets) problems.push(`AK904 says ${g.accepted} transaction sets accepted; ${acceptedSets} IK5 accept`);
  }
  out.accepted = g ? isAccepted(g.status) : out.transactionSets.length > 0 && out.transactionSets.every((s) => s.accepted);
  return out;
}
