import type { Db } from '../../db/client.js';
import { practices } from '../../db/schema/practices.js';
import { Role } from '../../graphql/roles.js';
import { type Periodic, startPeriodic } from '../../lib/periodic.js';
import type { Logger } from '../../logger.js';
import type { Clearinghouse } from '../../x12/clearinghouse.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { pollClearinghouse } from './inbox-poll.service.js';

/** The user id recorded on what the interval poll applies and posts. */
export const POLL_USER = 'system:clearinghouse-poll';

/**
 * Every `intervalMs` (CLEARINGHOUSE_POLL_INTERVAL_SECONDS), polls each practice's clearinghouse mailbox
 * (pollClearinghouse). Safe with several servers polling at once: files are stored once by mailbox id
 * and processed once (row lock, SKIP LOCKED). Logs counts and ids only.
 * @returns stop(): waits for a poll in progress, then stops
 */
export function startClearinghousePollLoop(db: Db, clearinghouse: Clearinghouse, intervalMs: number, logger: Pick<Logger, 'info' | 'error'>): Periodic {
  return startPeriodic(
    async () => {
      for (const { id } of await db.select({ id: practices.id }).from(practices)) {
        const principal = { userId: POLL_USER, practiceId: id, roles: [Role.BILLER] };
        const audit = new AuditTrail(principal, 'clearinghouse-poll', 'pollClearinghouse');
        const done = await pollClearinghouse(db, clearinghouse, principal, audit);
        await audit.flush(db);
        const failed = done.processed.filter((f) => f.status === 'FAILED').map((f) => f.id);
        if (done.fetched || done.processed.length || done.mailboxProblem) logger.info({ practiceId: id, fetched: done.fetched, processed: done.processed.length, failed, mailboxProblem: done.mailboxProblem }, 'clearinghouse mailbox polled');
      }
    },
    intervalMs,
    (err) => logger.error({ err: { message: err.message } }, 'clearinghouse poll failed'),
  );
}
