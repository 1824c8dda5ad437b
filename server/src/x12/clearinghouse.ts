/**
 * The clearinghouse, whatever the transport: real-time eligibility (270 → 271), claim submission (837P →
 * 999 and 277CA) and claim status (276 → 277).
 *
 * Claim submission answers what the clearinghouse answers at once (a 999 and a 277CA, either or both
 * possibly absent); everything that arrives later — 999s, 277CAs, 835 ERAs — waits in the practice's
 * mailbox (`listMailbox` / `fetchMailboxFile` / `acknowledgeMailboxFile`), which the clearinghouse
 * poller (modules/clearinghouse-inbox) empties: it stores each file before acknowledging it.
 */
export interface Clearinghouse {
  /** Sends a 270 and returns the 271 text. Idempotent: safe to retry. */
  send270(x12: string): Promise<string>;
  /**
   * Submits an 837P interchange. Not idempotent: a failure with `mayHaveBeenDelivered` true means the
   * file may have been taken in (do not resubmit blindly; check claim status first).
   */
  submit837(x12: string, options?: { mailbox?: string }): Promise<ClaimSubmissionAnswer>;
  /** Sends a 276 claim status request and returns the 277 text. Idempotent: safe to retry. */
  send276(x12: string): Promise<string>;
  /** The files waiting in a mailbox (oldest first). Idempotent. */
  listMailbox(mailbox: string): Promise<MailboxEntry[]>;
  /** One waiting file's text. Idempotent: a file stays until it is acknowledged. */
  fetchMailboxFile(mailbox: string, fileId: string): Promise<string>;
  /** Removes a file from the mailbox once it is safely stored. Idempotent: an unknown id is no error. */
  acknowledgeMailboxFile(mailbox: string, fileId: string): Promise<void>;
}

/** A file waiting in a clearinghouse mailbox. */
export interface MailboxEntry {
  /** The clearinghouse's id of the file, stable until it is acknowledged. */
  id: string;
  /** The file name the clearinghouse gives (kind and control number, no PHI). */
  name: string;
}

/** What the clearinghouse answers to an 837P interchange. */
export interface ClaimSubmissionAnswer {
  /**
   * The 999 implementation acknowledgment (raw X12; read it with parse999); null when the clearinghouse
   * answers only through the mailbox.
   */
  ack999: string | null;
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
