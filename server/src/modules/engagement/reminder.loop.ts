import type { Db } from '../../db/client.js';
import type { Logger } from '../../logger.js';
import type { ReminderSender } from './reminder.sender.js';
import { deliverDueReminders } from './reminder.worker.js';

/**
 * Runs `deliverDueReminders` every `intervalMs` (runs never overlap in one process; several processes
 * may run it at once — SKIP LOCKED keeps them apart).
 * @returns stop(): waits for a run in progress, then stops
 */
export function startReminderLoop(db: Db, sender: ReminderSender, intervalMs: number, logger: Pick<Logger, 'info' | 'error'>): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    running = deliverDueReminders(db, sender, new Date())
      .then((r) => {
        if (r.sent || r.failed) logger.info({ sent: r.sent, failed: r.failed }, 'reminders delivered');
      })
      .catch((err: Error) => logger.error({ err: { message: err.message } }, 'reminder delivery failed'))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
