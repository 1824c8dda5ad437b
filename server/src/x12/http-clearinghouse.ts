import { CircuitBreaker } from './circuit-breaker.js';
import { type Clearinghouse, ClearinghouseError } from './clearinghouse.js';

export interface HttpClearinghouseOptions {
  url: string;
  username?: string;
  password?: string;
  timeoutMs: number;
  /** Extra attempts after the first, for timeouts, connection errors and 5xx answers. */
  retries: number;
  backoffMs: number;
  breakerThreshold: number;
  breakerResetMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Real-time 270/271 over HTTP POST (body = the X12 text), with a per-attempt timeout, retries with
 * exponential backoff and jitter, and a circuit breaker shared by all requests of the process.
 */
export class HttpClearinghouse implements Clearinghouse {
  readonly breaker: CircuitBreaker;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: HttpClearinghouseOptions) {
    this.breaker = new CircuitBreaker(opts.breakerThreshold, opts.breakerResetMs, opts.now);
    this.sleep = opts.sleep ?? defaultSleep;
  }

  async send270(x12: string): Promise<string> {
    let last: ClearinghouseError | null = null;
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      if (attempt > 0) await this.sleep(this.opts.backoffMs * 2 ** (attempt - 1) * (1 + Math.random() / 2));
      if (!this.breaker.tryAcquire()) throw last ?? new ClearinghouseError('CIRCUIT_OPEN', 'clearinghouse circuit is open; nothing was sent');
      try {
        const body = await this.attempt(x12);
        this.breaker.success();
        return body;
      } catch (err) {
        last = err instanceof ClearinghouseError ? err : new ClearinghouseError('UNAVAILABLE', 'clearinghouse connection failed');
        this.breaker.failure();
        if (last.kind === 'HTTP_STATUS') throw last;
      }
    }
    throw last!;
  }

  private async attempt(x12: string): Promise<string> {
    const headers: Record<string, string> = { 'content-type': 'application/edi-x12', accept: 'application/edi-x12' };
    if (this.opts.username) headers.authorization = `Basic ${Buffer.from(`${this.opts.username}:${this.opts.password ?? ''}`).toString('base64')}`;
    let res: Response;
    try {
      res = await fetch(this.opts.url, { method: 'POST', headers, body: x12, signal: AbortSignal.timeout(this.opts.timeoutMs) });
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new ClearinghouseError('TIMEOUT', `clearinghouse did not answer within ${this.opts.timeoutMs} ms`);
      throw new ClearinghouseError('UNAVAILABLE', 'clearinghouse connection failed');
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new ClearinghouseError('TIMEOUT', `clearinghouse response did not complete within ${this.opts.timeoutMs} ms`);
    }
    if (res.status >= 500) throw new ClearinghouseError('UNAVAILABLE', `clearinghouse answered HTTP ${res.status}`);
    if (!res.ok) throw new ClearinghouseError('HTTP_STATUS', `clearinghouse answered HTTP ${res.status}`);
    return text;
  }
}
