import type { DocumentType } from '../documents/document.type.js';
import type { ReleaseStatus } from './release-status.js';
import type { PackageRow, ReleaseHistoryRow, ReleaseRow } from './release.repo.js';
import type { DisclosedDocument, Disclosure, ReleaseRequest, ReleaseStatusChange } from './release.type.js';

export function toReleaseRequest(r: ReleaseRow): ReleaseRequest {
  return {
    id: r.id,
    patientId: r.patientId,
    requesterName: r.requesterName,
    requesterOrganization: r.requesterOrganization,
    deliverTo: r.deliverTo,
    purpose: r.purpose,
    documentTypes: (r.documentTypes as DocumentType[] | null) ?? null,
    fromDate: r.fromDate,
    toDate: r.toDate,
    documentIds: r.documentIds ?? null,
    authorizationDocumentId: r.authorizationDocumentId,
    authorizationExpiresOn: r.authorizationExpiresOn,
    status: r.status as ReleaseStatus,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    sentBy: r.sentBy,
    sentAt: r.sentAt,
    version: r.version,
  };
}

export const toReleaseChange = (h: ReleaseHistoryRow): ReleaseStatusChange => ({ from: h.fromStatus as ReleaseStatus | null, to: h.toStatus as ReleaseStatus, note: h.note, changedBy: h.changedBy, changedAt: h.changedAt });

export const toDisclosedDocument = (p: PackageRow): DisclosedDocument => ({ documentId: p.documentId, type: p.type as DocumentType, title: p.title, documentDate: p.documentDate, revision: p.revision, sha256: p.sha256 });

/** A SENT request and its package as an entry of the accounting of disclosures. */
export function toDisclosure(r: ReleaseRow, pkg: readonly PackageRow[]): Disclosure {
  return {
    releaseRequestId: r.id,
    disclosedAt: r.sentAt!,
    recipientName: r.requesterName,
    recipientOrganization: r.requesterOrganization,
    deliveredTo: r.deliverTo,
    purpose: r.purpose,
    disclosedBy: r.sentBy!,
    documents: pkg.map(toDisclosedDocument),
  };
}
