import type { Db } from '../../db/client.js';
import type { LabResultRow } from '../../db/schema/results.js';
import type { Principal } from '../../graphql/auth.js';
import { notFound } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findAboutRecord } from '../tasks/task-about.repo.js';
import { TaskAboutType } from '../tasks/task.type.js';
import * as repo from './result.repo.js';

/** The most results one list returns. */
export const MAX_RESULTS = 200;

const audited = (audit: AuditTrail, rows: LabResultRow[]) => {
  for (const r of rows) audit.read('LabResult', r.id, r.patientId);
  return rows;
};

/** One result (any version). Another practice's is NOT_FOUND. Audited. */
export async function findResult(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<LabResultRow> {
  const [row] = isUuid(id) ? await repo.findResultsByIds(db, principal.practiceId, [id]) : [];
  if (!row) throw notFound('LabResult', id);
  return audited(audit, [row])[0]!;
}

/** A patient's results, newest first (current versions, or all with includeHistory). Another practice's patient is NOT_FOUND. Audited. */
export async function listPatientResults(db: Db, principal: Principal, audit: AuditTrail, patientId: string, includeHistory: boolean, limit: number): Promise<LabResultRow[]> {
  if (!(await findAboutRecord(db, principal.practiceId, TaskAboutType.PATIENT, patientId))) throw notFound('Patient', patientId);
  return audited(audit, await repo.findPatientResults(db, principal.practiceId, patientId, includeHistory, Math.min(Math.max(limit, 1), MAX_RESULTS)));
}

/** Results waiting for a patient match, oldest first. Audited. */
export async function listUnmatched(db: Db, principal: Principal, audit: AuditTrail, limit: number): Promise<LabResultRow[]> {
  return audited(audit, await repo.findUnmatched(db, principal.practiceId, Math.min(Math.max(limit, 1), MAX_RESULTS)));
}
