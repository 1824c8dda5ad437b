import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import { findAdjustmentsOf, findClaimsOfRemittances, findLinesOf, findProviderAdjustmentsOf, findRemittanceClaimsOfClaims, findRemittancesByIds } from './remittance-list.repo.js';
import type { ProviderAdjustmentRow, RemittanceAdjustmentRow, RemittanceClaimRow, RemittanceLineRow, RemittanceRow } from './remittance.repo.js';

/** Per-request remittance loaders, scoped to one practice; each batch is one SQL statement. */
export function createRemittanceLoaders(db: Db, practiceId: string) {
  return {
    remittance: new DataLoader<string, RemittanceRow | null>(async (ids) => orderByKeys(ids, await findRemittancesByIds(db, practiceId, ids), (r) => r.id)),
    remittanceClaims: new DataLoader<string, RemittanceClaimRow[]>(async (ids) => groupByKeys(ids, await findClaimsOfRemittances(db, practiceId, ids), (r) => r.remittanceId)),
    claimRemittances: new DataLoader<string, RemittanceClaimRow[]>(async (ids) => groupByKeys(ids, await findRemittanceClaimsOfClaims(db, practiceId, ids), (r) => r.claimId!)),
    remittanceLines: new DataLoader<string, RemittanceLineRow[]>(async (ids) => groupByKeys(ids, await findLinesOf(db, practiceId, ids), (r) => r.remittanceClaimId)),
    remittanceAdjustments: new DataLoader<string, RemittanceAdjustmentRow[]>(async (ids) => groupByKeys(ids, await findAdjustmentsOf(db, practiceId, ids), (r) => r.remittanceClaimId)),
    providerAdjustments: new DataLoader<string, ProviderAdjustmentRow[]>(async (ids) => groupByKeys(ids, await findProviderAdjustmentsOf(db, practiceId, ids), (r) => r.remittanceId)),
  };
}
