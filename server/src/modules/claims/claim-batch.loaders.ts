import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import { type AcknowledgmentRow, type AckResultWithKind, type BatchClaimRow, type BatchRow, findAckResultsOfClaims, findAcknowledgmentsOfBatches, findBatchesByIds, findClaimsOfBatches } from './claim-batch.repo.js';
import { findInquiriesOfClaims, type InquiryRow } from './claim-status-inquiry.repo.js';

/** Per-request loaders of batches, their answers and claims, and claims' acknowledgments and inquiries; one statement a batch. */
export function createClaimBatchLoaders(db: Db, practiceId: string) {
  return {
    claimBatch: new DataLoader<string, BatchRow | null>(async (ids) => orderByKeys(ids, await findBatchesByIds(db, practiceId, ids), (r) => r.id)),
    claimBatchAnswers: new DataLoader<string, AcknowledgmentRow[]>(async (ids) => groupByKeys(ids, await findAcknowledgmentsOfBatches(db, practiceId, ids), (r) => r.batchId)),
    claimBatchClaims: new DataLoader<string, BatchClaimRow[]>(async (ids) => groupByKeys(ids, await findClaimsOfBatches(db, practiceId, ids), (r) => r.batchId)),
    claimAcknowledgments: new DataLoader<string, AckResultWithKind[]>(async (ids) => groupByKeys(ids, await findAckResultsOfClaims(db, practiceId, ids), (r) => r.result.claimId)),
    claimStatusInquiries: new DataLoader<string, InquiryRow[]>(async (ids) => groupByKeys(ids, await findInquiriesOfClaims(db, practiceId, ids), (r) => r.claimId)),
  };
}
