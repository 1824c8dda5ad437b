import { CircuitBreaker } from './circuit-breaker.js';
import { type ClaimSubmissionAnswer, type Clearinghouse, ClearinghouseError, type MailboxEntry } from './clearinghouse.js';
import { splitInterchanges } from './x12-split.js';

export interface HttpClearinghouseOptions {
  /** Real-time endpoint for 270 (and, unless given below, for 837P and 276). */
  url: string;
  /** Endpoint 837P interchanges are posted to; `url` when not given. */
  claimsUrl?: string;
  /** Endpoint 276 requests are posted to; `url` when not given. */
  claimStatusUrl?: string;
  /**
   * Base of the mailboxes (`url` + `/mailbox` when not given): GET `<base>/<mailbox>` lists the waiting
   * files as JSON `[{id, name}]`, GET `<base>/<mailbox>/<id>` returns one file's X12, DELETE removes it.
   */
  mailboxUrl?: string;
  username?: string;
  password?: string;
  timeoutMs: number;
  /** Extra attempts after the first (270 and 276: timeouts, connection errors, 5xx; 837P: see submit837). */
  retries: number;
  backoffMs: number;
  breakerThreshold: number;
  breakerResetMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Connection errors raised before any byte of the request left (so nothing can have been taken in). */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Which failures an operation may retry: all transient ones (idempotent requests), or only those where nothing was sent. */
type RetryPolicy = 'transient' | 'not-sent';

/**
 * The clearinghouse over HTTP POST (body = the X12 text), with a per-attempt timeout, retries with
 * exponential backoff and jitter, and one circuit breaker shared by every request of the process.
 *
 * 270 and 276 are inquiries: retried on timeouts, connection errors and 5xx answers. An 837P is a
 * submission and not idempotent: once the request may have reached the clearinghouse (a timeout, a
 * connection reset, a 5xx) it is never sent again, since a second copy would be a duplicate claim at
 * the payer; it is retried only when the connection was refused or the host not found (nothing left).
 * The error then says `mayHaveBeenDelivered`, and the caller reconciles (claim status) instead of
 * resubmitting. 4xx answers are never retried.
 */
export class HttpClearinghouse implements Clearinghouse {
  readonly breaker: CircuitBreaker;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: HttpClearinghouseOptions) {
    this.breaker = new CircuitBreaker(opts.breakerThreshold, opts.breakerResetMs, opts.now);
    this.sleep = opts.sleep ?? defaultSleep;
  }

  send270(x12: string): Promise<string> {
    return this.exchange(this.opts.url, x12, 'transient');
  }

  send276(x12: string): Promise<string> {
    return this.exchange(this.opts.claimStatusUrl ?? this.opts.url, x12, 'transient');
  }

  /**
   * Posts the 837P; the answer body holds the 999 interchange followed, when accepted, by the 277CA
   * interchange. An empty body means the clearinghouse answers through the mailbox only (no answer to
   * store now). A body that is not X12 is handed back as `ack999` for the reader to refuse.
   */
  async submit837(x12: string): Promise<ClaimSubmissionAnswer> {
    const body = await this.exchange(this.opts.claimsUrl ?? this.opts.url, x12, 'not-sent');
    if (body.trim() === '') return { ack999: null, acks277ca: null };
    const parts = splitInterchanges(body);
    const stOf = (part: string) => (part.startsWith('ISA') ? new RegExp(`\\bST\\${part[3]}(\\d{3})\\${part[3]}`).exec(part)?.[1] : undefined);
    const ack999 = parts.find((p) => stOf(p) === '999');
    const ack277 = parts.find((p) => stOf(p) === '277');
    return { ack999: ack999 ?? body, acks277ca: ack999 ? (ack277 ?? null) : null };
  }

