import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError } from '../../graphql/errors.js';
import { parseX12, X12FormatError } from '../../x12/x12-document.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { receiveClaimAcknowledgment } from '../claims/claim-acknowledgment-intake.service.js';
import { postRemittance } from '../remittances/remittance-post.service.js';
import { type ClearinghouseFileRow, type FileOutcome, setFileOutcome } from './inbox.repo.js';

/** What a mailbox file is, read from its envelope: kind (999, 277CA, 835, UNKNOWN), ISA13 and GS06. */
export function describeFile(raw: string): { kind: string; interchangeControlNumber: string | null; groupControlNumber: string | null } {
  try {
    const doc = parseX12(raw);
    const set = doc.st[0];
    const kind = set === '999' ? '999' : set === '277' ? '277CA' : set === '835' ? '835' : 'UNKNOWN';
    return { kind, interchangeControlNumber: doc.isa[12]?.trim() || null, groupControlNumber: doc.gs[5]?.trim() || null };
  } catch (err) {
    if (err instanceof X12FormatError) return { kind: 'UNKNOWN', interchangeControlNumber: null, groupControlNumber: null };
    throw err;
  }
}

/** The idempotency key a mailbox file is processed under: a file processed again replays its first outcome. */
export const fileKey = (fileId: string) => `clearinghouse-file:${fileId}`;

/** A refusal as stored on the file: its code, message and field messages (ids, codes and positions; never values). */
export function problemOf(err: AppError): string {
  const fields = (err.extensions.fields as { path: string; message: string }[] | undefined) ?? [];
  return [`${err.code}: ${err.message}`, ...fields.map((x) => x.message)].join('; ').slice(0, 2000);
}

/**
 * Processes one stored mailbox file through the same services a person or partner would use: a 999 or
 * 277CA through receiveClaimAcknowledgment, an 835 through postRemittance, each under the file's own key.
 * Run on the caller's transaction (a savepoint: a refusal undoes everything the file did).
 * @returns the outcome to record: PROCESSED, or DUPLICATE when the services found the same answer or
 *   remittance already taken in (with the id of the first)
 * @throws AppError when a service refuses the file (the caller records it FAILED)
 */
export async function processFile(tx: Db, principal: Principal, audit: AuditTrail, file: ClearinghouseFileRow): Promise<FileOutcome> {
  const key = fileKey(file.id);
  if (file.kind === '999' || file.kind === '277CA') {
    const r = await receiveClaimAcknowledgment(tx, principal, audit, { x12: file.raw, idempotencyKey: key });
    const result = { acknowledgmentId: r.acknowledgment.id, batchIds: r.batches.map((b) => b.id), replayed: r.replayed };
    return r.replayed ? { status: 'DUPLICATE', problem: `already received as acknowledgment ${r.acknowledgment.id}`, result } : { status: 'PROCESSED', problem: null, result };
  }
  if (file.kind === '835') {
    const r = await postRemittance(tx, { practiceId: principal.practiceId, userId: principal.userId }, audit, file.raw, key);
    const result = { remittanceId: r.remittance.id, replayed: r.replayed };
    return r.replayed ? { status: 'DUPLICATE', problem: `already posted as remittance ${r.remittance.id}`, result } : { status: 'PROCESSED', problem: null, result };
  }
  throw new AppError('BAD_USER_INPUT', 'the file is not a 999, 277CA or 835 interchange; nothing was applied');
}

/**
 * Processes a file the caller holds locked (processFile in a savepoint) and records the outcome:
 * PROCESSED, DUPLICATE, or FAILED with the refusal (codes and ids, no PHI); audited. An unexpected
 * error is thrown, so the caller's transaction rolls back and the file keeps its status.
 * @returns the file as recorded
 */
export async function processAndRecord(tx: Db, principal: Principal, audit: AuditTrail, file: ClearinghouseFileRow): Promise<ClearinghouseFileRow> {
  let outcome: FileOutcome;
  try {
    outcome = await tx.transaction((sp) => processFile(sp, principal, audit, file));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    outcome = { status: 'FAILED', problem: problemOf(err), result: null };
  }
  const row = await setFileOutcome(tx, principal.practiceId, file.id, outcome);
  await audit.write(tx, 'UPDATE', 'ClearinghouseFile', file.id);
  return row;
}
