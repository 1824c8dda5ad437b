import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { applyChanges } from './claim-changes.js';
import { insertCorrectionClaim } from './claim-create.js';
import { presentClaim, wrongClaimStatus } from './claim-present.js';
import { ClaimStatus, isAdjudicated } from './claim-status.js';
import { moveLockedClaims } from './claim-transition.service.js';
import type { ReplaceClaimInput, VoidClaimInput } from './claim.inputs.js';
import * as repo from './claim.repo.js';
import type { ClaimCorrectionPayload } from './claim.type.js';

const OPEN = new Set<string>([ClaimStatus.DRAFT, ClaimStatus.READY, ClaimStatus.SUBMITTED, ClaimStatus.REJECTED]);

/** The original locked, at the expected version, adjudicated with a payer claim number and without an open correction. */
async function correctable(tx: Db, practiceId: string, id: string, expectedVersion: number, what: string): Promise<repo.ClaimRow> {
  const [cur] = await repo.lockClaims(tx, practiceId, [id]);
  if (!cur) throw notFound('Claim', id);
  if (cur.version !== expectedVersion) throw versionConflict('Claim', cur.id, expectedVersion, cur.version);
  if (!isAdjudicated(cur.status as ClaimStatus)) throw wrongClaimStatus(cur.id, cur.status, `${what}; only an ACCEPTED, PAID, PARTIALLY_PAID or DENIED claim is`);
  if (!cur.payerClaimNumber) throw badInput([{ path: 'input.id', message: `claim ${cur.id} has no payer claim number yet; a ${what.split(' ')[0]} claim must carry it` }]);
  const open = (await repo.findCorrectionsOf(tx, practiceId, [cur.id])).find((c) => OPEN.has(c.status));
  if (open) throw badInput([{ path: 'input.id', message: `claim ${cur.id} already has correction ${open.id} in progress (${open.status})` }]);
  return cur;
}

/**
 * Corrects an adjudicated claim with a replacement: a new DRAFT claim, frequency 7, linked to the
 * original and carrying its payer claim number (REF*F8), with the corrections given.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (not adjudicated, no payer claim number, a
 *   correction already open, shape problems)
 */
export async function replaceClaim(db: Db, principal: Principal, audit: AuditTrail, input: ReplaceClaimInput): Promise<ClaimCorrectionPayload> {
  const practiceId = principal.practiceId;
  const { original, correction } = await db.transaction(async (tx) => {
    const original = await correctable(tx, practiceId, input.id, input.expectedVersion, 'replaced');
    const applied = applyChanges(original.snapshot, input);
    if ('problems' in applied) throw badInput(applied.problems);
    const correction = await insertCorrectionClaim(tx, practiceId, original, '7', applied.snapshot, principal.userId, input.reason.trim());
    await audit.write(tx, 'CREATE', 'Claim', correction.id, correction.patientId);
    return { original, correction };
  });
  return { original: presentClaim(audit, original), correction: presentClaim(audit, correction) };
}

/**
 * Voids a claim. One the payer never adjudicated (DRAFT, READY, REJECTED) becomes VOIDED in place; an
 * adjudicated one gets a void claim: a new DRAFT, frequency 8, linked to it with its payer claim number.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (SUBMITTED: wait for the acknowledgment; CLOSED or
 *   VOIDED; adjudicated without a payer claim number or with a correction open)
 */
export async function voidClaim(db: Db, principal: Principal, audit: AuditTrail, input: VoidClaimInput): Promise<ClaimCorrectionPayload> {
  const practiceId = principal.practiceId;
  const reason = input.reason.trim();
  const { original, correction } = await db.transaction(async (tx) => {
    const [cur] = await repo.lockClaims(tx, practiceId, [input.id]);
    if (!cur) throw notFound('Claim', input.id);
    if (cur.version !== input.expectedVersion) throw versionConflict('Claim', cur.id, input.expectedVersion, cur.version);
    if (!isAdjudicated(cur.status as ClaimStatus)) {
      const [voided] = await moveLockedClaims(tx, practiceId, [cur], { to: ClaimStatus.VOIDED, source: 'USER', by: principal.userId, reason });
      await audit.write(tx, 'UPDATE', 'Claim', cur.id, cur.patientId);
      return { original: voided!, correction: null };
    }
    const original = await correctable(tx, practiceId, input.id, input.expectedVersion, 'voided by a void claim');
    const correction = await insertCorrectionClaim(tx, practiceId, original, '8', original.snapshot, principal.userId, reason);
    await audit.write(tx, 'CREATE', 'Claim', correction.id, correction.patientId);
    return { original, correction };
  });
  return { original: presentClaim(audit, original), correction: correction ? presentClaim(audit, correction) : null };
}
