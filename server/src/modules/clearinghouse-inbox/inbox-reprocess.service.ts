import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { notFound } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { processAndRecord } from './inbox-process.js';
import { type ClearinghouseFileRow, lockFile } from './inbox.repo.js';

/** A file after a reprocess request, and whether this request processed it. */
export interface ReprocessResult {
  file: ClearinghouseFileRow;
  reprocessed: boolean;
}

/** The statuses a reprocess request processes: refused before, or still waiting for a poll. */
const PROCESSABLE = new Set(['FAILED', 'RECEIVED']);

/**
 * Processes a stored mailbox file again — after the cause of its refusal was fixed (a missing batch
 * or claim, a reader that could not place it) — through the same path a poll uses (processAndRecord:
 * the same services under the file's own key, in a savepoint, audited). The row is locked, so a
 * reprocess and a poll, or two reprocesses, process a file once. A file already PROCESSED or
 * DUPLICATE is returned unchanged (reprocessed: false), so the request is safe to retry; a file that
 * is refused again stays FAILED with the new problem.
 * @returns the file as recorded and whether this request processed it
 * @throws NOT_FOUND when the practice has no such file (another practice's file included)
 */
export async function reprocessClearinghouseFile(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<ReprocessResult> {
  return db.transaction(async (tx) => {
    const file = await lockFile(tx, principal.practiceId, id);
    if (!file) throw notFound('ClearinghouseFile', id);
    if (!PROCESSABLE.has(file.status)) return { file, reprocessed: false };
    return { file: await processAndRecord(tx, principal, audit, file), reprocessed: true };
  });
}
