import type { Db } from '../../db/client.js';
import type { BatchClaimRow } from './claim-batch.repo.js';
import { findBatchClaimsByAccounts } from './claim-batch.repo.js';

/** Where a 277CA's claims were sent, found by their patient account numbers (CLM01) instead of its trace. */
export interface AccountPlacement {
  /** Per batch (in id order, the order they are locked in): the account numbers of the answer it carried. */
  byBatch: Map<string, Set<string>>;
  /** Every batch that ever carried one of the accounts (any revision): where the same text was seen before. */
  everSentIn: string[];
  /** Account numbers of no claim of the practice that was sent (stay problems of the answer). */
  unknown: string[];
}

/**
 * Places a 277CA's claims by account number within the practice: each account goes to the batch that
 * sent its claim's latest revision (a claim resubmitted after a rejection is answered for the revision
 * out now; the revision check when applying leaves an older one alone). One statement.
 * @param accountNumbers - TRN02 of each 2200D of the answer
 * @returns the batches to apply it to, every batch that carried those claims, and unknown accounts
 */
export async function placeByAccount(db: Db, practiceId: string, accountNumbers: readonly string[]): Promise<AccountPlacement> {
  const sent = await findBatchClaimsByAccounts(db, practiceId, accountNumbers);
  const latest = new Map<string, BatchClaimRow>();
  for (const row of sent) {
    const known = latest.get(row.patientAccountNumber);
    if (!known || row.revision > known.revision) latest.set(row.patientAccountNumber, row);
  }
  const byBatch = new Map<string, Set<string>>();
  for (const row of [...latest.values()].sort((a, b) => a.batchId.localeCompare(b.batchId))) {
    byBatch.set(row.batchId, (byBatch.get(row.batchId) ?? new Set()).add(row.patientAccountNumber));
  }
  return { byBatch, everSentIn: [...new Set(sent.map((r) => r.batchId))], unknown: [...new Set(accountNumbers.filter((a) => !latest.has(a)))] };
}
