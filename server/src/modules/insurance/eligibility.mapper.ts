import type { eligibilityChecks } from '../../db/schema/insurance.js';
import type { Accumulator } from '../../x12/eligibility-summary.js';
import type { EligibilityCheck, EligibilityOutcome } from './eligibility.type.js';

export type EligibilityCheckRow = typeof eligibilityChecks.$inferSelect;

const acc = (a: Accumulator) => ({ total: a.totalCents, remaining: a.remainingCents });

/** Table row → GraphQL object. */
export function toEligibilityCheck(r: EligibilityCheckRow): EligibilityCheck {
  const s = r.summary;
  return {
    id: r.id,
    coverageId: r.coverageId,
    patientId: r.patientId,
    providerId: r.providerId,
    dateOfService: r.dateOfService,
    serviceTypeCodes: r.serviceTypeCodes,
    outcome: r.outcome as EligibilityOutcome,
    reason: r.reason,
    planName: s?.planName ?? null,
    planBeginDate: s?.planBeginDate ?? null,
    planEndDate: s?.planEndDate ?? null,
    inNetwork: s?.inNetwork ?? null,
    copay: s?.copayCents ?? null,
    expectedCopay: r.expectedCopayCents,
    coinsurance: s?.coinsurance ?? null,
    deductible: s ? { individual: acc(s.deductible.individual), family: acc(s.deductible.family) } : null,
    outOfPocket: s ? { individual: acc(s.outOfPocket.individual), family: acc(s.outOfPocket.family) } : null,
    priorAuthorizationRequired: s?.priorAuthorizationRequired ?? null,
    rejections: s?.rejections ?? [],
    benefits: (s?.benefits ?? []).map((b) => ({ ...b, amount: b.amountCents })),
    requestedAt: r.requestedAt,
    respondedAt: r.respondedAt,
    raw270: r.raw270,
    raw271: r.raw271,
  };
}
