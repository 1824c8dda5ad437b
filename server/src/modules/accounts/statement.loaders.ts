import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys } from '../../lib/order-by-keys.js';
import { findLinesOf, findStatementsOfPatients, type StatementLineRow, type StatementRow } from './statement.repo.js';

/** Per-request statement loaders, scoped to one practice; each batch is one SQL statement. */
export function createStatementLoaders(db: Db, practiceId: string) {
  return {
    /** The lines of each statement, in order. */
    statementLines: new DataLoader<string, StatementLineRow[]>(async (ids) => groupByKeys(ids, await findLinesOf(db, practiceId, ids), (r) => r.statementId)),
    /** Every statement of each patient, newest first. */
    patientStatements: new DataLoader<string, StatementRow[]>(async (ids) => groupByKeys(ids, await findStatementsOfPatients(db, practiceId, ids), (r) => r.patientId)),
  };
}
