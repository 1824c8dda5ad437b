import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { documents } from '../db/schema/documents.js';
import type { Principal } from '../graphql/auth.js';
import { Role } from '../graphql/roles.js';
import { AuditTrail } from '../modules/audit/audit-trail.js';
import { uploadDocument } from '../modules/documents/document.service.js';
import { DocumentType } from '../modules/documents/document.type.js';
import { findReleaseByKey } from '../modules/releases/release.repo.js';
import { approveReleaseRequest, createReleaseRequest, denyReleaseRequest, sendReleaseRequest } from '../modules/releases/release.service.js';
import { todayIn } from '../lib/dates.js';
import { addDays } from '../lib/local-time.js';

const once = async function* (bytes: Buffer) {
  yield bytes;
};

/**
 * Release-of-information requests in every status on the patients that have demo documents, through the
 * real services: a SENT one (a disclosure of the current referral letter), an APPROVED one waiting to go
 * out, a REQUESTED one and a DENIED one, each with a signed authorization uploaded as a CONSENT document.
 * Needs seedDemoDocuments first. A second run adds nothing (the first request's idempotency key is known).
 * @returns how many requests this call created
 */
export async function seedDemoReleases(db: Db, practiceId: string, now: Date, timeZone = 'America/New_York'): Promise<number> {
  if (await findReleaseByKey(db, practiceId, 'demo-release-sent')) return 0;
  const docs = await db.select({ id: documents.id, patientId: documents.patientId, type: documents.type }).from(documents).where(and(eq(documents.practiceId, practiceId), isNull(documents.supersededById), isNull(documents.enteredInErrorAt))).orderBy(asc(documents.createdAt), asc(documents.id));
  const referral = docs.find((d) => d.type === 'REFERRAL_LETTER');
  const outside = docs.find((d) => d.type === 'OUTSIDE_RECORD');
  const lab = docs.find((d) => d.type === 'LAB_REPORT');
  if (!referral || !outside || !lab) return 0;
  const desk: Principal = { userId: 'demo-front_desk', practiceId, roles: [Role.FRONT_DESK] };
  const admin: Principal = { userId: 'demo-practice_admin', practiceId, roles: [Role.PRACTICE_ADMIN] };
  const deskAudit = new AuditTrail(desk, 'demo-seed', 'seedDemoReleases');
  const adminAudit = new AuditTrail(admin, 'demo-seed', 'seedDemoReleases');
  const today = todayIn(timeZone, now);
  const authorization = async (patientId: string) => {
    const text = Buffer.from('AUTHORIZATION TO RELEASE HEALTH INFORMATION\nSigned by the patient (synthetic demo).\n', 'utf8');
    const doc = await uploadDocument(db, desk, deskAudit, { patientId, type: DocumentType.CONSENT, documentDate: addDays(today, -2), title: 'Authorization to release records', source: 'Patient', contentType: 'text/plain' }, once(text), text.length);
    return doc.id;
  };
  const base = (patientId: string, authorizationDocumentId: string) => ({ patientId, authorizationDocumentId, authorizationExpiresOn: addDays(today, 180) });

  const sent = (await createReleaseRequest(db, desk, deskAudit, { ...base(referral.patientId, await authorization(referral.patientId)), requesterName: 'Dr. Demo Orthopedist', requesterOrganization: 'Example Orthopedics', deliverTo: 'Secure fax', purpose: 'Continuity of care', documentTypes: [DocumentType.REFERRAL_LETTER], idempotencyKey: 'demo-release-sent' })).request;
  await approveReleaseRequest(db, admin, adminAudit, { id: sent.id, expectedVersion: sent.version, note: 'Authorization checked' });
  await sendReleaseRequest(db, desk, deskAudit, { id: sent.id, expectedVersion: sent.version + 1, note: 'Fax confirmation received' });

  const outsideAuth = await authorization(outside.patientId);
  const approved = (await createReleaseRequest(db, desk, deskAudit, { ...base(outside.patientId, outsideAuth), requesterName: 'Example School Nurse Office', purpose: 'School enrollment', documentIds: [outside.id], idempotencyKey: 'demo-release-approved' })).request;
  await approveReleaseRequest(db, admin, adminAudit, { id: approved.id, expectedVersion: approved.version, note: null });
  const denied = (await createReleaseRequest(db, desk, deskAudit, { ...base(outside.patientId, outsideAuth), requesterName: 'Example Life Insurance Co.', purpose: 'Underwriting', idempotencyKey: 'demo-release-denied' })).request;
  await denyReleaseRequest(db, admin, adminAudit, { id: denied.id, expectedVersion: denied.version, reason: 'The authorization does not name this requester' });

  await createReleaseRequest(db, desk, deskAudit, { ...base(lab.patientId, await authorization(lab.patientId)), requesterName: 'Example Law Office', purpose: 'Legal review at the patient\'s request', documentTypes: [DocumentType.LAB_REPORT], fromDate: addDays(today, -365), toDate: today, idempotencyKey: 'demo-release-requested' });
  return 4;
}
