import type { Config } from '../../config.js';
import type { ClaimsClearinghouse } from '../../x12/claims-clearinghouse.js';
import type { Clearinghouse } from '../../x12/clearinghouse.js';
import { HttpClaimsClearinghouse } from '../../x12/http-claims-clearinghouse.js';
import { HttpClearinghouse } from '../../x12/http-clearinghouse.js';
import { SimulatedClaimsClearinghouse } from '../../x12/simulated-claims-clearinghouse.js';
import { SimulatedClearinghouse } from '../../x12/simulated-clearinghouse.js';
import type { X12Parties } from '../../x12/x12-envelope.js';

/** Process-wide eligibility machinery: one clearinghouse client (its circuit breaker is shared). */
export interface EligibilityRuntime {
  clearinghouse: Clearinghouse;
  /** The same clearinghouse's claim operations (837P, 276), built from the same settings. */
  claims: ClaimsClearinghouse;
  parties: X12Parties;
  freshnessHours: number;
  batchConcurrency: number;
}

/** Builds the runtime from configuration: the simulator, or the HTTP client. */
export function createEligibilityRuntime(config: Config): EligibilityRuntime {
  const ch = config.clearinghouse;
  const http = { url: ch.url!, username: ch.username, password: ch.password, timeoutMs: ch.timeoutMs, retries: ch.retries, backoffMs: ch.backoffMs, breakerThreshold: ch.breakerThreshold, breakerResetMs: ch.breakerResetMs };
  const clearinghouse: Clearinghouse = ch.mode === 'http' ? new HttpClearinghouse(http) : new SimulatedClearinghouse();
  return {
    clearinghouse,
    claims: ch.mode === 'http' ? new HttpClaimsClearinghouse(http) : new SimulatedClaimsClearinghouse(),
    parties: { senderId: ch.senderId, receiverId: ch.receiverId, usage: ch.usage },
    freshnessHours: config.eligibility.freshnessHours,
    batchConcurrency: config.eligibility.batchConcurrency,
  };
}
