import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, type FieldProblem, notFound, versionConflict } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findDocumentsByIds } from '../documents/document.repo.js';
import { DocumentType } from '../documents/document.type.js';
import { practiceToday } from '../ledger/ledger-post.service.js';
import { findPatientsByIds } from '../patients/patient.repo.js';
import { canMoveRelease, ReleaseStatus } from './release-status.js';
import type { ApproveReleaseRequestInput, CreateReleaseRequestInput, DenyReleaseRequestInput, SendReleaseRequestInput } from './release.inputs.js';
import { toReleaseRequest } from './release.mapper.js';
import * as repo from './release.repo.js';
import type { ReleaseRequest } from './release.type.js';

/** Records the read (a request is patient data) and maps the row. */
export function presentRelease(audit: AuditTrail, row: repo.ReleaseRow): ReleaseRequest {
  audit.read('ReleaseRequest', row.id, row.patientId);
  return toReleaseRequest(row);
}

const clean = (s: string | null | undefined) => s?.trim() || null;

/** The same request again (a retry), so its key may be reused. */
const sameRequest = (r: repo.ReleaseRow, i: CreateReleaseRequestInput) =>
  r.patientId === i.patientId && r.requesterName === i.requesterName.trim() && r.purpose === i.purpose.trim() && r.authorizationDocumentId === i.authorizationDocumentId && r.authorizationExpiresOn === i.authorizationExpiresOn;

/**
 * Records a release-of-information request (REQUESTED) after checking the authorization (a CONSENT
 * document of the patient, not entered in error, not yet expired) and the records asked for (chosen
 * versions of this patient, none entered in error; or types and a date range).
 * @throws NOT_FOUND (patient, authorization document), BAD_USER_INPUT (selection, dates, authorization),
 *   IDEMPOTENCY_KEY_REUSED
 */
export async function createReleaseRequest(db: Db, principal: Principal, audit: AuditTrail, input: CreateReleaseRequestInput): Promise<{ request: ReleaseRequest; replayed: boolean }> {
  const p = principal.practiceId;
  const key = input.idempotencyKey ?? null;
  if (key) {
    const earlier = await repo.findReleaseByKey(db, p, key);
    if (earlier && !sameRequest(earlier, input)) throw new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for a different request`);
    if (earlier) return { request: presentRelease(audit, earlier), replayed: true };
  }
  if (!isUuid(input.patientId) || (await findPatientsByIds(db, p, [input.patientId])).length === 0) throw notFound('Patient', input.patientId);
  const problems: FieldProblem[] = [];
  const chosen = input.documentIds ? [...new Set(input.documentIds)] : null;
  if (chosen && (input.documentTypes || input.fromDate || input.toDate)) problems.push({ path: 'input.documentIds', message: 'names versions: leave documentTypes, fromDate and toDate out' });
  if (input.fromDate && input.toDate && input.fromDate > input.toDate) problems.push({ path: 'input.toDate', message: 'is before fromDate' });
  const today = await practiceToday(db, p);
  if (input.authorizationExpiresOn < today) problems.push({ path: 'input.authorizationExpiresOn', message: `has already passed (today is ${today})` });
  const ids = [input.authorizationDocumentId, ...(chosen ?? [])];
  const docs = new Map((await findDocumentsByIds(db, p, ids.filter(isUuid))).map((d) => [d.id, d]));
  const auth = docs.get(input.authorizationDocumentId);
  if (!auth) throw notFound('Document', input.authorizationDocumentId);
  if (auth.patientId !== input.patientId) problems.push({ path: 'input.authorizationDocumentId', message: "is not a document of this request's patient" });
  else if (auth.type !== DocumentType.CONSENT) problems.push({ path: 'input.authorizationDocumentId', message: 'must be a CONSENT document (the signed authorization)' });
  else if (auth.enteredInErrorAt) problems.push({ path: 'input.authorizationDocumentId', message: 'is entered in error' });
  for (const [i, id] of (chosen ?? []).entries()) {
    const d = docs.get(id);
    if (!d) throw notFound('Document', id);
    if (d.patientId !== input.patientId) problems.push({ path: `input.documentIds.${i}`, message: "is not a document of this request's patient" });
    else if (d.enteredInErrorAt) problems.push({ path: `input.documentIds.${i}`, message: 'is entered in error' });
  }
  if (problems.length > 0) throw badInput(problems);

  const row = await db.transaction(async (tx) => {
    const inserted = await repo.insertRelease(tx, p, {
      patientId: input.patientId,
      requesterName: input.requesterName.trim(),
      requesterOrganization: clean(input.requesterOrganization),
      deliverTo: clean(input.deliverTo),
      purpose: input.purpose.trim(),
      documentTypes: input.documentTypes ? [...new Set(input.documentTypes)] : null,
      fromDate: input.fromDate ?? null,
      toDate: input.toDate ?? null,
      documentIds: chosen,
      authorizationDocumentId: auth.id,
      authorizationExpiresOn: input.authorizationExpiresOn,
      status: ReleaseStatus.REQUESTED,
      requestedBy: principal.userId,
      idempotencyKey: key,
    });
    if (!inserted) return null;
    await repo.insertReleaseHistory(tx, p, { releaseRequestId: inserted.id, fromStatus: null, toStatus: ReleaseStatus.REQUESTED, note: null, changedBy: principal.userId });
    await audit.write(tx, 'CREATE', 'ReleaseRequest', inserted.id, inserted.patientId);
    return inserted;
  });
  if (!row) {
    // A concurrent retry with the same key won.
    const earlier = await repo.findReleaseByKey(db, p, key!);
    if (!earlier || !sameRequest(earlier, input)) throw new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for a different request`);
    return { request: presentRelease(audit, earlier), replayed: true };
  }
  return { request: presentRelease(audit, row), replayed: false };
}

