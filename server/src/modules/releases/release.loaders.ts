import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import { type DocumentRow, findDocumentsByIds } from '../documents/document.repo.js';
import { findPackagesOf, findReleaseHistoryOf, findReleasesByIds, type PackageRow, type ReleaseHistoryRow, type ReleaseRow } from './release.repo.js';

/** Per-request release-of-information loaders, scoped to one practice; each batch is one SQL statement. */
export function createReleaseLoaders(db: Db, practiceId: string) {
  return {
    releaseRequest: new DataLoader<string, ReleaseRow | null>(async (ids) => orderByKeys(ids, await findReleasesByIds(db, practiceId, ids), (r) => r.id)),
    releaseHistory: new DataLoader<string, ReleaseHistoryRow[]>(async (ids) => groupByKeys(ids, await findReleaseHistoryOf(db, practiceId, ids), (r) => r.releaseRequestId)),
    releasePackage: new DataLoader<string, PackageRow[]>(async (ids) => groupByKeys(ids, await findPackagesOf(db, practiceId, ids), (r) => r.releaseRequestId)),
    /** Document versions by id (metadata), e.g. the authorizations of requests. */
    documentVersion: new DataLoader<string, DocumentRow | null>(async (ids) => orderByKeys(ids, await findDocumentsByIds(db, practiceId, ids), (r) => r.id)),
  };
}