  async listMailbox(mailbox: string): Promise<MailboxEntry[]> {
    const body = await this.exchange(this.mailboxPath(mailbox), { method: 'GET' }, 'transient');
    let list: unknown;
    try {
      list = JSON.parse(body);
    } catch {
      throw new ClearinghouseError('HTTP_STATUS', 'clearinghouse mailbox listing is not JSON');
    }
    if (!Array.isArray(list)) throw new ClearinghouseError('HTTP_STATUS', 'clearinghouse mailbox listing is not a list');
    return list.filter((e): e is MailboxEntry => typeof e?.id === 'string' && e.id.length > 0).map((e) => ({ id: e.id, name: typeof e.name === 'string' ? e.name : e.id }));
  }

  fetchMailboxFile(mailbox: string, fileId: string): Promise<string> {
    return this.exchange(this.mailboxPath(mailbox, fileId), { method: 'GET' }, 'transient');
  }

  async acknowledgeMailboxFile(mailbox: string, fileId: string): Promise<void> {
    await this.exchange(this.mailboxPath(mailbox, fileId), { method: 'DELETE' }, 'transient', true);
  }

  private mailboxPath(mailbox: string, fileId?: string): string {
    const base = (this.opts.mailboxUrl ?? `${this.opts.url.replace(/\/+$/, '')}/mailbox`).replace(/\/+$/, '');
    return `${base}/${encodeURIComponent(mailbox)}${fileId === undefined ? '' : `/${encodeURIComponent(fileId)}`}`;
  }

  private async exchange(url: string, request: string | { method: 'GET' | 'DELETE' }, policy: RetryPolicy, notFoundIsOk = false): Promise<string> {
    let last: ClearinghouseError | null = null;
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      if (attempt > 0) await this.sleep(this.opts.backoffMs * 2 ** (attempt - 1) * (1 + Math.random() / 2));
      if (!this.breaker.tryAcquire()) throw last ?? new ClearinghouseError('CIRCUIT_OPEN', 'clearinghouse circuit is open; nothing was sent');
      try {
        const body = await this.attempt(url, request, notFoundIsOk);
        this.breaker.success();
        return body;
      } catch (err) {
        last = err instanceof ClearinghouseError ? err : new ClearinghouseError('UNAVAILABLE', 'clearinghouse connection failed');
        this.breaker.failure();
        if (last.kind === 'HTTP_STATUS') throw last;
        if (policy === 'not-sent' && last.mayHaveBeenDelivered) throw last;
      }
    }
    throw last!;
  }

  private async attempt(url: string, request: string | { method: 'GET' | 'DELETE' }, notFoundIsOk: boolean): Promise<string> {
    const headers: Record<string, string> = typeof request === 'string' ? { 'content-type': 'application/edi-x12', accept: 'application/edi-x12' } : { accept: 'application/edi-x12, application/json' };
    if (this.opts.username) headers.authorization = `Basic ${Buffer.from(`${this.opts.username}:${this.opts.password ?? ''}`).toString('base64')}`;
    let res: Response;
    try {
      const init = typeof request === 'string' ? { method: 'POST', body: request } : { method: request.method };
      res = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(this.opts.timeoutMs) });
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new ClearinghouseError('TIMEOUT', `clearinghouse did not answer within ${this.opts.timeoutMs} ms`);
      const code = ((err as Error & { cause?: { code?: string } }).cause?.code) ?? '';
      throw new ClearinghouseError('UNAVAILABLE', 'clearinghouse connection failed', !NOT_SENT.has(code));
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new ClearinghouseError('TIMEOUT', `clearinghouse response did not complete within ${this.opts.timeoutMs} ms`);
    }
    if (notFoundIsOk && res.status === 404) return text;
    if (res.status >= 500) throw new ClearinghouseError('UNAVAILABLE', `clearinghouse answered HTTP ${res.status}`);
    if (!res.ok) throw new ClearinghouseError('HTTP_STATUS', `clearinghouse answered HTTP ${res.status}`);
    return text;
  }
}
