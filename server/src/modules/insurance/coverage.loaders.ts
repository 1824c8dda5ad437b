import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import type { CoverageRow } from './coverage.mapper.js';
import { findCoveragesByIds, findCoveragesOfPatients, findHistoryOfCoverages } from './coverage.repo.js';
import { findPayersByIds, type PayerRow } from './payer.repo.js';

/** Per-request coverage-by-id loader. */
export const createCoverageLoader = (db: Db, practiceId: string) =>
  new DataLoader<string, CoverageRow | null>(async (ids) => orderByKeys(ids, await findCoveragesByIds(db, practiceId, ids), (r) => r.id));

/** Per-request payer-by-id loader. */
export const createPayerLoader = (db: Db, practiceId: string) =>
  new DataLoader<string, PayerRow | null>(async (ids) => orderByKeys(ids, await findPayersByIds(db, practiceId, ids), (r) => r.id));

/** Key of the coverages-of-a-patient loader: the patient and the date (or '' for all dates). */
export interface PatientCoveragesKey {
  patientId: string;
  asOf: string | null;
}

/**
 * Per-request loader of a patient's coverages as of a date: one SQL statement per distinct date in a
 * batch (a list of patients asked "as of today" is one statement).
 */
export const createPatientCoveragesLoader = (db: Db, practiceId: string) =>
  new DataLoader<PatientCoveragesKey, CoverageRow[], string>(
    async (keys) => {
      const byDate = new Map<string, string[]>();
      for (const k of keys) byDate.set(k.asOf ?? '', [...(byDate.get(k.asOf ?? '') ?? []), k.patientId]);
      const results = new Map<string, CoverageRow[]>();
      await Promise.all(
        [...byDate].map(async ([asOf, ids]) => {
          const rows = await findCoveragesOfPatients(db, practiceId, [...new Set(ids)], asOf || null);
          const grouped = groupByKeys(ids, rows, (r) => r.patientId);
          for (const [i, id] of ids.entries()) results.set(`${id}|${asOf}`, grouped[i]!);
        }),
      );
      return keys.map((k) => results.get(`${k.patientId}|${k.asOf ?? ''}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.patientId}|${k.asOf ?? ''}` },
  );

/** Per-request loader of each coverage's version history (one statement per batch). */
export const createCoverageHistoryLoader = (db: Db, practiceId: string) =>
  new DataLoader<string, Awaited<ReturnType<typeof findHistoryOfCoverages>>>(async (ids) => groupByKeys(ids, await findHistoryOfCoverages(db, practiceId, ids), (r) => r.coverageId));
