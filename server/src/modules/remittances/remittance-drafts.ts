import type { Adjustment, RemittanceClaim } from '../../x12/x12-835-types.js';
import type { EntryDraft } from '../ledger/ledger-draft.js';
import { LedgerBucket, LedgerEntryKind } from '../ledger/ledger-kind.js';
import type { ClaimCandidate, UnmatchedReason } from './remittance-match.js';

/** The status an adjudicated claim moves to. */
export type AdjudicatedStatus = 'PAID' | 'PARTIALLY_PAID' | 'DENIED';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const patientPart = (adjs: readonly Adjustment[]) => sum(adjs.filter((a) => a.group === 'PR').map((a) => a.amountCents));

/**
 * What the payer decided: DENIED when CLP02 is 4 or nothing was paid and nothing moved to the patient;
 * PARTIALLY_PAID when some line was denied (nothing paid, nothing to the patient) and others were not;
 * PAID otherwise (paid, or owed by the patient as deductible, coinsurance or copay).
 */
export function adjudicatedStatus(c: RemittanceClaim): AdjudicatedStatus {
  if (c.statusCode === '4') return 'DENIED';
  const toPatient = patientPart(c.adjustments) + sum(c.lines.map((l) => patientPart(l.adjustments)));
  if (c.paidCents === 0 && toPatient === 0) return 'DENIED';
  const denied = (l: RemittanceClaim['lines'][number]) => l.chargeCents > 0 && l.paidCents === 0 && patientPart(l.adjustments) === 0;
  return c.lines.some(denied) ? 'PARTIALLY_PAID' : 'PAID';
}

/** Where entries of a claim go and on which date. */
export interface DraftContext {
  claim: ClaimCandidate;
  remittanceId: string;
  effectiveDate: string;
}

/**
 * The ledger entry of one CAS amount. A positive amount reduced the payment: CO lowers the insurance
 * part (contractual adjustment), PR moves it to the patient part, OA/PI/CR lower the insurance part as
 * other adjustments. A negative amount is the payer giving back part of such an adjustment (a CO or CR
 * correction, a PR amount returned to the insurance part): the same entry with the opposite sign.
 */
function adjustmentDraft(a: Adjustment, base: Omit<EntryDraft, 'kind' | 'bucket' | 'amountCents'>): EntryDraft | null {
  if (a.amountCents === 0) return null;
  const coded = { ...base, groupCode: a.group, reasonCode: a.reason };
  if (a.group === 'CO') return { ...coded, kind: LedgerEntryKind.CONTRACTUAL_ADJUSTMENT, bucket: LedgerBucket.INSURANCE, amountCents: -a.amountCents };
  if (a.group === 'PR') return { ...coded, kind: LedgerEntryKind.PATIENT_RESPONSIBILITY, bucket: LedgerBucket.PATIENT, amountCents: a.amountCents };
  return { ...coded, kind: LedgerEntryKind.OTHER_ADJUSTMENT, bucket: LedgerBucket.INSURANCE, amountCents: -a.amountCents };
}

/**
 * What each SVC's payment entry records, adding up to CLP04 (the money received). Without claim-level
 * CAS that is SVC03 as sent; with it the guide's rule holds (CLP04 = Σ SVC03 − claim-level CAS: the
 * payer took the claim-level amount from the line payments), so the difference is taken from the lines
 * in proportion to their SVC03, the cents left by rounding going to the largest remainders (first line
 * on a tie). Null when the claim has no lines or none was paid: the payment is then posted on no line.
 */
export function paymentsByLine(c: RemittanceClaim): number[] | null {
  const sent = c.lines.map((l) => l.paidCents);
  const total = sum(sent);
  if (c.lines.length === 0 || (total === 0 && c.paidCents !== 0)) return null;
  if (total === c.paidCents) return sent;
  const exact = sent.map((p) => (p * c.paidCents) / total);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  const left = c.paidCents - sum(out);
  for (let k = 0; k < left; k++) out[order[k]!.i]! += 1;
  return out;
}

/**
 * The ledger entries of one adjudicated (not reversed) claim: per matched line the insurance payment,
 * CO as contractual adjustments, PR as transfers to the patient with their CARC, OA/PI/CR as other
 * adjustments (a negative CAS amount gives part of one back, see adjustmentDraft), with the line's and claim's RARC remarks; claim-level CAS (and the payment of a claim
 * sent without lines) on no line.
 * @param positions - the claim line each SVC matched, in SVC order
 * @returns the drafts, or the reason the claim cannot be posted automatically
 */
export function claimDrafts(c: RemittanceClaim, positions: readonly number[], ctx: DraftContext): EntryDraft[] | UnmatchedReason {
  if (c.paidCents < 0 || c.lines.some((l) => l.paidCents < 0)) return 'NEGATIVE_PAYMENT';
  const common = { patientId: ctx.claim.patientId, claimId: ctx.claim.id, remittanceId: ctx.remittanceId, effectiveDate: ctx.effectiveDate };
  const out: EntryDraft[] = [];
  const add = (d: EntryDraft | null) => {
    if (d) out.push(d);
  };
  const paid = (cents: number, position: number | null, remarks: string[]): EntryDraft | null =>
    cents === 0 ? null : { ...common, kind: LedgerEntryKind.INSURANCE_PAYMENT, bucket: LedgerBucket.INSURANCE, amountCents: -cents, payerId: ctx.claim.payerId, claimLinePosition: position, remarkCodes: remarks };
  const linePaid = paymentsByLine(c);
  for (const [i, l] of c.lines.entries()) {
    const position = positions[i]!;
    const remarks = [...l.remarks.map((r) => r.code), ...c.remarkCodes];
    const base = { ...common, claimLinePosition: position, remarkCodes: remarks };
    add(paid(linePaid?.[i] ?? 0, position, remarks));
    for (const a of l.adjustments) add(adjustmentDraft(a, base));
  }
  if (!linePaid) add(paid(c.paidCents, null, c.remarkCodes));
  for (const a of c.adjustments) add(adjustmentDraft(a, { ...common, claimLinePosition: null, remarkCodes: c.remarkCodes }));
  return out;
}
