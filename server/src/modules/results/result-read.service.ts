import type { Db } from '../../db/client.js';
import type { LabResultRow } from '../../db/schema/results.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findAboutRecord } from '../tasks/task-about.repo.js';
import { TaskAboutType } from '../tasks/task.type.js';
import * as repo from './result.repo.js';

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

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The cursor's keys are what this connection issues: [instant, (revision,) id]. @throws BAD_USER_INPUT */
function checkCursor(page: PageRequest, withRevision: boolean): void {
  const c = page.cursor;
  if (!c) return;
  const ok = c.length === (withRevision ? 3 : 2) && typeof c[0] === 'string' && INSTANT.test(c[0]) && !Number.isNaN(Date.parse(c[0])) && (!withRevision || Number.isInteger(c[1])) && isUuid(c[c.length - 1]);
  if (!ok) throw badInput([{ path: page.forward ? 'after' : 'before', message: 'is not a cursor issued by this connection' }]);
}

/**
 * A page of a patient's results, newest first (current versions, or all with includeHistory), keyset-paged;
 * 1 statement for the patient, 1 for the page, 1 more with totalCount. Another practice's patient is NOT_FOUND. Audited.
 * @throws NOT_FOUND, BAD_USER_INPUT (a cursor this connection did not issue)
 */
export async function listPatientResults<T>(db: Db, principal: Principal, audit: AuditTrail, patientId: string, includeHistory: boolean, page: PageRequest, withCount: boolean, map: (row: LabResultRow) => T): Promise<ConnectionShape<T>> {
  checkCursor(page, true);
  if (!(await findAboutRecord(db, principal.practiceId, TaskAboutType.PATIENT, patientId))) throw notFound('Patient', patientId);
  const p = principal.practiceId;
  const [rows, total] = await Promise.all([repo.findPatientResultPage(db, p, patientId, includeHistory, page.limit, page.cursor, page.forward), withCount ? repo.countPatientResults(db, p, patientId, includeHistory) : Promise.resolve(null)]);
  return toConnection(rows, page, (r) => [r.receivedKey, r.revision, r.id], (r) => map(audited(audit, [r])[0]!), total);
}

/**
 * A page of the results waiting for a patient match, oldest first, keyset-paged; 1 statement, 1 more with
 * totalCount. Audited.
 * @throws BAD_USER_INPUT (a cursor this connection did not issue)
 */
export async function listUnmatched<T>(db: Db, principal: Principal, audit: AuditTrail, page: PageRequest, withCount: boolean, map: (row: LabResultRow) => T): Promise<ConnectionShape<T>> {
  checkCursor(page, false);
  const p = principal.practiceId;
  const [rows, total] = await Promise.all([repo.findUnmatchedPage(db, p, page.limit, page.cursor, page.forward), withCount ? repo.countUnmatched(db, p) : Promise.resolve(null)]);
  return toConnection(rows, page, (r) => [r.receivedKey, r.id], (r) => map(audited(audit, [r])[0]!), total);
}
