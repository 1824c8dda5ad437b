import type { X12Seg } from './x12-document.js';
import { isoDate } from './x12-envelope.js';
import { decimalToCents } from './x12-money.js';

/**
 * Health Care Claim Status Category codes (STC01-1) by what they mean for a claim. A 277CA answers with
 * the acknowledgment ones (A*), a 277 with any; unknown categories are reported by the readers.
 */
export const STATUS_CATEGORIES: Readonly<Record<string, string>> = {
  A0: 'Acknowledgement/Forwarded', A1: 'Acknowledgement/Receipt', A2: 'Acknowledgement/Acceptance into adjudication system',
  A3: 'Acknowledgement/Returned as unprocessable claim', A4: 'Acknowledgement/Not Found', A5: 'Acknowledgement/Split Claim',
  A6: 'Acknowledgement/Rejected for Missing Information', A7: 'Acknowledgement/Rejected for Invalid Information',
  A8: 'Acknowledgement/Rejected for relational field in error',
  D0: 'Data Search Unsuccessful', E0: 'Response not possible - error on submitted request data', E1: 'Response not possible - System Status',
  E2: 'Information Holder is not responding; resubmit at a later time', E3: 'Correction required - relational fields in error',
  E4: 'Trading partner agreement specific requirement not met', F0: 'Finalized', F1: 'Finalized/Payment', F2: 'Finalized/Denial',
  F3: 'Finalized/Revised', F3F: 'Finalized/Forwarded', F3N: 'Finalized/Not Forwarded', F4: 'Finalized/Adjudication Complete - No payment forthcoming',
  P0: 'Pending: Adjudication/Details', P1: 'Pending/In Process', P2: 'Pending/Payer Review', P3: 'Pending/Provider Requested Information',
  P4: 'Pending/Patient Requested Information', P5: 'Pending/Payer Administrative/System hold',
  R0: 'Requests for additional Information/General Requests', R1: 'Requests for additional Information/Entity Requests',
  R3: 'Requests for additional Information/Claim/Line', R4: 'Requests for additional Information/Documentation',
  R5: 'Request for additional information/more specific detail', R6: 'Requests for additional information – Regulatory requirements',
  R7: 'Requests for additional information – Confirm care is consistent with Health Plan policy coverage',
  R8: 'Requests for additional information – Confirm care is consistent with health plan coverage exceptions',
  R9: 'Requests for additional information – Determination of medical necessity', R10: 'Requests for additional information – Support a filed grievance or appeal',
  R11: 'Requests for additional information – Pre-payment review of claims', R12: 'Requests for additional information – Clarification or justification of use for specified procedure code',
  R13: 'Requests for additional information – To obtain information for a claim with pending status', R14: 'Requests for additional information – Provider Requested Additional Information',
  R15: 'Requests for additional information – Provider Registration', R16: 'Requests for additional information – Prior authorization',
};

/** 277CA categories that take a claim into the payer's system, and those that reject it before adjudication. */
export const ACCEPTED_CATEGORIES: ReadonlySet<string> = new Set(['A0', 'A1', 'A2', 'A5']);
export const REJECTED_CATEGORIES: ReadonlySet<string> = new Set(['A3', 'A4', 'A6', 'A7', 'A8']);

/** One status (STC01 and, optionally, STC10/STC11) with the amounts and dates of its STC segment. */
export interface ClaimStatusCode {
  /** STC01-1 (e.g. A2, F1, P3). */
  category: string;
  /** STC01-2: the claim status code (e.g. 20 accepted for processing, 562 entity's NPI). */
  code: string;
  /** STC01-3: the entity the status is about (e.g. 85 billing provider, IL subscriber, QC patient). */
  entity: string | null;
  /** STC02 as an ISO date. */
  effectiveDate: string | null;
  /** STC03: WQ accepted, U rejected (277CA), or another action code. */
  action: string | null;
  /** STC04: total charge the status is about. */
  chargeCents: number | null;
  /** STC05: amount paid. */
  paidCents: number | null;
  /** STC06: adjudication or payment date. */
  adjudicationDate: string | null;
  /** STC08: check issue or EFT date. */
  checkDate: string | null;
  /** STC09: check or EFT trace number. */
  checkNumber: string | null;
  /** STC12: free-form message. */
  message: string | null;
}

/**
 * Reads an STC segment into one status per composite it carries (STC01, STC10, STC11 share the amounts
 * and dates). Problems (unknown category, malformed composite) are added to `problems`.
 */
export function readStc(seg: X12Seg, component: string, problems: string[], where: string): ClaimStatusCode[] {
  const e = seg.el;
  const out: ClaimStatusCode[] = [];
  for (const raw of [e[0], e[9], e[10]]) {
    if (!raw) continue;
    const [category = '', code = '', entity = ''] = raw.split(component);
    if (!category || !code) problems.push(`${where}: STC composite "${raw}" lacks a category or a status code`);
    else if (!(category in STATUS_CATEGORIES)) problems.push(`${where}: unknown status category ${category}`);
    out.push({
      category, code, entity: entity || null,
      effectiveDate: isoDate(e[1]), action: e[2] || null,
      chargeCents: decimalToCents(e[3]), paidCents: decimalToCents(e[4]),
      adjudicationDate: isoDate(e[5]), checkDate: isoDate(e[7]), checkNumber: e[8] || null, message: e[11] || null,
    });
  }
  if (out.length === 0) problems.push(`${where}: STC without a status`);
  return out;
}

/** DTP*472 (service date or range) as ISO dates. */
export function serviceDates(seg: X12Seg): { from: string; to: string } | null {
  const [, format, value] = seg.el;
  if (format === 'D8') {
    const d = isoDate(value);
    return d ? { from: d, to: d } : null;
  }
  if (format === 'RD8' && value?.includes('-')) {
    const [a, b] = value.split('-');
    const from = isoDate(a);
    const to = isoDate(b);
    return from && to ? { from, to } : null;
  }
  return null;
}
