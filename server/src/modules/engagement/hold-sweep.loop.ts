import type { Db } from '../../db/client.js';
import { type Periodic, startPeriodic } from '../../lib/periodic.js';
import type { Logger } from '../../logger.js';
import type { PubSub } from '../../realtime/pubsub.js';
import { sweepExpiredHolds } from './hold.service.js';

/**
 * Releases expired waitlist holds every `intervalMs` (HOLD_SWEEP_INTERVAL_SECONDS), so a lapsed offer
 * frees its slot, reopens the waitlist entry and updates the screens without waiting for a booking to
 * collide with it. Runs never overlap in one process; several servers may sweep at once.
 * @returns stop(): waits for a sweep in progress, then stops (call before closing pub/sub and database)
 */
export function startHoldSweepLoop(db: Db, pubsub: PubSub, intervalMs: number, logger: Pick<Logger, 'info' | 'error'>): Periodic {
  return startPeriodic(
    async () => {
      const released = await sweepExpiredHolds(db, pubsub);
      if (released.length) logger.info({ released: released.length }, 'expired waitlist holds released');
    },
    intervalMs,
    (err) => logger.error({ err: { message: err.message } }, 'hold sweep failed'),
  );
}
