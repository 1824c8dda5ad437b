import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import { type ClaimRow, findClaimsByIds, findClaimsOfSuperbills, findCorrectionsOf, findHistoryOf, findNotesOf, type HistoryRow, type NoteRow } from './claim.repo.js';

/** Per-request claim loaders, scoped to one practice; each batch is one SQL statement. */
export function createClaimLoaders(db: Db, practiceId: string) {
  return {
    claim: new DataLoader<string, ClaimRow | null>(async (ids) => orderByKeys(ids, await findClaimsByIds(db, practiceId, ids), (r) => r.id)),
    claimHistory: new DataLoader<string, HistoryRow[]>(async (ids) => groupByKeys(ids, await findHistoryOf(db, practiceId, ids), (r) => r.claimId)),
    claimNotes: new DataLoader<string, NoteRow[]>(async (ids) => groupByKeys(ids, await findNotesOf(db, practiceId, ids), (r) => r.claimId)),
    claimCorrections: new DataLoader<string, ClaimRow[]>(async (ids) => groupByKeys(ids, await findCorrectionsOf(db, practiceId, ids), (r) => r.originalClaimId!)),
    superbillClaims: new DataLoader<string, ClaimRow[]>(async (ids) => groupByKeys(ids, await findClaimsOfSuperbills(db, practiceId, ids), (r) => r.superbillId)),
  };
}
