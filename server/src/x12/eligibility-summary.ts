import type { Benefit, Parsed271 } from './x12-271.js';
import { REJECT_REASONS, TRANSIENT_REJECTS } from './x12-codes.js';

export type EligibilityOutcome = 'ELIGIBLE' | 'NOT_ELIGIBLE' | 'UNKNOWN';

export interface Accumulator {
  totalCents: number | null;
  remainingCents: number | null;
}

/** The normalised answer the office acts on; stored as JSON beside the raw 271. */
export interface EligibilitySummary {
  planName: string | null;
  planBeginDate: string | null;
  planEndDate: string | null;
  inNetwork: boolean | null;
  copayCents: number | null;
  /** Patient's share as a fraction (0.2 = 20 %). */
  coinsurance: number | null;
  deductible: { individual: Accumulator; family: Accumulator };
  outOfPocket: { individual: Accumulator; family: Accumulator };
  priorAuthorizationRequired: boolean | null;
  rejections: { code: string; description: string; followUp: string | null; level: string | null }[];
  benefits: Benefit[];
}

export interface EligibilityVerdict {
  outcome: EligibilityOutcome;
  /** Machine-readable reason (+ codes) for anything but a plain ELIGIBLE; never PHI. */
  reason: string | null;
  summary: EligibilitySummary;
}

const ACTIVE = new Set(['1', '2', '3', '4', '5']);
const INACTIVE = new Set(['6', '7', '8']);
const TOTAL_PERIODS = new Set(['21', '22', '23', '25', '32']);

function accumulator(benefits: Benefit[], level: string): Accumulator {
  const at = benefits.filter((b) => (b.coverageLevel ?? 'IND') === level && b.amountCents !== null);
  return {
    totalCents: at.find((b) => b.timePeriod === null || TOTAL_PERIODS.has(b.timePeriod))?.amountCents ?? null,
    remainingCents: at.find((b) => b.timePeriod === '29')?.amountCents ?? null,
  };
}

/** In-network benefits first (Y, W or unstated), then out-of-network ones, so `find` prefers in-network. */
const networkFirst = (bs: Benefit[]) => [...bs.filter((b) => b.inNetwork !== 'N'), ...bs.filter((b) => b.inNetwork === 'N')];

function planDate(dates: Record<string, string>, single: string[], range: string[], end: boolean): string | null {
  for (const q of single) if (dates[q] && !dates[q]!.includes('/')) return dates[q]!;
  for (const q of range) if (dates[q]?.includes('/')) return dates[q]!.split('/')[end ? 1 : 0]!;
  return null;
}

/**
 * Decides ELIGIBLE / NOT_ELIGIBLE / UNKNOWN from a parsed 271 and extracts the amounts the front desk
 * needs, for the requested service types (or the plan-level code 30).
 * @param expectedTrace - our TRN02; a 271 answering another inquiry is UNKNOWN
 */
export function summarize271(parsed: Parsed271, request: { serviceTypeCodes: string[]; dateOfService: string; expectedTrace?: string }): EligibilityVerdict {
  const wanted = new Set([...request.serviceTypeCodes, '30']);
  const relevant = networkFirst(parsed.benefits.filter((b) => b.serviceTypeCodes.length === 0 || b.serviceTypeCodes.some((c) => wanted.has(c))));
  const dates = { ...parsed.planDates, ...Object.assign({}, ...relevant.filter((b) => ACTIVE.has(b.code) || INACTIVE.has(b.code)).map((b) => b.dates)) };
  const of = (code: string) => relevant.filter((b) => b.code === code);
  const statusBenefit = relevant.find((b) => ACTIVE.has(b.code) || INACTIVE.has(b.code));
  const network = relevant.map((b) => b.inNetwork).filter((v) => v && v !== 'U');
  const auth = relevant.map((b) => b.authorizationRequired).filter((v) => v === 'Y' || v === 'N');
  const summary: EligibilitySummary = {
    planName: relevant.find((b) => b.planDescription)?.planDescription ?? null,
    planBeginDate: planDate(dates, ['346', '356', '291', '307'], ['291', '307', '346'], false),
    planEndDate: planDate(dates, ['347', '357'], ['291', '307', '347'], true),
    inNetwork: network.length === 0 ? null : network.some((v) => v === 'Y' || v === 'W'),
    copayCents: of('B').find((b) => b.amountCents !== null)?.amountCents ?? null,
    coinsurance: of('A').find((b) => b.percent !== null)?.percent ?? null,
    deductible: { individual: accumulator(of('C'), 'IND'), family: accumulator(of('C'), 'FAM') },
    outOfPocket: { individual: accumulator(of('G'), 'IND'), family: accumulator(of('G'), 'FAM') },
    priorAuthorizationRequired: auth.length === 0 ? null : auth.includes('Y'),
    rejections: parsed.rejections.map((r) => ({ code: r.code, description: REJECT_REASONS[r.code] ?? 'Unrecognised reject reason', followUp: r.followUp, level: r.level })),
    benefits: parsed.benefits,
  };
  const verdict = (outcome: EligibilityOutcome, reason: string | null): EligibilityVerdict => ({ outcome, reason, summary });
  if (request.expectedTrace && parsed.traceNumbers.length > 0 && !parsed.traceNumbers.includes(request.expectedTrace)) {
    return verdict('UNKNOWN', 'TRACE_MISMATCH: the 271 answers another inquiry');
  }
  if (parsed.rejections.length > 0) {
    const codes = parsed.rejections.map((r) => r.code).join(',');
    if (parsed.rejections.some((r) => TRANSIENT_REJECTS.has(r.code))) return verdict('UNKNOWN', `PAYER_UNAVAILABLE: AAA ${codes}`);
    return verdict('NOT_ELIGIBLE', `REJECTED: AAA ${codes}`);
  }
  if (!statusBenefit) {
    if (parsed.benefits.some((b) => b.code === 'V')) return verdict('UNKNOWN', 'PAYER_CANNOT_PROCESS');
    return verdict('UNKNOWN', 'NO_COVERAGE_STATUS: the 271 states no active or inactive coverage');
  }
  if (INACTIVE.has(statusBenefit.code)) return verdict('NOT_ELIGIBLE', `INACTIVE: EB ${statusBenefit.code}`);
  if (summary.planEndDate && request.dateOfService > summary.planEndDate) return verdict('NOT_ELIGIBLE', 'COVERAGE_ENDED: the plan ended before the date of service');
  if (summary.planBeginDate && request.dateOfService < summary.planBeginDate) return verdict('NOT_ELIGIBLE', 'COVERAGE_NOT_STARTED: the plan begins after the date of service');
  return verdict('ELIGIBLE', null);
}