/** Moves a locked request at a known version, with its history and audit. */
async function move(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number, to: ReleaseStatus, note: string | null, extra: (tx: Db, cur: repo.ReleaseRow) => Promise<repo.ReleasePatch>): Promise<ReleaseRequest> {
  const p = principal.practiceId;
  const row = await db.transaction(async (tx) => {
    const cur = await repo.lockRelease(tx, p, id);
    if (!cur) throw notFound('ReleaseRequest', id);
    if (cur.version !== expectedVersion) throw versionConflict('ReleaseRequest', cur.id, expectedVersion, cur.version);
    if (!canMoveRelease(cur.status as ReleaseStatus, to)) throw badInput([{ path: 'input.id', message: `release request ${cur.id} is ${cur.status} and cannot become ${to}` }]);
    const updated = await repo.updateRelease(tx, p, cur.id, { status: to, ...(await extra(tx, cur)) });
    await repo.insertReleaseHistory(tx, p, { releaseRequestId: cur.id, fromStatus: cur.status, toStatus: to, note, changedBy: principal.userId });
    await audit.write(tx, 'UPDATE', 'ReleaseRequest', cur.id, cur.patientId);
    return updated;
  });
  return presentRelease(audit, row);
}

/**
 * Approves a REQUESTED release (the authorization was checked).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (not REQUESTED)
 */
export function approveReleaseRequest(db: Db, principal: Principal, audit: AuditTrail, input: ApproveReleaseRequestInput): Promise<ReleaseRequest> {
  const note = clean(input.note);
  return move(db, principal, audit, input.id, input.expectedVersion, ReleaseStatus.APPROVED, note, async () => ({ decidedBy: principal.userId, decidedAt: new Date(), decisionNote: note }));
}

/**
 * Denies a REQUESTED release, with the reason.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (not REQUESTED)
 */
export function denyReleaseRequest(db: Db, principal: Principal, audit: AuditTrail, input: DenyReleaseRequestInput): Promise<ReleaseRequest> {
  const reason = input.reason.trim();
  return move(db, principal, audit, input.id, input.expectedVersion, ReleaseStatus.DENIED, reason, async () => ({ decidedBy: principal.userId, decidedAt: new Date(), decisionNote: reason }));
}

/**
 * Records that an APPROVED release was sent: the package (exactly which document versions) is fixed now —
 * the chosen versions, or the current versions matching the types and dates — and each released version is
 * audited as an EXPORT. Refused after the authorization's last day, when the authorization or a chosen
 * version is entered in error, or when nothing matches.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT
 */
export function sendReleaseRequest(db: Db, principal: Principal, audit: AuditTrail, input: SendReleaseRequestInput, now = new Date()): Promise<ReleaseRequest> {
  const p = principal.practiceId;
  return move(db, principal, audit, input.id, input.expectedVersion, ReleaseStatus.SENT, clean(input.note), async (tx, cur) => {
    const today = await practiceToday(tx, p, now);
    if (today > cur.authorizationExpiresOn) throw badInput([{ path: 'input.id', message: `the authorization of release request ${cur.id} expired after ${cur.authorizationExpiresOn}` }]);
    const ids = cur.documentIds ?? (await repo.findCurrentDocumentIdsMatching(tx, p, { patientId: cur.patientId, types: cur.documentTypes, fromDate: cur.fromDate, toDate: cur.toDate, exceptId: cur.authorizationDocumentId })).map((d) => d.id);
    const docs = await findDocumentsByIds(tx, p, [cur.authorizationDocumentId, ...ids]);
    const inError = docs.filter((d) => d.enteredInErrorAt);
    if (inError.some((d) => d.id === cur.authorizationDocumentId)) throw badInput([{ path: 'input.id', message: `the authorization document ${cur.authorizationDocumentId} is entered in error` }]);
    if (inError.length > 0) throw badInput([{ path: 'input.id', message: `document ${inError[0]!.id} of the package is entered in error` }]);
    if (ids.length === 0) throw badInput([{ path: 'input.id', message: `no current document matches release request ${cur.id}` }]);
    await repo.insertPackage(tx, p, cur.id, ids);
    await audit.writeAll(tx, 'EXPORT', ids.map((id) => ({ entityType: 'Document', entityId: id, patientId: cur.patientId })));
    return { sentBy: principal.userId, sentAt: now };
  });
}
