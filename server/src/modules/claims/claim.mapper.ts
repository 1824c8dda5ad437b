import { pointerLetter, printDiagnosis } from '../superbills/superbill.rules.js';
import type { ClaimStatus } from './claim-status.js';
import type { SnapshotPersonName } from './claim-snapshot.js';
import type { ClaimRow, HistoryRow, NoteRow } from './claim.repo.js';
import type { Claim, ClaimNote, ClaimStatusChange, ScrubSeverity } from './claim.type.js';

const nameOf = (n: SnapshotPersonName) => [n.given, n.middle, n.family].filter(Boolean).join(' ');

/** Table row (and its snapshot) → GraphQL object. */
export function toClaim(r: ClaimRow): Claim {
  const s = r.snapshot;
  return {
    id: r.id,
    number: String(r.number),
    patientAccountNumber: r.patientAccountNumber,
    status: r.status as ClaimStatus,
    frequencyCode: r.frequencyCode,
    revision: r.revision,
    version: r.version,
    superbillId: r.superbillId,
    patientId: r.patientId,
    payerId: r.payerId,
    coverageId: r.coverageId,
    renderingProviderId: r.renderingProviderId,
    locationId: r.locationId,
    originalClaimId: r.originalClaimId,
    payerClaimNumber: r.payerClaimNumber,
    payerResponsibility: r.payerResponsibility,
    priorPayerClaimId: r.priorPayerClaimId,
    otherPayers: (s.otherPayers ?? []).map((o) => ({ responsibility: o.responsibility, payerName: o.payer.name, ediPayerId: o.payer.ediPayerId, payerClaimNumber: o.payerClaimNumber, adjudicationDate: o.adjudicationDate, paid: o.paidCents, patientResponsibility: o.patientResponsibilityCents })),
    originalPayerClaimNumber: s.originalPayerClaimNumber,
    dateOfService: r.dateOfService,
    placeOfServiceCode: s.placeOfServiceCode,
    totalCharge: r.totalChargeCents,
    patientPaid: s.patientPaidCents,
    priorAuthorizationNumber: s.priorAuthorizationNumber,
    subscriber: { memberId: s.subscriber.memberId, groupNumber: s.subscriber.groupNumber, groupName: s.subscriber.groupName, relationshipCode: s.patient.relationshipToSubscriber, claimFilingIndicator: s.subscriber.claimFilingIndicator },
    billingProvider: { name: s.billingProvider.name, npi: s.billingProvider.npi, tin: s.billingProvider.tin },
    renderingProvider: s.renderingProvider ? { npi: s.renderingProvider.npi, name: nameOf(s.renderingProvider.name) } : null,
    referringProvider: s.referringProvider ? { npi: s.referringProvider.npi, name: nameOf(s.referringProvider.name) } : null,
    diagnoses: s.diagnoses.map((code, i) => ({ pointer: pointerLetter(i + 1), code: printDiagnosis(code) })),
    lines: s.lines.map((l) => ({ lineNumber: l.position, code: l.code, modifiers: l.modifiers, units: l.units, charge: l.chargeCents, diagnosisPointers: l.diagnosisPointers.map(pointerLetter), dateOfService: l.dateOfService, placeOfServiceCode: l.placeOfServiceCode, description: l.description })),
    lastScrub: r.lastScrub ? { at: new Date(r.lastScrub.at), revision: r.lastScrub.revision, clean: r.lastScrub.clean, findings: r.lastScrub.findings.map((f) => ({ ...f, severity: f.severity as ScrubSeverity })) } : null,
    assigneeId: r.assigneeId,
    nextFollowUpOn: r.nextFollowUpOn,
    statusChangedAt: r.statusChangedAt,
    submittedAt: r.submittedAt,
    acknowledgedAt: r.acknowledgedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export const toStatusChange = (h: HistoryRow): ClaimStatusChange => ({ from: h.fromStatus as ClaimStatus | null, to: h.toStatus as ClaimStatus, revision: h.revision, source: h.source, reason: h.reason, reference: h.reference, changedBy: h.changedBy, changedAt: h.changedAt });

export const toNote = (n: NoteRow): ClaimNote => ({ id: n.id, body: n.body, authorId: n.authorId, createdAt: n.createdAt });
