import type { Db } from '../../db/client.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { AppealStatus } from './appeal-status.js';
import { findSubmittedAppealsOf, insertAppealHistory, updateAppeal } from './appeal.repo.js';

/**
 * After a remittance posted: a SUBMITTED appeal of a claim the payer now paid (re-adjudicated after the
 * appeal) is WON, paid by that remittance, with a SYSTEM history entry.
 * @param paidClaimIds - claims the remittance posted a payment to
 * @returns how many appeals were settled
 */
export async function settleAppealsAfterPosting(tx: Db, practiceId: string, audit: AuditTrail, paidClaimIds: readonly string[], remittanceId: string): Promise<number> {
  if (paidClaimIds.length === 0) return 0;
  const open = await findSubmittedAppealsOf(tx, practiceId, paidClaimIds);
  for (const a of open) {
    await updateAppeal(tx, practiceId, a.id, { status: AppealStatus.WON, decidedAt: new Date(), outcomeRemittanceId: remittanceId });
    await insertAppealHistory(tx, practiceId, [{ appealId: a.id, fromStatus: a.status, toStatus: AppealStatus.WON, note: `paid in remittance ${remittanceId}`, changedBy: 'SYSTEM' }]);
    await audit.write(tx, 'UPDATE', 'Appeal', a.id, a.patientId);
  }
  return open.length;
}
