import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import { findSuperbillsOfPatients } from './superbill-list.repo.js';
import { type DiagnosisRow, findDiagnosesOf, findLinesOf, findLiveOfAppointments, findSuperbillsByIds, type LineRow, type SuperbillRow } from './superbill.repo.js';

/** How many superbills Patient.superbills returns at most (newest first). */
export const PATIENT_SUPERBILLS_LIMIT = 50;

/** Per-request superbill loaders, scoped to one practice; each batch is one SQL statement. */
export function createSuperbillLoaders(db: Db, practiceId: string) {
  return {
    superbill: new DataLoader<string, SuperbillRow | null>(async (ids) => orderByKeys(ids, await findSuperbillsByIds(db, practiceId, ids), (r) => r.id)),
    superbillDiagnoses: new DataLoader<string, DiagnosisRow[]>(async (ids) => groupByKeys(ids, await findDiagnosesOf(db, practiceId, ids), (r) => r.superbillId)),
    superbillLines: new DataLoader<string, LineRow[]>(async (ids) => groupByKeys(ids, await findLinesOf(db, practiceId, ids), (r) => r.superbillId)),
    appointmentSuperbill: new DataLoader<string, SuperbillRow | null>(async (ids) => orderByKeys(ids, await findLiveOfAppointments(db, practiceId, ids), (r) => r.appointmentId!)),
    patientSuperbills: new DataLoader<string, SuperbillRow[]>(async (ids) => groupByKeys(ids, await findSuperbillsOfPatients(db, practiceId, ids, PATIENT_SUPERBILLS_LIMIT), (r) => r.patientId)),
  };
}
