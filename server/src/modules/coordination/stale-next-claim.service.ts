import type { Db } from '../../db/client.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { ClaimStatus } from '../claims/claim-status.js';
import type { ClaimRow } from '../claims/claim.repo.js';
import { moveLockedClaims } from '../claims/claim-transition.service.js';
import { ensureTasks, type TaskSpec } from '../tasks/task-create.js';
import { lockLiveNextClaimsOf } from './secondary-claim.repo.js';

/** Not yet sent to the payer: a stale claim of these statuses is voided and made again. */
const UNSENT = new Set<string>([ClaimStatus.DRAFT, ClaimStatus.READY]);

/** The source key of the task asking to correct a sent claim whose prior payer re-adjudicated (once per claim and remittance). */
export const staleNextClaimTaskKey = (claimId: string, remittanceId: string) => `claim:${claimId}:prior-payer-readjudicated:${remittanceId}`;

/**
 * After a remittance reversed claims (CLP02 22, usually followed by a corrected adjudication): a claim to
 * the next payer made from the reversed adjudication carries stale amounts (2320/2430). One not yet sent
 * (DRAFT or READY) is voided here, by SYSTEM with the remittance as reference, so that the after-posting
 * step makes it again from the new adjudication (when the claim was re-adjudicated in the same file and
 * still leaves the patient a share; a reversal alone leaves nothing to bill). One already sent cannot be
 * taken back: a HIGH task in the BILLER queue, about that claim, asks for a replacement (frequency 7) or a
 * void — once per claim and remittance. Call before createNextPayerClaimsAfterPosting; no statement when
 * the file reversed nothing.
 * @param reversedClaimIds - the claims this remittance reversed
 * @returns the claims voided and the sent claims flagged
 */
export async function settleStaleNextPayerClaims(tx: Db, practiceId: string, by: string, audit: AuditTrail, reversedClaimIds: readonly string[], remittanceId: string): Promise<{ voided: ClaimRow[]; flagged: ClaimRow[] }> {
  if (reversedClaimIds.length === 0) return { voided: [], flagged: [] };
  const stale = await lockLiveNextClaimsOf(tx, practiceId, reversedClaimIds);
  const unsent = stale.filter((c) => UNSENT.has(c.status));
  const sent = stale.filter((c) => !UNSENT.has(c.status));
  const voided = unsent.length === 0 ? [] : await moveLockedClaims(tx, practiceId, unsent, {
    to: ClaimStatus.VOIDED, source: 'REMITTANCE', by, reference: remittanceId,
    reason: `the prior payer's adjudication was reversed in remittance ${remittanceId}; rebuilt from the new adjudication`,
  });
  if (sent.length > 0) {
    const due = new Date().toISOString().slice(0, 10);
    const specs = sent.map((c): TaskSpec => ({
      sourceKey: staleNextClaimTaskKey(c.id, remittanceId), title: 'Prior payer re-adjudicated a sent claim: send a replacement or void it',
      description: `claim ${c.id} (${c.status}) carries the adjudication of claim ${c.priorPayerClaimId} that remittance ${remittanceId} reversed`,
      patientId: c.patientId, about: { type: 'CLAIM', id: c.id }, queueRole: 'BILLER', priority: 'HIGH', dueDate: due,
    }));
    await ensureTasks(tx, practiceId, by, specs);
  }
  if (voided.length > 0) await audit.writeAll(tx, 'UPDATE', voided.map((c) => ({ entityType: 'Claim', entityId: c.id, patientId: c.patientId })));
  return { voided, flagged: sent };
}
