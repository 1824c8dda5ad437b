import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import { type ExternalProviderRow, findExternalProvidersByIds } from './external-provider.repo.js';
import { findReferralHistory, findReferralsOfPatients, type ReferralHistoryRow, type ReferralRow } from './referral.repo.js';

/** Patient.referrals shows at most this many per patient (newest first); referrals(filter: {patientId}) pages further. */
export const PATIENT_REFERRALS_LIMIT = 50;

/** Per-request loaders of the referrals module. */
export function createReferralLoaders(db: Db, practiceId: string) {
  return {
    externalProvider: new DataLoader<string, ExternalProviderRow | null>(async (ids) => orderByKeys(ids, await findExternalProvidersByIds(db, practiceId, ids), (r) => r.id)),
    patientReferrals: new DataLoader<string, ReferralRow[]>(async (ids) => groupByKeys(ids, await findReferralsOfPatients(db, practiceId, ids, PATIENT_REFERRALS_LIMIT), (r) => r.patientId)),
    referralHistory: new DataLoader<string, ReferralHistoryRow[]>(async (ids) => groupByKeys(ids, await findReferralHistory(db, practiceId, ids), (r) => r.referralId)),
  };
}
