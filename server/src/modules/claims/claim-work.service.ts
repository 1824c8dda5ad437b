import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { notFound } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { presentClaim } from './claim-present.js';
import { toNote } from './claim.mapper.js';
import type { AddClaimNoteInput, AssignClaimInput, SetClaimFollowUpInput } from './claim.inputs.js';
import * as repo from './claim.repo.js';
import type { ClaimNotePayload, ClaimPayload } from './claim.type.js';

/** Changes the work-queue columns of one claim (any status). @throws NOT_FOUND */
async function patchWork(db: Db, principal: Principal, audit: AuditTrail, id: string, patch: repo.ClaimPatch): Promise<ClaimPayload> {
  const row = await db.transaction(async (tx) => {
    const [cur] = await repo.lockClaims(tx, principal.practiceId, [id]);
    if (!cur) throw notFound('Claim', id);
    const [updated] = await repo.updateClaims(tx, principal.practiceId, [cur.id], patch);
    await audit.write(tx, 'UPDATE', 'Claim', cur.id, cur.patientId);
    return updated!;
  });
  return { claim: presentClaim(audit, row) };
}

/** Assigns a claim to a user (null unassigns it). @throws NOT_FOUND */
export const assignClaim = (db: Db, principal: Principal, audit: AuditTrail, input: AssignClaimInput) => patchWork(db, principal, audit, input.id, { assigneeId: input.assigneeId?.trim() || null });

/** Sets (or clears) when to look at a claim again. @throws NOT_FOUND */
export const setFollowUpDate = (db: Db, principal: Principal, audit: AuditTrail, input: SetClaimFollowUpInput) => patchWork(db, principal, audit, input.id, { nextFollowUpOn: input.date ?? null });

/** Adds a note to a claim (the author is the caller). @throws NOT_FOUND */
export async function addClaimNote(db: Db, principal: Principal, audit: AuditTrail, input: AddClaimNoteInput): Promise<ClaimNotePayload> {
  const { claim, note } = await db.transaction(async (tx) => {
    const [claim] = await repo.findClaimsByIds(tx, principal.practiceId, [input.id]);
    if (!claim) throw notFound('Claim', input.id);
    const note = await repo.insertNote(tx, principal.practiceId, claim.id, input.body.trim(), principal.userId);
    await audit.write(tx, 'UPDATE', 'Claim', claim.id, claim.patientId);
    return { claim, note };
  });
  return { claim: presentClaim(audit, claim), note: toNote(note) };
}
