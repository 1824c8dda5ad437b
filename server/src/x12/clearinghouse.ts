/** Sends a 270 and returns the 271 text, whatever the transport. */
export interface Clearinghouse {
  send270(x12: string): Promise<string>;
}

/**
 * Why an exchange failed. TIMEOUT, UNAVAILABLE and HTTP_STATUS mean a 270 may have left (the check is
 * stored as UNKNOWN); CIRCUIT_OPEN means nothing was sent.
 */
export type ClearinghouseFailure = 'TIMEOUT' | 'UNAVAILABLE' | 'HTTP_STATUS' | 'CIRCUIT_OPEN';

export class ClearinghouseError extends Error {
  constructor(
    readonly kind: ClearinghouseFailure,
    message: string,
  ) {
    super(message);
  }
}
