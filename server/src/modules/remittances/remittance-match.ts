import type { ClaimSnapshot } from '../claims/claim-snapshot.js';
import type { RemittanceClaim } from '../../x12/x12-835-types.js';

/** Why a CLP went to the unmatched queue instead of being posted. */
export type UnmatchedReason =
  | 'NO_SUCH_CLAIM'
  | 'PAYER_CLAIM_NUMBER_MISMATCH'
  | 'CLAIM_NOT_SUBMITTED'
  | 'ALREADY_ADJUDICATED'
  | 'NOTHING_TO_REVERSE'
  | 'REVERSAL_MISMATCH'
  | 'LINE_NOT_MATCHED'
  | 'CHARGE_MISMATCH'
  | 'NEGATIVE_PAYMENT'
  | 'DUPLICATE_IN_FILE'
  | 'COORDINATION_MISMATCH';

/** What the matcher needs of one of our claims. */
export interface ClaimCandidate {
  id: string;
  patientId: string;
  payerId: string;
  superbillId: string;
  status: string;
  revision: number;
  payerClaimNumber: string | null;
  dateOfService: string;
  snapshot: ClaimSnapshot;
}

/** The statuses a remittance may post to: sent to the payer, or adjudicated before (reversals, corrections). */
const POSTABLE = new Set(['SUBMITTED', 'ACCEPTED', 'PAID', 'PARTIALLY_PAID', 'DENIED']);

export type ClaimMatch = { claim: ClaimCandidate; lines: number[] } | { reason: UnmatchedReason; candidate: ClaimCandidate | null };

/**
 * The claim line each SVC paid: the REF*6R line item control number when it names one of the claim's
 * lines (we send the line position), else the same position with the same procedure code, else the first
 * unused line with that code. Null when some SVC fits no line (or two SVCs fit the same line).
 */
export function matchLines(c: RemittanceClaim, snapshot: ClaimSnapshot): number[] | null {
  const used = new Set<number>();
  const out: number[] = [];
  const lines = snapshot.lines;
  for (const svc of c.lines) {
    const code = (svc.originalProcedure ?? svc.procedure).code;
    const ref = svc.lineItemControlNumber && /^\d{1,2}$/.test(svc.lineItemControlNumber) ? Number(svc.lineItemControlNumber) : null;
    const byRef = ref !== null ? lines.find((l) => l.position === ref) : undefined;
    const byPosition = lines.find((l) => l.position === svc.lineNumber && l.code === code);
    const byCode = lines.find((l) => l.code === code && !used.has(l.position));
    const hit = byRef ?? byPosition ?? byCode;
    if (!hit || used.has(hit.position)) return null;
    if (Math.abs(svc.chargeCents) !== hit.chargeCents) return null;
    used.add(hit.position);
    out.push(hit.position);
  }
  return out;
}

/**
 * Matches one CLP to our claim: by patient account number (CLP01, unique in the practice), checked
 * against the payer claim number (CLP07) when both sides have one; the claim must have been sent; its
 * SVC lines must match its lines. Adjudication state (reversals, duplicates) is judged by the poster.
 */
export function matchClaim(c: RemittanceClaim, byAccount: ReadonlyMap<string, ClaimCandidate>): ClaimMatch {
  const claim = byAccount.get(c.patientAccountNumber);
  if (!claim) return { reason: 'NO_SUCH_CLAIM', candidate: null };
  if (c.payerClaimControlNumber && claim.payerClaimNumber && c.payerClaimControlNumber !== claim.payerClaimNumber) return { reason: 'PAYER_CLAIM_NUMBER_MISMATCH', candidate: claim };
  if (!POSTABLE.has(claim.status)) return { reason: 'CLAIM_NOT_SUBMITTED', candidate: claim };
  const lines = matchLines(c, claim.snapshot);
  if (!lines) return { reason: 'LINE_NOT_MATCHED', candidate: claim };
  if (c.lines.length === 0 && Math.abs(c.chargeCents) !== claim.snapshot.totalChargeCents) return { reason: 'CHARGE_MISMATCH', candidate: claim };
  return { claim, lines };
}
