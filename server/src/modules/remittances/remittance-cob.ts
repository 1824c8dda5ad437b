import type { Adjustment, RemittanceClaim } from '../../x12/x12-835-types.js';
import { patientShareByLine } from '../coordination/secondary-claim.build.js';
import type { EntryDraft } from '../ledger/ledger-draft.js';
import { LedgerBucket, LedgerEntryKind } from '../ledger/ledger-kind.js';
import { claimDrafts, type DraftContext } from './remittance-drafts.js';
import type { UnmatchedReason } from './remittance-match.js';

/** CARC 23: "the impact of prior payer(s) adjudication including payments and/or adjustments". */
const PRIOR_PAYER_IMPACT = '23';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const own = (adjs: readonly Adjustment[]) => adjs.filter((a) => a.reason !== PRIOR_PAYER_IMPACT);

/** Whether a claim went to a secondary or tertiary payer (its entries follow the coordination rules). */
export const isCoordinated = (c: DraftContext['claim']) => (c.snapshot.payerResponsibility ?? 'P') !== 'P';

/**
 * The ledger entries of a secondary (tertiary) payer's adjudication. The service was charged once, on the
 * primary claim, and the earlier payer left a share to the patient: that share moves back to the
 * insurance part, onto this claim's lines (COORDINATION_TRANSFER), and this payer's payment and its own
 * adjustments settle it — its PR moving what it leaves back to the patient. CAS with CARC 23 restate the
 * earlier payers' adjudication (already posted on their claim) and post nothing. The rest must add up
 * to the share taken over: else the claim goes to the unmatched queue (COORDINATION_MISMATCH).
 * @returns the drafts, or why the claim cannot be posted automatically
 */
export function coordinationDrafts(c: RemittanceClaim, positions: readonly number[], ctx: DraftContext): EntryDraft[] | UnmatchedReason {
  const shares = patientShareByLine(ctx.claim.snapshot);
  const ownClaim: RemittanceClaim = { ...c, adjustments: own(c.adjustments), lines: c.lines.map((l) => ({ ...l, adjustments: own(l.adjustments) })) };
  const settled = sum(ownClaim.lines.map((l) => l.paidCents + sum(l.adjustments.map((a) => a.amountCents)))) + sum(ownClaim.adjustments.map((a) => a.amountCents)) + (c.lines.length === 0 ? c.paidCents : 0);
  if (settled !== sum([...shares.values()])) return 'COORDINATION_MISMATCH';
  const transfers: EntryDraft[] = [...shares].filter(([, cents]) => cents > 0).map(([position, cents]) => ({
    kind: LedgerEntryKind.COORDINATION_TRANSFER, patientId: ctx.claim.patientId, bucket: LedgerBucket.INSURANCE, amountCents: cents, effectiveDate: ctx.effectiveDate,
    claimId: ctx.claim.id, claimLinePosition: position === 0 ? null : position, remittanceId: ctx.remittanceId, payerId: ctx.claim.payerId,
  }));
  const rest = claimDrafts(ownClaim, positions, ctx);
  return typeof rest === 'string' ? rest : [...transfers, ...rest];
}
