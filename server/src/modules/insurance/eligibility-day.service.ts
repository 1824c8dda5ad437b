import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, notFound } from '../../graphql/errors.js';
import { mapWithConcurrency } from '../../lib/pool.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { VerifyEligibilityForDayInput } from './eligibility.inputs.js';
import * as repo from './eligibility.repo.js';
import type { EligibilityRuntime } from './eligibility.runtime.js';
import { verifyEligibility } from './eligibility.service.js';
import type { EligibilityCheck } from './eligibility.type.js';

export type DayResultStatus = 'VERIFIED' | 'FRESH' | 'NO_PRIMARY_COVERAGE' | 'FAILED';

export interface DayResult {
  appointmentId: string;
  status: DayResultStatus;
  check: EligibilityCheck | null;
  errorCode: string | null;
}

/**
 * Verifies the primary coverage of every active appointment at a location on a local date, skipping
 * those with a definite answer for that date within the freshness window (unless forced). Coverages
 * are verified once even with several appointments, at most `batchConcurrency` at a time; one failure
 * does not stop the others.
 * @throws NOT_FOUND for a location outside the practice
 */
export async function verifyEligibilityForDay(db: Db, runtime: EligibilityRuntime, principal: Principal, audit: AuditTrail, input: VerifyEligibilityForDayInput, now = new Date()): Promise<DayResult[]> {
  if (!(await repo.locationExists(db, principal.practiceId, input.locationId))) throw notFound('Location', input.locationId);
  const freshSince = new Date(now.getTime() - runtime.freshnessHours * 3_600_000);
  const candidates = await repo.findDayCandidates(db, principal.practiceId, input.locationId, input.date, freshSince);
  const todo = new Map<string, repo.DayCandidate>();
  for (const c of candidates) if (c.coverageId && (input.force || !c.fresh) && !todo.has(c.coverageId)) todo.set(c.coverageId, c);
  const outcomes = new Map<string, { check: EligibilityCheck | null; errorCode: string | null }>();
  await mapWithConcurrency([...todo.values()], runtime.batchConcurrency, async (c) => {
    try {
      const check = await verifyEligibility(db, runtime, principal, audit, { coverageId: c.coverageId!, providerId: c.providerId, dateOfService: input.date, serviceTypeCodes: ['30'], visitServiceTypeCode: c.serviceTypeCode });
      outcomes.set(c.coverageId!, { check, errorCode: null });
    } catch (err) {
      outcomes.set(c.coverageId!, { check: null, errorCode: err instanceof AppError ? err.code : 'INTERNAL_SERVER_ERROR' });
    }
  });
  return candidates.map((c) => {
    if (!c.coverageId) return { appointmentId: c.appointmentId, status: 'NO_PRIMARY_COVERAGE', check: null, errorCode: null };
    const o = outcomes.get(c.coverageId);
    if (!o) return { appointmentId: c.appointmentId, status: 'FRESH', check: null, errorCode: null };
    return { appointmentId: c.appointmentId, status: o.check ? 'VERIFIED' : 'FAILED', check: o.check, errorCode: o.errorCode };
  });
}
