import type { LiveAdjudication } from '../remittances/remittance-adjudication.repo.js';

/** What an appeal is about: the posted CLP that denied, what it took off, its CARCs and date. */
export interface DeniedPart {
  remittanceClaimId: string;
  deniedCents: number;
  reasonCodes: string[];
  remittanceDate: string;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The denied part of a claim's live adjudication (same rule as `denials`: a line that paid nothing on a
 * positive charge and moved nothing to the patient): one line, or — for the whole claim — every line
 * denied. Pure.
 * @returns the part, or why there is nothing to appeal
 */
export function deniedPart(a: LiveAdjudication, position: number | null): DeniedPart | { problem: string } {
  const prOf = (lineId: string) => sum(a.adjustments.filter((x) => x.lineId === lineId && x.group === 'PR').map((x) => x.amountCents));
  const denied = a.lines.filter((l) => l.chargeCents > 0 && l.paidCents === 0 && prOf(l.id) <= 0);
  const lines = position === null ? denied : denied.filter((l) => l.position === position);
  if (position === null && (denied.length === 0 || denied.length !== a.lines.length || a.paidCents !== 0)) return { problem: 'the claim was not denied as a whole; appeal its denied lines one by one (claimLinePosition)' };
  if (position !== null && lines.length === 0) return { problem: `line ${position} of the claim was not denied` };
  const ids = new Set(lines.map((l) => l.id));
  const taken = a.adjustments.filter((x) => x.group !== 'PR' && (ids.has(x.lineId ?? '') || (position === null && x.lineId === null)));
  return { remittanceClaimId: a.remittanceClaimId, deniedCents: sum(taken.map((x) => x.amountCents)), reasonCodes: [...new Set(taken.map((x) => x.reason))], remittanceDate: a.adjudicationDate };
}
