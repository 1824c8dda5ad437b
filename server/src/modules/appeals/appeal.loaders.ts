import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import { type AttachedDocumentRow, findDocumentsOfAppeals } from './appeal-document.repo.js';
import { type AppealHistoryRow, type AppealRow, findAppealHistoryOf, findAppealsByIds, findAppealsOfClaims } from './appeal.repo.js';

/** Per-request appeal loaders, scoped to one practice; each batch is one SQL statement. */
export function createAppealLoaders(db: Db, practiceId: string) {
  return {
    appeal: new DataLoader<string, AppealRow | null>(async (ids) => orderByKeys(ids, await findAppealsByIds(db, practiceId, ids), (r) => r.id)),
    claimAppeals: new DataLoader<string, AppealRow[]>(async (ids) => groupByKeys(ids, await findAppealsOfClaims(db, practiceId, ids), (r) => r.claimId)),
    appealDocuments: new DataLoader<string, AttachedDocumentRow[]>(async (ids) => groupByKeys(ids, await findDocumentsOfAppeals(db, practiceId, ids), (r) => r.link.appealId)),
    appealHistory: new DataLoader<string, AppealHistoryRow[]>(async (ids) => groupByKeys(ids, await findAppealHistoryOf(db, practiceId, ids), (r) => r.appealId)),
  };
}
