import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';

/**
 * A file taken from the practice's clearinghouse mailbox (999, 277CA or 835 ERA). It is stored here
 * before the clearinghouse is told it may delete it, so nothing fetched is lost; then it is processed
 * through the claims and remittance services, each file in its own transaction.
 *
 * status: RECEIVED (stored, not yet processed — also after a crash), PROCESSED, FAILED (processing
 * refused it: `problem` says why, in codes and ids only), DUPLICATE (the same text came before under
 * another mailbox id; not processed again).
 */
export const clearinghouseFiles = pgTable(
  'clearinghouse_files',
  {
    ...domainColumns(),
    /** The clearinghouse's id of the file in the mailbox: a file fetched twice is stored once. */
    remoteId: text().notNull(),
    /** The name the clearinghouse gave it. */
    remoteName: text().notNull(),
    /** 999, 277CA, 835, or UNKNOWN (not an X12 interchange of those kinds). */
    kind: text().notNull(),
    sha256: text().notNull(),
    /** ISA13 of the file. */
    interchangeControlNumber: text(),
    /** GS06 of the file. */
    groupControlNumber: text(),
    raw: text().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: text().notNull().default('RECEIVED'),
    processedAt: timestamp({ withTimezone: true }),
    problem: text(),
    /** What processing made: the claim acknowledgment or remittance id. */
    result: jsonb().$type<{ acknowledgmentId?: string; remittanceId?: string; batchIds?: string[]; replayed?: boolean }>(),
  },
  (t) => [
    uniqueIndex('clearinghouse_files_remote').on(t.practiceId, t.remoteId),
    index('clearinghouse_files_page').on(t.practiceId, t.receivedAt, t.id),
    index('clearinghouse_files_sha').on(t.practiceId, t.sha256),
    index('clearinghouse_files_pending').on(t.practiceId).where(sql`${t.status} = 'RECEIVED'`),
    check('clearinghouse_files_kind', sql`${t.kind} in ('999', '277CA', '835', 'UNKNOWN')`),
    check('clearinghouse_files_status', sql`${t.status} in ('RECEIVED', 'PROCESSED', 'FAILED', 'DUPLICATE')`),
  ],
);
