import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { orderByKeys } from '../../lib/order-by-keys.js';
import { findItemsByIds, findSuppliersByIds, type SupplierRow, type SupplyItemRow } from './supply-catalog.repo.js';

/** Per-request supply loaders, scoped to one practice: items and suppliers by id (one statement per batch). */
export const createSupplyLoaders = (db: Db, practiceId: string) => ({
  supplyItem: new DataLoader<string, SupplyItemRow | null>(async (ids) => orderByKeys(ids, await findItemsByIds(db, practiceId, ids), (r) => r.id)),
  supplier: new DataLoader<string, SupplierRow | null>(async (ids) => orderByKeys(ids, await findSuppliersByIds(db, practiceId, ids), (r) => r.id)),
});
