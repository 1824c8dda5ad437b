import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { orderByKeys } from '../../lib/order-by-keys.js';
import type { PatientRow } from './patient.mapper.js';
import { findPatientsByIds } from './patient.repo.js';

/** Per-request patient-by-id loader, scoped to one practice. */
export const createPatientLoader = (db: Db, practiceId: string) =>
  new DataLoader<string, PatientRow | null>(async (ids) => orderByKeys(ids, await findPatientsByIds(db, practiceId, ids), (r) => r.id));
