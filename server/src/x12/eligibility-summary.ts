import type { Benefit, Parsed271, Rejection } from './x12-271.js';
import { REJECT_REASONS, TRANSIENT_REJECTS } from './x12-codes.js';

export type EligibilityOutcome = 'ELIGIBLE' | 'NOT_ELIGIBLE' | 'UNKNOWN';

export interface Accumulator {
  totalCents: number | null;
  remainingCents: number | null;
}

/** The amounts of one network tier, each with the service type (EB03) it was read from. */
export interface NetworkFigures {
  copayCents: number | null;
  copayServiceType: string | null;
  /** Patient's share as a fraction (0.2 = 20 %). */
  coinsurance: number | null;
  coinsuranceServiceType: string | null;
  deductible: { individual: Accumulator; family: Accumulator };
  outOfPocket: { individual: Accumulator; family: Accumulator };
}

/** HL level of an AAA: 20 information source (payer), 21 receiver (provider), 22 subscriber, 23 dependent. */
export const REJECTION_LEVELS: Readonly<Record<string, string>> = { '20': 'SOURCE', '21': 'RECEIVER', '22': 'SUBSCRIBER', '23': 'DEPENDENT' };

/**
 * The normalised answer the office acts on; stored as JSON beside the raw 271. The top-level amounts
 * are the in-network tier (EB12 Y, W or unstated); `outOfNetwork` holds the EB12 N and W figures.
 */
export interface EligibilitySummary extends NetworkFigures {
  planName: string | null;
  planBeginDate: string | null;
  planEndDate: string | null;
  /** Network status as the 271 states it: true when its benefits are in-network only, false when out-of-network only, else null. */
  inNetwork: boolean | null;
  outOfNetwork?: NetworkFigures;
  priorAuthorizationRequired: boolean | null;
  rejections: { code: string; description: string; followUp: string | null; level: string | null }[];
  benefits: Benefit[];
  /** Envelope problems of the 271 (counts, control numbers), reported rather than ignored. */
  envelopeProblems?: string[];
}

export interface EligibilityVerdict {
  outcome: EligibilityOutcome;
  /** Machine-readable reason (+ codes) for anything but a plain ELIGIBLE; never PHI. */
  reason: string | null;
  /** Null when the 271 is not an answer to our inquiry (trace mismatch): nothing of it is kept but the raw text. */
  summary: EligibilitySummary | null;
}

const ACTIVE = new Set(['1', '2', '3', '4', '5']);
const INACTIVE = new Set(['6', '7', '8']);
const TOTAL_PERIODS = new Set(['21', '22', '23', '25', '32']);
/** The office-visit service type (Professional (Physician) Visit - Office), the default visit kind. */
export const OFFICE_VISIT_SERVICE_TYPE = '98';

function accumulator(benefits: Benefit[], level: string): Accumulator {
  const at = benefits.filter((b) => (b.coverageLevel ?? 'IND') === level && b.amountCents !== null);
  return {
    totalCents: at.find((b) => b.timePeriod === null || TOTAL_PERIODS.has(b.timePeriod))?.amountCents ?? null,
    remainingCents: at.find((b) => b.timePeriod === '29')?.amountCents ?? null,
  };
}

/** The first benefit with a value, searching service types in priority order (then benefits naming none). */
function byServiceType(benefits: Benefit[], priority: string[], has: (b: Benefit) => boolean): { benefit: Benefit; serviceType: string | null } | null {
  for (const code of priority) {
    const b = benefits.find((x) => x.serviceTypeCodes.includes(code) && has(x));
    if (b) return { benefit: b, serviceType: code };
  }
  const b = benefits.find((x) => x.serviceTypeCodes.length === 0 && has(x));
  return b ? { benefit: b, serviceType: null } : null;
}

function figures(tier: Benefit[], priority: string[]): NetworkFigures {
  const of = (code: string) => tier.filter((b) => b.code === code);
  const copay = byServiceType(of('B'), priority, (b) => b.amountCents !== null);
  const coins = byServiceType(of('A'), priority, (b) => b.percent !== null);
  return {
    copayCents: copay?.benefit.amountCents ?? null,
    copayServiceType: copay?.serviceType ?? null,
    coinsurance: coins?.benefit.percent ?? null,
    coinsuranceServiceType: coins?.serviceType ?? null,
    deductible: { individual: accumulator(of('C'), 'IND'), family: accumulator(of('C'), 'FAM') },
    outOfPocket: { individual: accumulator(of('G'), 'IND'), family: accumulator(of('G'), 'FAM') },
  };
}

function planDate(dates: Record<string, string>, single: string[], range: string[], end: boolean): string | null {
  for (const q of single) if (dates[q] && !dates[q]!.includes('/')) return dates[q]!;
  for (const q of range) if (dates[q]?.includes('/')) return dates[q]!.split('/')[end ? 1 : 0]!;
  return null;
}

function networkStatus(benefits: Benefit[]): boolean | null {
  const stated = new Set(benefits.map((b) => b.inNetwork).filter((v) => v === 'Y' || v === 'N'));
  return stated.size === 1 ? stated.has('Y') : null;
}

