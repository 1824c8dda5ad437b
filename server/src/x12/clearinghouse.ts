/**
 * The clearinghouse, whatever the transport: real-time eligibility (270 → 271), claim submission (837P →
 * 999 and 277CA) and claim status (276 → 277).
 *
 * Claim submission is one synchronous exchange: the answer carries the 999 and, when the 999 accepted
 * the transaction set, the 277CA. Real clearinghouses often deliver the 277CA later through a mailbox;
 * an adapter for such a one polls until both are there, so callers see one shape.
 */
export interface Clearinghouse {
  /** Sends a 270 and returns the 271 text. Idempotent: safe to retry. */
  send270(x12: string): Promise<string>;
  /**
   * Submits an 837P interchange. Not idempotent: a failure with `mayHaveBeenDelivered` true means the
   * file may have been taken in (do not resubmit blindly; check claim status first).
   */
  submit837(x12: string): Promise<ClaimSubmissionAnswer>;
  /** Sends a 276 claim status request and returns the 277 text. Idempotent: safe to retry. */
  send276(x12: string): Promise<string>;
}

/** What the clearinghouse answers to an 837P interchange. */
export interface ClaimSubmissionAnswer {
  /** The 999 implementation acknowledgment (raw X12; read it with parse999). */
  ack999: string;
  /**
   * The 277CA acknowledging each claim of the interchange (raw X12, one interchange with a claim loop
   * per claim; read it with parse277CA); null when the 999 rejected the file (nothing reached a payer).
   */
  acks277ca: string | null;
}

/**
 * Why an exchange failed. TIMEOUT, UNAVAILABLE and HTTP_STATUS mean a 270 may have left (the check is
 * stored as UNKNOWN); CIRCUIT_OPEN means nothing was sent.
 */
export type ClearinghouseFailure = 'TIMEOUT' | 'UNAVAILABLE' | 'HTTP_STATUS' | 'CIRCUIT_OPEN';

export class ClearinghouseError extends Error {
  /**
   * @param mayHaveBeenDelivered - whether the request may have reached the clearinghouse and been taken
   *   in (true for a timeout or a 5xx after sending; false when nothing was sent, the connection was
   *   refused, or the clearinghouse refused the request with a 4xx)
   */
  constructor(
    readonly kind: ClearinghouseFailure,
    message: string,
    readonly mayHaveBeenDelivered: boolean = kind === 'TIMEOUT' || kind === 'UNAVAILABLE',
  ) {
    super(message);
  }
}
