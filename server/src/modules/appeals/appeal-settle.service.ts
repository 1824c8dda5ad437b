import type { Db } from '../../db/client.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { AppealStatus } from './appeal-status.js';
import { findSubmittedAppealsOf, insertAppealHistory, updateAppeal } from './appeal.repo.js';

/** What a remittance paid on one claim: the claim line positions with a payment, or every line (a CLP paid without SVC lines). */
export interface PaidClaim {
  claimId: string;
  paidPositions: readonly number[] | 'ALL';
}

/** Whether the payment answers the appeal: a whole-claim appeal by any payment, a line's appeal only by a payment on that line. */
export function paymentWinsAppeal(paid: PaidClaim, claimLinePosition: number | null): boolean {
  if (paid.paidPositions === 'ALL') return true;
  return claimLinePosition === null ? paid.paidPositions.length > 0 : paid.paidPositions.includes(claimLinePosition);
}

/**
 * After a remittance posted: a SUBMITTED appeal the payer now paid (re-adjudicated after the appeal) is
 * WON, paid by that remittance, with a SYSTEM history entry. An appeal of one line is won only when that
 * line was paid; a re-adjudication paying other lines of the claim leaves it SUBMITTED.
 * @param paid - per claim the remittance posted a payment to, the lines it paid
 * @returns how many appeals were settled
 */
export async function settleAppealsAfterPosting(tx: Db, practiceId: string, audit: AuditTrail, paid: readonly PaidClaim[], remittanceId: string): Promise<number> {
  if (paid.length === 0) return 0;
  const byClaim = new Map(paid.map((p) => [p.claimId, p]));
  const won = (await findSubmittedAppealsOf(tx, practiceId, [...byClaim.keys()])).filter((a) => paymentWinsAppeal(byClaim.get(a.claimId)!, a.claimLinePosition));
  for (const a of won) {
    await updateAppeal(tx, practiceId, a.id, { status: AppealStatus.WON, decidedAt: new Date(), outcomeRemittanceId: remittanceId });
    await insertAppealHistory(tx, practiceId, [{ appealId: a.id, fromStatus: a.status, toStatus: AppealStatus.WON, note: `paid in remittance ${remittanceId}`, changedBy: 'SYSTEM' }]);
    await audit.write(tx, 'UPDATE', 'Appeal', a.id, a.patientId);
  }
  return won.length;
}
