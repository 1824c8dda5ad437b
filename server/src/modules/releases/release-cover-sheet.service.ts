import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import type { Loaders } from '../../graphql/loaders.js';
import { renderPdf } from '../../pdf/pdf-document.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findDocumentsByIds } from '../documents/document.repo.js';
import { practiceName } from '../practices/practice.repo.js';
import { releaseCoverSheetDocument } from './release-cover-sheet.pdf.js';
import { ReleaseStatus } from './release-status.js';
import * as repo from './release.repo.js';
import type { ReleaseCoverSheet } from './release.type.js';

const instant = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Renders the cover sheet of a SENT release (PDF, to go on top of the package): requester, purpose, the
 * patient, the authorization on file and exactly the released versions. Audited as reads of the request and
 * the patient and an EXPORT of the request.
 * @throws NOT_FOUND (also another practice's), BAD_USER_INPUT (not sent yet: the package is fixed when sent)
 */
export async function releaseCoverSheet(db: Db, principal: Principal, loaders: Loaders, audit: AuditTrail, id: string): Promise<ReleaseCoverSheet> {
  const p = principal.practiceId;
  const [r] = await repo.findReleasesByIds(db, p, [id]);
  if (!r) throw notFound('ReleaseRequest', id);
  if (r.status !== ReleaseStatus.SENT || !r.sentAt || !r.sentBy) throw badInput([{ path: 'id', message: `release request ${r.id} is ${r.status}: a cover sheet lists a sent package` }]);
  const [patient, packages, [authorization], practice] = await Promise.all([loaders.patient.load(r.patientId), repo.findPackagesOf(db, p, [r.id]), findDocumentsByIds(db, p, [r.authorizationDocumentId]), practiceName(db, p)]);
  if (!patient || !authorization) throw notFound('ReleaseRequest', id);
  audit.read('ReleaseRequest', r.id, r.patientId);
  audit.read('Patient', patient.id, patient.id);
  const bytes = await renderPdf(
    releaseCoverSheetDocument({
      releaseRequestId: r.id,
      practiceName: practice ?? '',
      requester: { name: r.requesterName, organization: r.requesterOrganization, deliverTo: r.deliverTo },
      purpose: r.purpose,
      patient: { name: [patient.givenName, patient.familyName].join(' '), dateOfBirth: patient.dateOfBirth, mrn: patient.mrn },
      authorization: { documentId: authorization.id, title: authorization.title, documentDate: authorization.documentDate, expiresOn: r.authorizationExpiresOn },
      sent: { by: r.sentBy, at: instant(r.sentAt) },
      approved: { by: r.decidedBy, at: r.decidedAt ? instant(r.decidedAt) : null },
      documents: packages.map((d) => ({ type: d.type, title: d.title, documentDate: d.documentDate, revision: d.revision, sha256: d.sha256 })),
    }),
  );
  await audit.write(db, 'EXPORT', 'ReleaseRequest', r.id, r.patientId);
  return { fileName: `release-${r.id.slice(0, 8)}-cover.pdf`, contentType: 'application/pdf', base64: Buffer.from(bytes).toString('base64'), byteLength: bytes.length };
}
