import type { ExternalProviderRow } from './external-provider.repo.js';
import type { ReferralHistoryRow, ReferralRow } from './referral.repo.js';
import type { ExternalProvider, Referral, ReferralDirection, ReferralHistoryEntry, ReferralStatus, ReferralUrgency } from './referral.type.js';

export function toExternalProvider(r: ExternalProviderRow): ExternalProvider {
  return { id: r.id, name: r.name, npi: r.npi, taxonomyCode: r.taxonomyCode, specialty: r.specialty, organization: r.organization, address: r.address, phone: r.phone, fax: r.fax, acceptedPayerIds: r.acceptedPayerIds, active: r.active, version: r.version };
}

export function toReferral(r: ReferralRow): Referral {
  return {
    id: r.id,
    direction: r.direction as ReferralDirection,
    patientId: r.patientId,
    providerId: r.providerId,
    externalProviderId: r.externalProviderId,
    reason: r.reason,
    diagnosisCodes: r.diagnosisCodes,
    urgency: r.urgency as ReferralUrgency,
    attachments: r.attachments,
    authorization: {
      number: r.authorizationNumber,
      visits: r.authorizedVisits,
      visitsUsed: r.visitsUsed,
      visitsLeft: r.authorizedVisits === null ? null : r.authorizedVisits - r.visitsUsed,
      validFrom: r.authorizationFrom,
      validTo: r.authorizationTo,
    },
    status: r.status as ReferralStatus,
    sentOn: r.sentOn,
    scheduledFor: r.scheduledFor,
    seenOn: r.seenOn,
    reportReceivedOn: r.reportReceivedOn,
    reviewedBy: r.reviewedBy,
    declineReason: r.declineReason,
    waitlistEntryId: r.waitlistEntryId,
    appointmentId: r.appointmentId,
    daysWaiting: r.daysWaiting,
    createdBy: r.createdBy,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toReferralHistoryEntry(r: ReferralHistoryRow): ReferralHistoryEntry {
  return { fromStatus: r.fromStatus as ReferralStatus | null, toStatus: r.toStatus as ReferralStatus, note: r.note, byUserId: r.byUserId, at: r.at };
}