function rejectionVerdict(rejections: Rejection[]): { outcome: EligibilityOutcome; reason: string } | null {
  if (rejections.length === 0) return null;
  const codes = rejections.map((r) => r.code).join(',');
  if (rejections.some((r) => TRANSIENT_REJECTS.has(r.code))) return { outcome: 'UNKNOWN', reason: `PAYER_UNAVAILABLE: AAA ${codes}` };
  const about = rejections.filter((r) => r.level === '22' || r.level === '23');
  // A rejection of the payer or provider level (e.g. provider ineligible for inquiries) says nothing about the patient.
  if (about.length === 0) {
    const level = REJECTION_LEVELS[rejections[0]!.level ?? ''] ?? 'SOURCE';
    return { outcome: 'UNKNOWN', reason: `${level}_REJECTED: AAA ${codes}` };
  }
  return { outcome: 'NOT_ELIGIBLE', reason: `REJECTED: AAA ${about.map((r) => r.code).join(',')}` };
}

/**
 * Decides ELIGIBLE / NOT_ELIGIBLE / UNKNOWN from a parsed 271 and extracts the amounts the front desk
 * needs. Copay and coinsurance are read for the visit's service type first (payers answer an inquiry
 * for 30 with office-visit copays under 98, urgent care under UC…), then the requested ones, then 30.
 * @param request.visitServiceType - the visit's service type (default 98, office visit)
 * @param request.expectedTrace - our TRN02; a 271 answering another inquiry is UNKNOWN with no summary
 */
export function summarize271(parsed: Parsed271, request: { serviceTypeCodes: string[]; dateOfService: string; expectedTrace?: string; visitServiceType?: string }): EligibilityVerdict {
  if (request.expectedTrace && parsed.traceNumbers.length > 0 && !parsed.traceNumbers.includes(request.expectedTrace)) {
    return { outcome: 'UNKNOWN', reason: 'TRACE_MISMATCH: the 271 answers another inquiry', summary: null };
  }
  const priority = [...new Set([request.visitServiceType ?? OFFICE_VISIT_SERVICE_TYPE, ...request.serviceTypeCodes, '30'])];
  const relevant = parsed.benefits.filter((b) => b.serviceTypeCodes.length === 0 || b.serviceTypeCodes.some((c) => priority.includes(c)));
  const dates = { ...parsed.planDates, ...Object.assign({}, ...relevant.filter((b) => ACTIVE.has(b.code) || INACTIVE.has(b.code)).map((b) => b.dates)) };
  const statusBenefit = relevant.find((b) => ACTIVE.has(b.code) || INACTIVE.has(b.code));
  const auth = relevant.map((b) => b.authorizationRequired).filter((v) => v === 'Y' || v === 'N');
  const summary: EligibilitySummary = {
    planName: relevant.find((b) => b.planDescription)?.planDescription ?? null,
    planBeginDate: planDate(dates, ['346', '356', '291', '307'], ['291', '307', '346'], false),
    planEndDate: planDate(dates, ['347', '357'], ['291', '307', '347'], true),
    inNetwork: networkStatus(relevant),
    ...figures(relevant.filter((b) => b.inNetwork !== 'N'), priority),
    outOfNetwork: figures(relevant.filter((b) => b.inNetwork === 'N' || b.inNetwork === 'W'), priority),
    priorAuthorizationRequired: auth.length === 0 ? null : auth.includes('Y'),
    rejections: parsed.rejections.map((r) => ({ code: r.code, description: REJECT_REASONS[r.code] ?? 'Unrecognised reject reason', followUp: r.followUp, level: r.level })),
    benefits: parsed.benefits,
    envelopeProblems: parsed.envelopeProblems,
  };
  const verdict = (outcome: EligibilityOutcome, reason: string | null): EligibilityVerdict => ({ outcome, reason, summary });
  const rejected = rejectionVerdict(parsed.rejections);
  if (rejected) return verdict(rejected.outcome, rejected.reason);
  if (!statusBenefit) {
    if (parsed.benefits.some((b) => b.code === 'V')) return verdict('UNKNOWN', 'PAYER_CANNOT_PROCESS');
    return verdict('UNKNOWN', 'NO_COVERAGE_STATUS: the 271 states no active or inactive coverage');
  }
  if (INACTIVE.has(statusBenefit.code)) return verdict('NOT_ELIGIBLE', `INACTIVE: EB ${statusBenefit.code}`);
  if (summary.planEndDate && request.dateOfService > summary.planEndDate) return verdict('NOT_ELIGIBLE', 'COVERAGE_ENDED: the plan ended before the date of service');
  if (summary.planBeginDate && request.dateOfService < summary.planBeginDate) return verdict('NOT_ELIGIBLE', 'COVERAGE_NOT_STARTED: the plan begins after the date of service');
  return verdict('ELIGIBLE', null);
}

/** The payer's copay for this visit: the out-of-network figure when the 271 says the provider is out of network, else the in-network one. */
export function copayToCollect(summary: EligibilitySummary): number | null {
  return summary.inNetwork === false ? (summary.outOfNetwork?.copayCents ?? null) : summary.copayCents;
}
