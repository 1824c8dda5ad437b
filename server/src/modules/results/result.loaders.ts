import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import type { LabObservationRow } from '../../db/schema/results.js';
import { groupByKeys } from '../../lib/order-by-keys.js';
import { findObservationsByResultIds } from './result.repo.js';

/** Per-request result loaders, scoped to one practice; each batch is one SQL statement. */
export function createResultLoaders(db: Db, practiceId: string) {
  return {
    /** The observations of each result, in the lab's order. */
    resultObservations: new DataLoader<string, LabObservationRow[]>(async (ids) => groupByKeys(ids, await findObservationsByResultIds(db, practiceId, ids), (o) => o.resultId)),
  };
}
