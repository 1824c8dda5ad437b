/**
 * The claim operations of a clearinghouse, beside the 270/271 of `Clearinghouse`. Failures are
 * `ClearinghouseError`s with the same meaning: CIRCUIT_OPEN means nothing was sent; TIMEOUT,
 * UNAVAILABLE and HTTP_STATUS mean the file may have left.
 */
export interface ClaimsClearinghouse {
  /**
   * Sends one 837P interchange.
   * @returns the X12 answers received with it (a 999, then 277CAs), each one interchange; empty when
   *   the clearinghouse answers later
   */
  submit837(x12: string): Promise<string[]>;
  /** Sends a 276 claim status request and returns the 277 text. */
  send276(x12: string): Promise<string>;
}

/** Splits a body holding several interchanges (ISA…IEA~ISA…IEA~) into one text each. */
export function splitInterchanges(body: string): string[] {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (!text) return [];
  const starts: number[] = [];
  for (let i = text.indexOf('ISA'); i >= 0; i = text.indexOf('ISA', i + 3)) {
    // An ISA opens an interchange only at the start or right after a segment terminator (and whitespace).
    const before = text.slice(0, i).trimEnd();
    if (i === 0 || before.endsWith(text[105] ?? '~')) starts.push(i);
  }
  if (starts.length === 0) return [text];
  return starts.map((s, k) => text.slice(s, starts[k + 1] ?? text.length).trim());
}
