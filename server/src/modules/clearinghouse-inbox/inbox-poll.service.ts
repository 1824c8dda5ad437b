import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { type Clearinghouse, ClearinghouseError, type MailboxEntry } from '../../x12/clearinghouse.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { describeFile, processAndRecord } from './inbox-process.js';
import { type ClearinghouseFileRow, hasFileWithText, insertFetchedFile, lockNextReceived } from './inbox.repo.js';

/** The practice's mailbox at the clearinghouse: its id. */
export const mailboxOf = (practiceId: string) => practiceId;

/** What one poll did. */
export interface PollResult {
  /** Files taken from the mailbox and stored (or found stored) this time. */
  fetched: number;
  /** Files processed this time (also ones stored by an earlier, interrupted poll), in order. */
  processed: ClearinghouseFileRow[];
  /** Why the mailbox could not be read or a file not fetched or acknowledged (kind only); null when all went well. */
  mailboxProblem: string | null;
}

const MAX_FILES_PER_POLL = 200;
const sha256Of = (text: string) => createHash('sha256').update(text).digest('hex');
const transportProblem = (step: string, err: ClearinghouseError) => `${step}: ${err.kind}`;

/**
 * Takes every waiting file from the mailbox: fetches it, stores it (clearinghouse_files, RECEIVED — or
 * DUPLICATE when the same text came before under another mailbox id), and only then acknowledges it
 * to the clearinghouse, so a file is never lost: a poll that stops after storing leaves it stored, one
 * that stops before leaves it in the mailbox, and a file fetched twice is stored once (by mailbox id).
 * @returns how many files were taken and the first transport problem (the rest waits for the next poll)
 */
async function fetchAll(db: Db, clearinghouse: Clearinghouse, practiceId: string): Promise<{ fetched: number; problem: string | null }> {
  const mailbox = mailboxOf(practiceId);
  let entries: MailboxEntry[];
  try {
    entries = await clearinghouse.listMailbox(mailbox);
  } catch (err) {
    if (err instanceof ClearinghouseError) return { fetched: 0, problem: transportProblem('listing the mailbox', err) };
    throw err;
  }
  let fetched = 0;
  let last = 0;
  for (const entry of entries.slice(0, MAX_FILES_PER_POLL)) {
    let raw: string;
    try {
      raw = await clearinghouse.fetchMailboxFile(mailbox, entry.id);
    } catch (err) {
      if (err instanceof ClearinghouseError) return { fetched, problem: transportProblem(`fetching file ${entry.id}`, err) };
      throw err;
    }
    const sha256 = sha256Of(raw);
    const duplicate = await hasFileWithText(db, practiceId, sha256, entry.id);
    // Millisecond instants (what a cursor carries), increasing in mailbox order: files are processed and paged in the order they came.
    last = Math.max(Date.now(), last + 1);
    await insertFetchedFile(db, practiceId, { remoteId: entry.id, remoteName: entry.name.slice(0, 200), sha256, raw, receivedAt: new Date(last), status: duplicate ? 'DUPLICATE' : 'RECEIVED', ...describeFile(raw) });
    try {
      await clearinghouse.acknowledgeMailboxFile(mailbox, entry.id);
    } catch (err) {
      // Stored already: the file is fetched again next time and found stored by its mailbox id.
      if (err instanceof ClearinghouseError) return { fetched: fetched + 1, problem: transportProblem(`acknowledging file ${entry.id}`, err) };
      throw err;
    }
    fetched++;
  }
  return { fetched, problem: null };
}

/**
 * Processes the oldest stored file still RECEIVED, in its own transaction with the row locked (SKIP
 * LOCKED: a concurrent poll takes the next one): PROCESSED, DUPLICATE, or FAILED with the refusal
 * (codes and ids, no PHI). An unexpected error leaves the file RECEIVED for the next poll.
 * @returns the file as recorded, or null when none waits
 */
async function processNext(db: Db, principal: Principal, audit: AuditTrail): Promise<ClearinghouseFileRow | null> {
  return db.transaction(async (tx) => {
    const file = await lockNextReceived(tx, principal.practiceId);
    if (!file) return null;
    return processAndRecord(tx, principal, audit, file);
  });
}

/**
 * Polls the practice's clearinghouse mailbox (pollClearinghouse, and the interval job): takes the waiting
 * 999, 277CA and 835 files (stored before they are acknowledged, see fetchAll), then processes every
 * stored file still waiting — also ones an interrupted poll stored — one transaction each, through
 * receiveClaimAcknowledgment and postRemittance under the file's own idempotency key. Safe to run twice
 * at once: each file is stored once and processed once.
 * @returns what was fetched and processed, and a transport problem (the poll still processes what it holds)
 */
export async function pollClearinghouse(db: Db, clearinghouse: Clearinghouse, principal: Principal, audit: AuditTrail): Promise<PollResult> {
  const { fetched, problem } = await fetchAll(db, clearinghouse, principal.practiceId);
  const processed: ClearinghouseFileRow[] = [];
  for (let i = 0; i < MAX_FILES_PER_POLL * 2; i++) {
    const row = await processNext(db, principal, audit);
    if (!row) break;
    processed.push(row);
  }
  return { fetched, processed, mailboxProblem: problem };
}
