import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import { type ExternalProviderRow, findExternalProvidersByIds } from './external-provider.repo.js';
import { findReferralHistory, type ReferralHistoryRow } from './referral.repo.js';

/** Per-request loaders of the referrals module. */
export function createReferralLoaders(db: Db, practiceId: string) {
  return {
    externalProvider: new DataLoader<string, ExternalProviderRow | null>(async (ids) => orderByKeys(ids, await findExternalProvidersByIds(db, practiceId, ids), (r) => r.id)),
    referralHistory: new DataLoader<string, ReferralHistoryRow[]>(async (ids) => groupByKeys(ids, await findReferralHistory(db, practiceId, ids), (r) => r.referralId)),
  };
}
