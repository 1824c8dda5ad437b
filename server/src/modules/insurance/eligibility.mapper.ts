import type { eligibilityChecks } from '../../db/schema/insurance.js';
import { type Accumulator, type NetworkFigures, REJECTION_LEVELS } from '../../x12/eligibility-summary.js';
import type { EligibilityCheck, EligibilityOutcome, NetworkBenefitFigures, RejectionLevel } from './eligibility.type.js';

export type EligibilityCheckRow = typeof eligibilityChecks.$inferSelect;

const acc = (a: Accumulator) => ({ total: a.totalCents, remaining: a.remainingCents });

const tier = (f: NetworkFigures): NetworkBenefitFigures => ({
  copay: f.copayCents,
  copayServiceTypeCode: f.copayServiceType ?? null,
  coinsurance: f.coinsurance,
  coinsuranceServiceTypeCode: f.coinsuranceServiceType ?? null,
  deductible: { individual: acc(f.deductible.individual), family: acc(f.deductible.family) },
  outOfPocket: { individual: acc(f.outOfPocket.individual), family: acc(f.outOfPocket.family) },
});

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
    copayServiceTypeCode: s?.copayServiceType ?? null,
    expectedCopay: r.expectedCopayCents,
    coinsurance: s?.coinsurance ?? null,
    coinsuranceServiceTypeCode: s?.coinsuranceServiceType ?? null,
    // Checks stored before tiers were kept have no out-of-network figures.
    outOfNetwork: s?.outOfNetwork ? tier(s.outOfNetwork) : null,
    envelopeProblems: s?.envelopeProblems ?? [],
    deductible: s ? { individual: acc(s.deductible.individual), family: acc(s.deductible.family) } : null,
    outOfPocket: s ? { individual: acc(s.outOfPocket.individual), family: acc(s.outOfPocket.family) } : null,
    priorAuthorizationRequired: s?.priorAuthorizationRequired ?? null,
    rejections: (s?.rejections ?? []).map((x) => ({ ...x, level: (REJECTION_LEVELS[x.level ?? ''] as RejectionLevel | undefined) ?? null })),
    benefits: (s?.benefits ?? []).map((b) => ({ ...b, amount: b.amountCents, placeholderAmount: b.placeholderAmount ?? false })),
    requestedAt: r.requestedAt,
    respondedAt: r.respondedAt,
    raw270: r.raw270,
    raw271: r.raw271,
  };
}
