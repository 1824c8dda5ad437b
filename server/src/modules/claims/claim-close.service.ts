import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { notFound, versionConflict } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { presentClaim, wrongClaimStatus } from './claim-present.js';
import { canMove, ClaimStatus } from './claim-status.js';
import { moveLockedClaims } from './claim-transition.service.js';
import type { CloseClaimInput } from './claim.inputs.js';
import * as repo from './claim.repo.js';
import type { ClaimPayload } from './claim.type.js';

/**
 * Closes an adjudicated claim (PAID, PARTIALLY_PAID or DENIED) when the biller has finished with it —
 * the patient's share billed, a denial written off or not worth appealing. CLOSED is final; a later
 * correction of the payer's decision is a replacement or void claim of a claim still open.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (not adjudicated, or already CLOSED/VOIDED)
 */
export async function closeClaim(db: Db, principal: Principal, audit: AuditTrail, input: CloseClaimInput): Promise<ClaimPayload> {
  const practiceId = principal.practiceId;
  const row = await db.transaction(async (tx) => {
    const [cur] = await repo.lockClaims(tx, practiceId, [input.id]);
    if (!cur) throw notFound('Claim', input.id);
    if (cur.version !== input.expectedVersion) throw versionConflict('Claim', cur.id, input.expectedVersion, cur.version);
    if (!canMove(cur.status as ClaimStatus, ClaimStatus.CLOSED)) throw wrongClaimStatus(cur.id, cur.status, 'closed; only a PAID, PARTIALLY_PAID or DENIED claim is');
    const [closed] = await moveLockedClaims(tx, practiceId, [cur], { to: ClaimStatus.CLOSED, source: 'USER', by: principal.userId, reason: input.reason.trim() });
    await audit.write(tx, 'UPDATE', 'Claim', cur.id, cur.patientId);
    return closed!;
  });
  return { claim: presentClaim(audit, row) };
}
