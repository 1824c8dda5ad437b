import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { orderByKeys } from '../../lib/order-by-keys.js';
import type { LocationRow } from './location.mapper.js';
import { findLocationsByIds } from './location.repo.js';

/** Per-request location-by-id loader, scoped to one practice. */
export const createLocationLoader = (db: Db, practiceId: string) =>
  new DataLoader<string, LocationRow | null>(async (ids) => orderByKeys(ids, await findLocationsByIds(db, practiceId, ids), (r) => r.id));
