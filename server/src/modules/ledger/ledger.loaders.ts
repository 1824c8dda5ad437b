import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { orderByKeys } from '../../lib/order-by-keys.js';
import { type LedgerSums, sumByPatients } from './ledger-balance.repo.js';

/** Per-request ledger loaders, scoped to one practice; each batch is one SQL statement. */
export function createLedgerLoaders(db: Db, practiceId: string) {
  return {
    /** The sums of each patient's entries, or null for a patient without entries. */
    patientLedgerSums: new DataLoader<string, (LedgerSums & { patientId: string }) | null>(async (ids) => orderByKeys(ids, await sumByPatients(db, practiceId, ids), (r) => r.patientId)),
  };
}
