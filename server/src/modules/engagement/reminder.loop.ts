import type { Db } from '../../db/client.js';
import { type Periodic, startPeriodic } from '../../lib/periodic.js';
import type { Logger } from '../../logger.js';
import type { ReminderSender } from './reminder.sender.js';
import { deliverDueReminders } from './reminder.worker.js';

/**
 * Runs `deliverDueReminders` every `intervalMs` (runs never overlap in one process; several processes
 * may run it at once — SKIP LOCKED keeps them apart).
 * @returns stop(): waits for a run in progress, then stops
 */
export function startReminderLoop(db: Db, sender: ReminderSender, intervalMs: number, logger: Pick<Logger, 'info' | 'error'>): Periodic {
  return startPeriodic(
    async () => {
      const r = await deliverDueReminders(db, sender, new Date());
      if (r.sent || r.failed) logger.info({ sent: r.sent, failed: r.failed }, 'reminders delivered');
    },
    intervalMs,
    (err) => logger.error({ err: { message: err.message } }, 'reminder delivery failed'),
  );
}
