import { isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { labResults, type LabResultRow } from '../../db/schema/results.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { advanceOrdersForResults } from '../orders/order-result.repo.js';
import { closeLoopTasksOf } from '../tasks/loop-tasks.js';
import { findAboutRecord } from '../tasks/task-about.repo.js';
import { ensureTasks } from '../tasks/task-create.js';
import { TaskAboutType } from '../tasks/task.type.js';
import * as repo from './result.repo.js';
import { resultTaskSpecs } from './result-tasks.js';

async function load(db: Db, principal: Principal, id: string, expectedVersion: number): Promise<LabResultRow> {
  const [row] = isUuid(id) ? await repo.findResultsByIds(db, principal.practiceId, [id]) : [];
  if (!row) throw notFound('LabResult', id);
  if (row.version !== expectedVersion) throw versionConflict('LabResult', id, expectedVersion, row.version);
  return row;
}

/**
 * Records that a clinician reviewed a result (who, when): closes its review task, and moves a linked order
 * from RESULTED to REVIEWED. Only a matched result can be reviewed; reviewing twice is refused.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (unmatched, already reviewed)
 */
export async function reviewResult(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number): Promise<LabResultRow> {
  const p = principal.practiceId;
  const before = await load(db, principal, id, expectedVersion);
  if (!before.patientId) throw badInput([{ path: 'id', message: 'is not matched to a patient yet (matchResult first)' }]);
  if (before.reviewedAt) throw badInput([{ path: 'id', message: 'was already reviewed' }]);
  const out = await db.transaction(async (tx) => {
    const row = await repo.updateResultIf(tx, p, id, expectedVersion, { reviewedBy: principal.userId, reviewedAt: new Date() }, [isNull(labResults.reviewedAt)]);
    if (!row) return null;
    const moved = row.orderId ? await advanceOrdersForResults(tx, p, [row.orderId], ['RESULTED'], 'REVIEWED', principal.userId, null) : [];
    const closed = await closeLoopTasksOf(tx, p, [{ kind: 'result', id: row.id, to: 'REVIEWED' }, ...moved.map((o) => ({ kind: 'order' as const, id: o.id, to: 'REVIEWED' }))], principal.userId);
    await audit.write(tx, 'UPDATE', 'LabResult', row.id, row.patientId);
    return { row, closed };
  });
  if (!out) throw versionConflict('LabResult', id, expectedVersion, expectedVersion + 1);
  return out.row;
}

/**
 * Releases a reviewed result to the patient (portal/summary): who and when. Only after review.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (not reviewed, already released)
 */
export async function releaseResult(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number): Promise<LabResultRow> {
  const before = await load(db, principal, id, expectedVersion);
  if (!before.reviewedAt) throw badInput([{ path: 'id', message: 'must be reviewed by a clinician before release' }]);
  if (before.releasedAt) throw badInput([{ path: 'id', message: 'was already released' }]);
  const row = await db.transaction(async (tx) => {
    const r = await repo.updateResultIf(tx, principal.practiceId, id, expectedVersion, { releasedBy: principal.userId, releasedAt: new Date() }, [isNotNull(labResults.reviewedAt), isNull(labResults.releasedAt)]);
    if (r) await audit.write(tx, 'UPDATE', 'LabResult', r.id, r.patientId);
    return r;
  });
  if (!row) throw versionConflict('LabResult', id, expectedVersion, expectedVersion + 1);
  return row;
}

/**
 * Matches a result from the unmatched queue to a patient (staff decided): opens its review task when it is
 * abnormal. A result already matched is refused.
 * @throws NOT_FOUND (result, patient), VERSION_CONFLICT, BAD_USER_INPUT (already matched)
 */
export async function matchResult(db: Db, principal: Principal, audit: AuditTrail, id: string, patientId: string, expectedVersion: number): Promise<LabResultRow> {
  const p = principal.practiceId;
  const before = await load(db, principal, id, expectedVersion);
  if (before.patientId) throw badInput([{ path: 'id', message: 'is already matched to a patient' }]);
  if (!(await findAboutRecord(db, p, TaskAboutType.PATIENT, patientId))) throw notFound('Patient', patientId);
  const out = await db.transaction(async (tx) => {
    const row = await repo.updateResultIf(tx, p, id, expectedVersion, { patientId, matchedBy: 'STAFF', matchedAt: new Date(), matchedByUser: principal.userId }, [isNull(labResults.patientId)]);
    if (!row) return null;
    const { created } = await ensureTasks(tx, p, principal.userId, resultTaskSpecs(row));
    await audit.write(tx, 'UPDATE', 'LabResult', row.id, row.patientId);
    return { row, created };
  });
  if (!out) throw versionConflict('LabResult', id, expectedVersion, expectedVersion + 1);
  return out.row;
}
