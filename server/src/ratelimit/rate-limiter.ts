import { AppError } from '../graphql/errors.js';
import type { Charge, RateLimitStore } from './rate-limit.store.js';

/** Budgets per window; 0 means unlimited. */
export interface RateLimitBudgets {
  windowSeconds: number;
  subjectRequests: number;
  subjectCost: number;
  ipRequests: number;
  ipCost: number;
}

/** Who is charged: the client address, and the token's subject once the token is verified. */
export interface Caller {
  ip: string;
  subject?: string;
}

export interface RateLimiter {
  /**
   * Counts one request against the caller's request budgets.
   * @returns RATE_LIMITED (HTTP 429, `retryAfterSeconds`) when a budget is spent, else undefined
   */
  request(caller: Caller): Promise<AppError | undefined>;
  /**
   * Charges an operation's cost (as measured by the query limits) against the caller's cost budgets.
   * @returns RATE_LIMITED (HTTP 429, `retryAfterSeconds`) when a budget is spent, else undefined
   */
  cost(caller: Caller, cost: number): Promise<AppError | undefined>;
  close(): Promise<void>;
}

const LABELS: Record<string, string> = {
  'req:sub': 'requests for this token subject',
  'req:ip': 'requests from this address',
  'cost:sub': 'query cost for this token subject',
  'cost:ip': 'query cost from this address',
};

/**
 * Fixed-window budgets per token subject and per client address, for requests and for query cost.
 * Counters live in `store` (memory, or Redis shared by all instances). A store that fails lets the
 * request through (reported to `onStoreError`): losing the limiter must not take the API down.
 * @param budgets - sizes of the four budgets and the window
 * @param store - where the counters live
 * @param onStoreError - called when the store cannot be reached
 * @param now - clock in ms (tests)
 */
export function createRateLimiter(budgets: RateLimitBudgets, store: RateLimitStore, onStoreError: (err: Error) => void, now: () => number = Date.now): RateLimiter {
  const windowMs = budgets.windowSeconds * 1000;
  const charge = async (kind: 'req' | 'cost', caller: Caller, amount: number, subjectLimit: number, ipLimit: number) => {
    const charges: (Charge & { label: string })[] = [];
    if (amount > 0 && caller.subject !== undefined && subjectLimit > 0) charges.push({ key: `${kind}:sub:${caller.subject}`, amount, limit: subjectLimit, label: `${kind}:sub` });
    if (amount > 0 && ipLimit > 0) charges.push({ key: `${kind}:ip:${caller.ip}`, amount, limit: ipLimit, label: `${kind}:ip` });
    if (charges.length === 0) return undefined;
    const at = now();
    const index = Math.floor(at / windowMs);
    let totals: number[];
    try {
      totals = await store.add(charges, { index, ms: windowMs });
    } catch (err) {
      onStoreError(err instanceof Error ? err : new Error(String(err)));
      return undefined;
    }
    const over = charges.findIndex((c, i) => totals[i]! > c.limit);
    if (over < 0) return undefined;
    const spent = charges[over]!;
    const retryAfterSeconds = Math.max(1, Math.ceil(((index + 1) * windowMs - at) / 1000));
    return new AppError('RATE_LIMITED', `Rate limit reached: at most ${spent.limit} ${LABELS[spent.label]} per ${budgets.windowSeconds} s; retry after ${retryAfterSeconds} s`, {
      retryAfterSeconds,
      limit: spent.limit,
      windowSeconds: budgets.windowSeconds,
      http: { status: 429 },
    });
  };
  return {
    request: (caller) => charge('req', caller, 1, budgets.subjectRequests, budgets.ipRequests),
    cost: (caller, cost) => charge('cost', caller, cost, budgets.subjectCost, budgets.ipCost),
    close: () => store.close(),
  };
}
