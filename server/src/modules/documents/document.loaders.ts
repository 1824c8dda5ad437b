import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys } from '../../lib/order-by-keys.js';
import { type DocumentRow, findCurrentDocumentsOfPatients } from './document.repo.js';

/** Per-request document loaders, scoped to one practice; each batch is one SQL statement. */
export function createDocumentLoaders(db: Db, practiceId: string) {
  return {
    /** The current versions of each patient's documents (metadata only), newest document date first. */
    patientDocuments: new DataLoader<string, DocumentRow[]>(async (ids) => groupByKeys(ids, await findCurrentDocumentsOfPatients(db, practiceId, ids), (r) => r.patientId)),
  };
}
