import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { lockSuperbill } from '../superbills/superbill.repo.js';
import { applyChanges } from './claim-changes.js';
import { insertClaimFromSuperbill } from './claim-create.js';
import { presentClaim, wrongClaimStatus } from './claim-present.js';
import { ClaimStatus, isEditable } from './claim-status.js';
import { moveLockedClaims } from './claim-transition.service.js';
import type { UpdateClaimInput } from './claim.inputs.js';
import * as repo from './claim.repo.js';
import type { ClaimPayload, CreateClaimsPayload } from './claim.type.js';

/**
 * Creates the claim of a FINALIZED superbill to the primary coverage in force on its date of service.
 * Idempotent: a repeated call returns the live claim already made (whatever the superbill's status
 * since). A self-pay visit gets no claim (an empty list, no error).
 * @throws NOT_FOUND (superbill, also another practice's), BAD_USER_INPUT (superbill not FINALIZED)
 */
export async function createClaims(db: Db, principal: Principal, audit: AuditTrail, superbillId: string): Promise<CreateClaimsPayload> {
  const practiceId = principal.practiceId;
  const { rows, existing } = await db.transaction(async (tx) => {
    // The superbill's lock serializes two billers creating its claim at once.
    const sb = await lockSuperbill(tx, practiceId, superbillId);
    if (!sb) throw notFound('Superbill', superbillId);
    const live = (await repo.findClaimsOfSuperbills(tx, practiceId, [sb.id])).filter((c) => c.frequencyCode === '1' && c.status !== ClaimStatus.VOIDED && c.payerResponsibility === 'P');
    if (live.length) return { rows: live, existing: true };
    if (sb.status !== 'FINALIZED') throw badInput([{ path: 'input.superbillId', message: `superbill ${sb.id} is ${sb.status}; only a FINALIZED superbill is billed` }]);
    const row = await insertClaimFromSuperbill(tx, practiceId, sb, principal.userId);
    if (row) await audit.write(tx, 'CREATE', 'Claim', row.id, row.patientId);
    return { rows: row ? [row] : [], existing: false };
  });
  return { claims: rows.map((r) => presentClaim(audit, r)), existing };
}

/**
 * Corrects a DRAFT, READY or REJECTED claim at a known version. A READY claim goes back to DRAFT (its
 * scrub no longer holds); a REJECTED one becomes a DRAFT of the next revision, resubmitted later as the
 * same claim. The last scrub is cleared: scrub again before submitting.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (shape problems with paths; any other status)
 */
export async function updateClaim(db: Db, principal: Principal, audit: AuditTrail, input: UpdateClaimInput): Promise<ClaimPayload> {
  const practiceId = principal.practiceId;
  const row = await db.transaction(async (tx) => {
    const [cur] = await repo.lockClaims(tx, practiceId, [input.id]);
    if (!cur) throw notFound('Claim', input.id);
    if (cur.version !== input.expectedVersion) throw versionConflict('Claim', cur.id, input.expectedVersion, cur.version);
    const status = cur.status as ClaimStatus;
    if (!isEditable(status)) throw wrongClaimStatus(cur.id, cur.status, 'edited; correct an adjudicated claim with replaceClaim or voidClaim');
    const applied = applyChanges(cur.snapshot, input);
    if ('problems' in applied) throw badInput(applied.problems);
    const patch = { snapshot: applied.snapshot, totalChargeCents: applied.snapshot.totalChargeCents, lastScrub: null };
    let updated: repo.ClaimRow;
    if (status === ClaimStatus.DRAFT) [updated] = (await repo.updateClaims(tx, practiceId, [cur.id], patch)) as [repo.ClaimRow];
    else if (status === ClaimStatus.READY) [updated] = (await moveLockedClaims(tx, practiceId, [cur], { to: ClaimStatus.DRAFT, source: 'USER', by: principal.userId, reason: 'edited after a clean scrub', patch })) as [repo.ClaimRow];
    else [updated] = (await moveLockedClaims(tx, practiceId, [cur], { to: ClaimStatus.DRAFT, source: 'USER', by: principal.userId, reason: `corrected after rejection for revision ${cur.revision + 1}`, patch: { ...patch, revision: cur.revision + 1, submittedAt: null, acknowledgedAt: null } })) as [repo.ClaimRow];
    await audit.write(tx, 'UPDATE', 'Claim', cur.id, cur.patientId);
    return updated;
  });
  return { claim: presentClaim(audit, row) };
}
