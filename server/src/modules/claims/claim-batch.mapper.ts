import type { Parsed999 } from '../../x12/x12-999.js';
import { STATUS_CATEGORIES } from '../../x12/x12-stc.js';
import { reasonOf999 } from './claim-acknowledgment.service.js';
import type { AcknowledgmentRow, AckResultWithKind, BatchRow } from './claim-batch.repo.js';
import type { ClaimBatchStatus, ClaimAcknowledgmentEntry, ClaimBatch, ClaimBatchAck999, ClaimBatchAnswer, ClaimStatusCodeInfo, ClaimStatusInquiry } from './claim-batch.type.js';
import type { InquiryRow } from './claim-status-inquiry.repo.js';

export const toBatch = (b: BatchRow): ClaimBatch => ({
  id: b.id, createdAt: b.createdAt, sentAt: b.sentAt, submittedBy: b.submittedBy, claimsRoute: b.claimsRoute, ediPayerId: b.ediPayerId, claimCount: b.claimCount,
  status: b.status as ClaimBatchStatus, interchangeControlNumber: b.interchangeControlNumber, referenceId: b.referenceId, transportError: b.transportError, x12: b.x12,
});

export const toAnswer = (a: AcknowledgmentRow): ClaimBatchAnswer => ({ id: a.id, kind: a.kind, controlNumber: a.controlNumber, accepted: a.accepted, receivedAt: a.receivedAt, problems: a.problems });

/** The batch's 999, summarized (the last one received when there are several). */
export function toAck999(answers: AcknowledgmentRow[]): ClaimBatchAck999 | null {
  const a = answers.filter((x) => x.kind === '999').at(-1);
  if (!a) return null;
  const parsed = a.parsed as Parsed999 | null;
  const status = parsed?.groupStatus?.status ?? parsed?.transactionSets[0]?.status ?? null;
  return { status, accepted: a.accepted, controlNumber: a.controlNumber, receivedAt: a.receivedAt, errors: parsed && !parsed.accepted ? reasonOf999(parsed).split(' | ') : [], problems: a.problems };
}

const statusInfo = (category: string, code: string, entity: string | null): ClaimStatusCodeInfo => ({ category, code, entity, categoryDescription: STATUS_CATEGORIES[category] ?? null });

export const toAckEntry = (r: AckResultWithKind): ClaimAcknowledgmentEntry => ({
  kind: r.kind, batchId: r.batchId, revision: r.result.revision, outcome: r.result.outcome, payerClaimNumber: r.result.payerClaimNumber,
  statuses: r.result.statuses.map((s) => statusInfo(s.category, s.code, s.entity)), reason: r.result.reason, receivedAt: r.result.receivedAt,
});

export const toInquiry = (i: InquiryRow): ClaimStatusInquiry => ({
  id: i.id, claimId: i.claimId, revision: i.revision, traceNumber: i.traceNumber, outcome: i.outcome, reason: i.reason,
  status: i.category && i.code ? statusInfo(i.category, i.code, i.entity) : null, payerClaimNumber: i.payerClaimNumber, charge: i.chargeCents, paid: i.paidCents,
  adjudicationDate: i.adjudicationDate, checkDate: i.checkDate, checkNumber: i.checkNumber, problems: i.problems, requestedAt: i.requestedAt, respondedAt: i.respondedAt,
});
