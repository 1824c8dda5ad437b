/** One budget to charge: a key (kind and who), how much to add, and the budget's size. */
export interface Charge {
  key: string;
  amount: number;
  limit: number;
}

/** Where fixed-window counters live: this process's memory, or Redis shared by every instance. */
export interface RateLimitStore {
  /**
   * Adds each charge's amount to its counter in the current window and returns the new totals.
   * @param charges - counters to increase
   * @param window - the current window's index (time divided by its length) and its length in ms
   * @returns the counters after adding, in the order of `charges`
   */
  add(charges: readonly Charge[], window: { index: number; ms: number }): Promise<number[]>;
  close(): Promise<void>;
}

/** Counters in this process: each instance has its own budget. Only the current window is kept. */
export function createMemoryStore(): RateLimitStore {
  let index = -1;
  let counts = new Map<string, number>();
  return {
    async add(charges, window) {
      if (window.index !== index) {
        index = window.index;
        counts = new Map();
      }
      return charges.map((c) => {
        const next = (counts.get(c.key) ?? 0) + c.amount;
        counts.set(c.key, next);
        return next;
      });
    },
    async close() {},
  };
}
