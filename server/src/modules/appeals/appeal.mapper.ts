import type { AppealStatus } from './appeal-status.js';
import type { AppealHistoryRow, AppealRow } from './appeal.repo.js';
import type { Appeal, AppealStatusChange } from './appeal.type.js';

/** Table row → GraphQL object. */
export const toAppeal = (r: AppealRow): Appeal => ({
  id: r.id, number: String(r.number), claimId: r.claimId, claimLinePosition: r.claimLinePosition, patientId: r.patientId, payerId: r.payerId, remittanceClaimId: r.remittanceClaimId,
  status: r.status as AppealStatus, reason: r.reason, letter: r.letter, denied: r.deniedCents, reasonCodes: r.reasonCodes, remittanceDate: r.remittanceDate, deadline: r.deadline,
  submittedAt: r.submittedAt, decidedAt: r.decidedAt, outcomeRemittanceId: r.outcomeRemittanceId, createdBy: r.createdBy, version: r.version, createdAt: r.createdAt, updatedAt: r.updatedAt,
});

export const toAppealChange = (h: AppealHistoryRow): AppealStatusChange => ({ from: h.fromStatus as AppealStatus | null, to: h.toStatus as AppealStatus, note: h.note, changedBy: h.changedBy, changedAt: h.changedAt });
