import { registerEnumType } from 'type-graphql';

/** Where a claim is in its life (pure data; the rules are below). */
export enum ClaimStatus {
  DRAFT = 'DRAFT',
  READY = 'READY',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  PAID = 'PAID',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  DENIED = 'DENIED',
  CLOSED = 'CLOSED',
  VOIDED = 'VOIDED',
}
registerEnumType(ClaimStatus, {
  name: 'ClaimStatus',
  description:
    'DRAFT → READY (a clean scrub) → SUBMITTED → ACCEPTED or REJECTED (before adjudication; a corrected REJECTED claim goes back to DRAFT as a new revision) → PAID, PARTIALLY_PAID or DENIED → CLOSED; VOIDED before adjudication.',
});

const S = ClaimStatus;

/**
 * Every allowed move. READY → DRAFT: the claim was edited or a new scrub found errors. ACCEPTED →
 * REJECTED: the payer rejects after the clearinghouse accepted (277CA). PARTIALLY_PAID → PAID: a later
 * payment. Between PAID, PARTIALLY_PAID and DENIED: the payer reversed its adjudication (835 CLP02 22)
 * and sent a corrected one. An adjudicated claim is corrected by a new claim (frequency 7 or 8), never
 * moved back.
 */
const MOVES: Record<ClaimStatus, readonly ClaimStatus[]> = {
  [S.DRAFT]: [S.READY, S.VOIDED],
  [S.READY]: [S.DRAFT, S.SUBMITTED, S.VOIDED],
  [S.SUBMITTED]: [S.ACCEPTED, S.REJECTED],
  [S.ACCEPTED]: [S.REJECTED, S.PAID, S.PARTIALLY_PAID, S.DENIED],
  [S.REJECTED]: [S.DRAFT, S.VOIDED],
  [S.PAID]: [S.PARTIALLY_PAID, S.DENIED, S.CLOSED],
  [S.PARTIALLY_PAID]: [S.PAID, S.DENIED, S.CLOSED],
  [S.DENIED]: [S.PAID, S.PARTIALLY_PAID, S.CLOSED],
  [S.CLOSED]: [],
  [S.VOIDED]: [],
};

/** Whether a claim may move from `from` to `to`. */
export const canMove = (from: ClaimStatus, to: ClaimStatus): boolean => MOVES[from]?.includes(to) ?? false;

/** The statuses reachable from `from` in one move. */
export const movesFrom = (from: ClaimStatus): readonly ClaimStatus[] => MOVES[from] ?? [];

/** The claim's content may be edited (a REJECTED one becomes a new DRAFT revision). */
export const isEditable = (s: ClaimStatus): boolean => s === S.DRAFT || s === S.READY || s === S.REJECTED;

/** The payer adjudicated (or accepted for adjudication) the claim: corrections are replacement or void claims. */
export const isAdjudicated = (s: ClaimStatus): boolean => s === S.ACCEPTED || s === S.PAID || s === S.PARTIALLY_PAID || s === S.DENIED;

/** The claim counts as billed for its services (duplicate checks): everything but VOIDED. */
export const isLive = (s: ClaimStatus): boolean => s !== S.VOIDED;
