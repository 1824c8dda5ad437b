import type { Db } from '../../db/client.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, pageRequest, toConnection } from '../../graphql/pagination.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { RelayPageArgs } from '../common/page.args.js';
import { type BatchKey, batchKeyOf, type BatchRow, listBatches } from './claim-batch.repo.js';
import { toBatch } from './claim-batch.mapper.js';
import type { ClaimBatch } from './claim-batch.type.js';

/** Records the read (a batch holds its claims' PHI) and maps the row. */
export function presentBatch(audit: AuditTrail, row: BatchRow): ClaimBatch {
  audit.read('ClaimBatch', row.id);
  return toBatch(row);
}

/** A batch of the caller's practice, audited. @throws NOT_FOUND (also for another practice's) */
export function presentFoundBatch(audit: AuditTrail, id: string, row: BatchRow | null): ClaimBatch {
  if (!row) throw notFound('ClaimBatch', id);
  return presentBatch(audit, row);
}

function batchCursor(raw: unknown[] | null, path: string): BatchKey | null {
  if (raw === null) return null;
  const [at, id] = raw;
  if (raw.length === 2 && typeof at === 'string' && !Number.isNaN(Date.parse(at)) && isUuid(id)) return [at, id];
  throw badInput([{ path, message: 'is not a cursor issued by this connection' }]);
}

/**
 * One page of the practice's claim batches, newest first; every batch read is audited.
 * @throws BAD_USER_INPUT for paging arguments or a forged cursor
 */
export async function listBatchPage(db: Db, practiceId: string, audit: AuditTrail, args: RelayPageArgs): Promise<ConnectionShape<ClaimBatch>> {
  const page = pageRequest(args);
  const cursor = batchCursor(page.cursor, page.forward ? 'after' : 'before');
  const rows = await listBatches(db, practiceId, page.limit, cursor, page.forward);
  return toConnection(rows, page, batchKeyOf, (r) => presentBatch(audit, r));
}
