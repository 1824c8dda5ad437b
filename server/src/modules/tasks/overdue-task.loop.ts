import type { Db } from '../../db/client.js';
import { type Periodic, startPeriodic } from '../../lib/periodic.js';
import type { Logger } from '../../logger.js';
import type { PubSub } from '../../realtime/pubsub.js';
import { createOverdueOrderTasks } from '../orders/order-overdue.service.js';
import { createOverdueReferralTasks } from '../referrals/referral-overdue.service.js';
import { publishTaskChangesAfterCommit } from './task-change.outbox.js';

/** The user id recorded on tasks the sweep creates. */
export const SWEEP_USER = 'system:overdue-sweep';

/**
 * Every `intervalMs` (OVERDUE_TASK_SWEEP_INTERVAL_SECONDS), gives every practice's overdue referrals and orders their task.
 * Safe with several servers sweeping at once: tasks are made through ensureTasks (one per source key, ever).
 * The tasks made are published on `pubsub` after each commit.
 * @returns stop(): waits for a sweep in progress, then stops
 */
export function startOverdueTaskLoop(db: Db, pubsub: PubSub, intervalMs: number, logger: Pick<Logger, 'info' | 'error'>): Periodic {
  publishTaskChangesAfterCommit(db, pubsub);
  return startPeriodic(
    async () => {
      // Every practice at once (each by its own today): a fixed number of statements, not a loop per practice.
      const created = (await createOverdueReferralTasks(db, null, SWEEP_USER)) + (await createOverdueOrderTasks(db, null, SWEEP_USER));
      if (created) logger.info({ created }, 'tasks created for overdue referrals and orders');
    },
    intervalMs,
    (err) => logger.error({ err: { message: err.message } }, 'overdue task sweep failed'),
  );
}
