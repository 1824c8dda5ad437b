import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, notFound, versionConflict } from '../../graphql/errors.js';
import { addDays } from '../../lib/local-time.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { lockClaims } from '../claims/claim.repo.js';
import { findPayersByIds } from '../insurance/payer.repo.js';
import { practiceToday } from '../ledger/ledger-post.service.js';
import { findLiveAdjudications } from '../remittances/remittance-adjudication.repo.js';
import { deniedPart } from './appeal-denial.js';
import { AppealDecision, AppealStatus, canMoveAppeal } from './appeal-status.js';
import type { CreateAppealInput, DecideAppealInput, SubmitAppealInput, WithdrawAppealInput } from './appeal.inputs.js';
import { toAppeal } from './appeal.mapper.js';
import * as repo from './appeal.repo.js';
import type { AppealRow } from './appeal.repo.js';
import type { Appeal, CreateAppealPayload } from './appeal.type.js';

/** Records the read (an appeal is patient data) and maps the row. */
export function presentAppeal(audit: AuditTrail, row: AppealRow): Appeal {
  audit.read('Appeal', row.id, row.patientId);
  return toAppeal(row);
}

const keyReused = (key: string) => new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for a different appeal`);

/** The same request again (a retry), so its key may be reused. */
const sameRequest = (r: AppealRow, i: CreateAppealInput) => r.claimId === i.claimId && r.claimLinePosition === (i.claimLinePosition ?? null) && r.reason === i.reason.trim() && r.letter === i.letter.trim();

/**
 * Opens an appeal (DRAFT) of a denied claim or line: the CLP that denied it, what it took off and its
 * CARCs are read from the claim's live posting; the deadline is the remittance date + the payer's appeal
 * days. One open appeal per line; a retry with the same idempotency key returns the first.
 * @throws NOT_FOUND (claim, also another practice's), BAD_USER_INPUT (nothing denied there, an open
 *   appeal exists), IDEMPOTENCY_KEY_REUSED
 */
export async function createAppeal(db: Db, principal: Principal, audit: AuditTrail, input: CreateAppealInput): Promise<CreateAppealPayload> {
  const practiceId = principal.practiceId;
  const key = input.idempotencyKey ?? null;
  const replay = async (tx: Db) => {
    const found = key ? await repo.findAppealByKey(tx, practiceId, key) : null;
    if (found && !sameRequest(found, input)) throw keyReused(key!);
    return found;
  };
  const { row, replayed } = await db.transaction(async (tx) => {
    const earlier = await replay(tx);
    if (earlier) return { row: earlier, replayed: true };
    const [claim] = await lockClaims(tx, practiceId, [input.claimId]);
    if (!claim) throw notFound('Claim', input.claimId);
    const position = input.claimLinePosition ?? null;
    const path = position === null ? 'input.claimId' : 'input.claimLinePosition';
    const adjudication = (await findLiveAdjudications(tx, practiceId, [claim.id])).get(claim.id);
    if (!adjudication) throw badInput([{ path: 'input.claimId', message: `claim ${claim.id} has no posted remittance: there is no denial to appeal` }]);
    const part = deniedPart(adjudication, position);
    if ('problem' in part) throw badInput([{ path, message: part.problem }]);
    const [payer] = await findPayersByIds(tx, practiceId, [claim.payerId]);
    if (!payer) throw notFound('Claim', claim.id);
    const inserted = await repo.insertAppeal(tx, practiceId, {
      claimId: claim.id, claimLinePosition: position, patientId: claim.patientId, payerId: claim.payerId, remittanceClaimId: part.remittanceClaimId, status: AppealStatus.DRAFT,
      reason: input.reason.trim(), letter: input.letter.trim(), deniedCents: part.deniedCents, reasonCodes: part.reasonCodes, remittanceDate: part.remittanceDate,
      deadline: addDays(part.remittanceDate, payer.appealDays), createdBy: principal.userId, idempotencyKey: key,
    });
    if (!inserted) {
      // A concurrent retry with the same key won, or the line already has an open appeal.
      const again = await replay(tx);
      if (again) return { row: again, replayed: true };
      throw badInput([{ path, message: `claim ${claim.id} already has an open appeal for ${position === null ? 'the claim' : `line ${position}`}` }]);
    }
    await repo.insertAppealHistory(tx, practiceId, [{ appealId: inserted.id, fromStatus: null, toStatus: AppealStatus.DRAFT, note: 'opened', changedBy: principal.userId }]);
    await audit.write(tx, 'CREATE', 'Appeal', inserted.id, inserted.patientId);
    return { row: inserted, replayed: false };
  });
  return { appeal: presentAppeal(audit, row), replayed };
}

/** Moves a locked appeal at a known version, with its history and audit. */
async function move(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number, to: AppealStatus, note: string | null, extra: (tx: Db, cur: AppealRow) => Promise<repo.AppealPatch>): Promise<Appeal> {
  const practiceId = principal.practiceId;
  const row = await db.transaction(async (tx) => {
    const cur = await repo.lockAppeal(tx, practiceId, id);
    if (!cur) throw notFound('Appeal', id);
    if (cur.version !== expectedVersion) throw versionConflict('Appeal', cur.id, expectedVersion, cur.version);
    if (!canMoveAppeal(cur.status as AppealStatus, to)) throw badInput([{ path: 'input.id', message: `appeal ${cur.id} is ${cur.status} and cannot become ${to}` }]);
    const updated = await repo.updateAppeal(tx, practiceId, cur.id, { status: to, ...(await extra(tx, cur)) });
    await repo.insertAppealHistory(tx, practiceId, [{ appealId: cur.id, fromStatus: cur.status, toStatus: to, note, changedBy: principal.userId }]);
    await audit.write(tx, 'UPDATE', 'Appeal', cur.id, cur.patientId);
    return updated;
  });
  return presentAppeal(audit, row);
}

/**
 * Marks a DRAFT appeal as sent to the payer, on or before its deadline (the practice's calendar day).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (not DRAFT; the deadline has passed)
 */
export function submitAppeal(db: Db, principal: Principal, audit: AuditTrail, input: SubmitAppealInput): Promise<Appeal> {
  return move(db, principal, audit, input.id, input.expectedVersion, AppealStatus.SUBMITTED, input.note?.trim() || 'submitted', async (tx, cur) => {
    const today = await practiceToday(tx, principal.practiceId);
    if (today > cur.deadline) throw badInput([{ path: 'input.id', message: `appeal ${cur.id} is past its deadline ${cur.deadline}` }]);
    return { submittedAt: new Date() };
  });
}

/**
 * Records the payer's decision on a SUBMITTED appeal; a won appeal may name the posted remittance that
 * paid it (it must hold a posted CLP for the claim).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (not SUBMITTED; a remittance with a LOST
 *   decision, or one that did not post to the claim)
 */
export function decideAppeal(db: Db, principal: Principal, audit: AuditTrail, input: DecideAppealInput): Promise<Appeal> {
  const to = input.outcome === AppealDecision.WON ? AppealStatus.WON : AppealStatus.LOST;
  return move(db, principal, audit, input.id, input.expectedVersion, to, input.note.trim(), async (tx, cur) => {
    const rid = input.remittanceId ?? null;
    if (rid && to !== AppealStatus.WON) throw badInput([{ path: 'input.remittanceId', message: 'only a won appeal is paid by a remittance' }]);
    if (rid && !(await repo.remittancePostedClaim(tx, principal.practiceId, rid, cur.claimId))) throw badInput([{ path: 'input.remittanceId', message: `remittance ${rid} posted nothing to claim ${cur.claimId}` }]);
    return { decidedAt: new Date(), outcomeRemittanceId: rid };
  });
}

/**
 * Withdraws a DRAFT or SUBMITTED appeal (e.g. a corrected claim resolves the denial).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (already decided or withdrawn)
 */
export function withdrawAppeal(db: Db, principal: Principal, audit: AuditTrail, input: WithdrawAppealInput): Promise<Appeal> {
  return move(db, principal, audit, input.id, input.expectedVersion, AppealStatus.WITHDRAWN, input.reason.trim(), async () => ({ decidedAt: new Date() }));
}
