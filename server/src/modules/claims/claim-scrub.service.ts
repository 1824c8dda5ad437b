import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { notFound } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { presentClaim, wrongClaimStatus } from './claim-present.js';
import { runEdits } from './claim-scrub.js';
import { loadScrubContext } from './claim-scrub.context.js';
import { ClaimStatus } from './claim-status.js';
import { moveLockedClaims } from './claim-transition.service.js';
import * as repo from './claim.repo.js';
import type { Claim } from './claim.type.js';

/**
 * Scrubs a DRAFT or READY claim: runs every edit, stores the result with the claim, and moves it to
 * READY when no ERROR was found (back to DRAFT when a READY claim no longer passes).
 * @returns the claim with its lastScrub
 * @throws NOT_FOUND, BAD_USER_INPUT (any other status: a REJECTED claim is corrected with updateClaim first)
 */
export async function scrubClaim(db: Db, principal: Principal, audit: AuditTrail, id: string, now: Date = new Date()): Promise<Claim> {
  const practiceId = principal.practiceId;
  const row = await db.transaction(async (tx) => {
    const [cur] = await repo.lockClaims(tx, practiceId, [id]);
    if (!cur) throw notFound('Claim', id);
    if (cur.status !== ClaimStatus.DRAFT && cur.status !== ClaimStatus.READY) throw wrongClaimStatus(cur.id, cur.status, 'scrubbed; only DRAFT and READY claims are');
    const ctx = await loadScrubContext(tx, practiceId, cur, now.toISOString().slice(0, 10));
    const result = runEdits(ctx, cur.revision, now);
    const to = result.clean ? ClaimStatus.READY : ClaimStatus.DRAFT;
    const errors = result.findings.filter((f) => f.severity === 'ERROR').map((f) => f.code);
    const [updated] =
      to === cur.status
        ? await repo.updateClaims(tx, practiceId, [cur.id], { lastScrub: result })
        : await moveLockedClaims(tx, practiceId, [cur], { to, source: 'SCRUB', by: principal.userId, reason: result.clean ? 'scrubbed clean' : `scrub found ${[...new Set(errors)].join(', ')}`, patch: { lastScrub: result } });
    await audit.write(tx, 'UPDATE', 'Claim', cur.id, cur.patientId);
    return updated!;
  });
  return presentClaim(audit, row);
}
