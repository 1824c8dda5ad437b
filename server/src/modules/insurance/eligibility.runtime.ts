import type { Config } from '../../config.js';
import type { Clearinghouse } from '../../x12/clearinghouse.js';
import { HttpClearinghouse } from '../../x12/http-clearinghouse.js';
import { SimulatedClearinghouse } from '../../x12/simulated-clearinghouse.js';
import type { X12Parties } from '../../x12/x12-envelope.js';

/** Process-wide eligibility machinery: one clearinghouse client (its circuit breaker is shared). */
export interface EligibilityRuntime {
  clearinghouse: Clearinghouse;
  parties: X12Parties;
  freshnessHours: number;
  batchConcurrency: number;
}

/** Builds the runtime from configuration: the simulator, or the HTTP client. */
export function createEligibilityRuntime(config: Config): EligibilityRuntime {
  const ch = config.clearinghouse;
  const clearinghouse: Clearinghouse =
    ch.mode === 'http'
      ? new HttpClearinghouse({ url: ch.url!, mailboxUrl: ch.mailboxUrl, username: ch.username, password: ch.password, timeoutMs: ch.timeoutMs, retries: ch.retries, backoffMs: ch.backoffMs, breakerThreshold: ch.breakerThreshold, breakerResetMs: ch.breakerResetMs })
      : new SimulatedClearinghouse({ delivery: ch.delivery });
  return {
    clearinghouse,
    parties: { senderId: ch.senderId, receiverId: ch.receiverId, usage: ch.usage },
    freshnessHours: config.eligibility.freshnessHours,
    batchConcurrency: config.eligibility.batchConcurrency,
  };
}
