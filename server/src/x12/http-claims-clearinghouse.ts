import type { ClaimsClearinghouse } from './claims-clearinghouse.js';
import { splitInterchanges } from './claims-clearinghouse.js';
import { HttpClearinghouse, type HttpClearinghouseOptions } from './http-clearinghouse.js';

/**
 * Claims over HTTP POST (body = the X12 text), with the eligibility client's timeouts, backoff and
 * circuit breaker. A 276 is retried like a 270 (asking twice is harmless). An 837 is sent once: a
 * retry after a timeout could bill twice, so a failure after the file may have left is reported to
 * the caller (who records the batch as SENT_UNKNOWN) instead of being retried here.
 */
export class HttpClaimsClearinghouse implements ClaimsClearinghouse {
  private readonly inquiries: HttpClearinghouse;
  private readonly submissions: HttpClearinghouse;

  constructor(opts: HttpClearinghouseOptions) {
    this.inquiries = new HttpClearinghouse(opts);
    this.submissions = new HttpClearinghouse({ ...opts, retries: 0 });
  }

  async submit837(x12: string): Promise<string[]> {
    return splitInterchanges(await this.submissions.send270(x12));
  }

  send276(x12: string): Promise<string> {
    return this.inquiries.send270(x12);
  }
}
