/** How failed calls are retried. Only queries, and mutations whose variables carry an idempotencyKey. */
export interface RetryOptions {
  /** Extra attempts after the first (default 3; 0 disables retries). */
  retries: number;
  /** Backoff base: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs·2ⁿ)] (default 200). */
  baseDelayMs: number;
  /** Upper bound of one wait (default 5000). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 3, baseDelayMs: 200, maxDelayMs: 5000 };

/** Full-jitter exponential backoff: spreads retries of many clients instead of synchronising them. */
export function backoffDelay(attempt: number, opts: RetryOptions, random: () => number = Math.random): number {
  const cap = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** attempt);
  return Math.round(random() * cap);
}

/** Seconds or an HTTP date from a Retry-After header, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** True when re-sending cannot apply a side effect twice: queries, or mutations with an idempotency key. */
export function isSafeToRetry(operation: 'query' | 'mutation' | 'subscription', variables: unknown): boolean {
  if (operation === 'query') return true;
  if (operation !== 'mutation' || typeof variables !== 'object' || variables === null) return false;
  const vars = variables as Record<string, unknown>;
  const input = vars.input as Record<string, unknown> | undefined;
  return hasKey(vars.idempotencyKey) || (typeof input === 'object' && input !== null && hasKey(input.idempotencyKey));
}

const hasKey = (v: unknown) => typeof v === 'string' && v.length > 0;

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
