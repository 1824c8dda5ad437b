import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { guarded, keyReused, payloadOf, wrongStatus } from './superbill-present.js';
import type { CorrectSuperbillInput, FinalizeSuperbillInput, VoidSuperbillInput } from './superbill.inputs.js';
import * as repo from './superbill.repo.js';
import { allows, type SuperbillAction, SuperbillStatus } from './superbill-status.js';
import type { SuperbillPayload } from './superbill.type.js';

/** Locks a superbill at a known version for an action. @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT */
async function lockFor(tx: Db, practiceId: string, id: string, expectedVersion: number, action: SuperbillAction, what: string): Promise<repo.SuperbillRow> {
  const cur = await repo.lockSuperbill(tx, practiceId, id);
  if (!cur) throw notFound('Superbill', id);
  if (cur.version !== expectedVersion) throw versionConflict('Superbill', id, expectedVersion, cur.version);
  if (!allows(cur.status as SuperbillStatus, action)) throw wrongStatus(id, cur.status, what);
  return cur;
}

/**
 * Finalizes a DRAFT (it never changes again). Finalizing a correction marks the superbill it corrects
 * SUPERSEDED (pointing at this one) in the same transaction. Idempotent on `idempotencyKey`.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (not a DRAFT; no diagnosis or no line), IDEMPOTENCY_KEY_REUSED
 */
export async function finalizeSuperbill(db: Db, principal: Principal, audit: AuditTrail, input: FinalizeSuperbillInput, now: Date): Promise<SuperbillPayload> {
  const practiceId = principal.practiceId;
  const replay = async () => {
    const done = input.idempotencyKey ? await repo.findByIdempotencyKey(db, practiceId, 'finalize', input.idempotencyKey) : null;
    if (!done) return null;
    if (done.id !== input.id) throw keyReused(input.idempotencyKey!);
    return payloadOf(db, audit, done, await repo.findLinesOf(db, practiceId, [done.id]));
  };
  const replayed = await replay();
  if (replayed) return replayed;
  return guarded(
    () =>
      db.transaction(async (tx) => {
        const cur = await lockFor(tx, practiceId, input.id, input.expectedVersion, 'FINALIZE', 'finalized');
        const [diagnoses, lines] = await Promise.all([repo.findDiagnosesOf(tx, practiceId, [cur.id]), repo.findLinesOf(tx, practiceId, [cur.id])]);
        const empty = [...(diagnoses.length ? [] : [{ path: 'input.id', message: 'needs at least one diagnosis before it is finalized' }]), ...(lines.length ? [] : [{ path: 'input.id', message: 'needs at least one service line before it is finalized' }])];
        if (empty.length) throw badInput(empty);
        const row = await repo.updateSuperbillIfVersion(tx, practiceId, cur.id, cur.version, { status: SuperbillStatus.FINALIZED, finalizedAt: now, finalizedBy: principal.userId, finalizeIdempotencyKey: input.idempotencyKey ?? null });
        await audit.write(tx, 'UPDATE', 'Superbill', cur.id, cur.patientId);
        if (cur.supersedesId) {
          const old = await repo.lockSuperbill(tx, practiceId, cur.supersedesId);
          // A corrected superbill voided meanwhile stays VOIDED; otherwise it is replaced by this one.
          if (old && allows(old.status as SuperbillStatus, 'SUPERSEDE')) {
            await repo.updateSuperbillIfVersion(tx, practiceId, old.id, old.version, { status: SuperbillStatus.SUPERSEDED, supersededById: cur.id, supersededAt: now });
            await audit.write(tx, 'UPDATE', 'Superbill', old.id, old.patientId);
          }
        }
        return payloadOf(tx, audit, row!, lines);
      }),
    async () => {
      const winner = await replay();
      if (winner) return winner;
      throw keyReused(input.idempotencyKey ?? '');
    },
  );
}

/**
 * Voids a DRAFT or FINALIZED superbill with a reason; it stays readable.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (already voided or superseded)
 */
export async function voidSuperbill(db: Db, principal: Principal, audit: AuditTrail, input: VoidSuperbillInput, now: Date): Promise<SuperbillPayload> {
  const practiceId = principal.practiceId;
  return db.transaction(async (tx) => {
    const cur = await lockFor(tx, practiceId, input.id, input.expectedVersion, 'VOID', 'voided');
    const row = await repo.updateSuperbillIfVersion(tx, practiceId, cur.id, cur.version, { status: SuperbillStatus.VOIDED, voidReason: input.reason.trim(), voidedAt: now, voidedBy: principal.userId });
    await audit.write(tx, 'UPDATE', 'Superbill', cur.id, cur.patientId);
    return { superbill: (await payloadOf(tx, audit, row!, [])).superbill, warnings: [] };
  });
}

/**
 * Starts a correction of a FINALIZED superbill: a new DRAFT with the same encounter and content that
 * supersedes it once finalized. The original is not changed (it stays FINALIZED and readable until then).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (not FINALIZED; a live correction exists)
 */
export async function correctSuperbill(db: Db, principal: Principal, audit: AuditTrail, input: CorrectSuperbillInput): Promise<SuperbillPayload> {
  const practiceId = principal.practiceId;
  return guarded(
    () =>
      db.transaction(async (tx) => {
        const old = await lockFor(tx, practiceId, input.id, input.expectedVersion, 'CORRECT', 'corrected');
        const { id: _id, number: _n, practiceId: _p, createdAt: _c, updatedAt: _u, version: _v, ...copy } = old;
        const created = await repo.insertSuperbill(tx, practiceId, {
          ...copy, status: SuperbillStatus.DRAFT, supersedesId: old.id, supersededById: null, supersededAt: null, finalizedAt: null, finalizedBy: null,
          voidReason: null, voidedAt: null, voidedBy: null, createdBy: principal.userId, idempotencyKey: null, requestHash: null, finalizeIdempotencyKey: null,
        });
        const [diagnoses, lines] = await Promise.all([repo.findDiagnosesOf(tx, practiceId, [old.id]), repo.findLinesOf(tx, practiceId, [old.id])]);
        await repo.replaceContent(tx, practiceId, created.id, diagnoses.map(({ position, code, description }) => ({ position, code, description })), lines.map(({ id: _i, practiceId: _pp, superbillId: _s, createdAt: _cc, updatedAt: _uu, version: _vv, ...l }) => l));
        await audit.write(tx, 'CREATE', 'Superbill', created.id, created.patientId);
        return payloadOf(tx, audit, created, lines);
      }),
    () => {
      throw badInput([{ path: 'input.id', message: `superbill ${input.id} already has a correction in progress` }]);
    },
  );
}
