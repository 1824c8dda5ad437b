import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { PubSub } from '../../realtime/pubsub.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { publishAppointmentChanged } from './appointment-change.publisher.js';
import { type ReleasedHold, releaseExpiredHoldBatch, releaseExpiredHolds, SYSTEM_USER } from './hold.repo.js';

/** Audits each release on the caller's transaction: the appointment changed, and so did its offer. */
async function auditReleased(tx: Db, trailOf: (practiceId: string) => AuditTrail, holds: ReleasedHold[]): Promise<void> {
  for (const h of holds) {
    const trail = trailOf(h.practiceId);
    await trail.write(tx, 'UPDATE', 'Appointment', h.id, h.patientId);
    if (h.offerId) await trail.write(tx, 'UPDATE', 'WaitlistOffer', h.offerId, h.patientId);
  }
}

/**
 * Releases (and audits, as the current request) the expired holds in the way of a booking: call inside
 * the booking transaction before taking the time, then `announceReleasedHolds` after commit.
 * @param scope - see releaseExpiredHolds
 * @returns the released holds
 */
export async function releaseHoldsInScope(tx: Db, audit: AuditTrail, practiceId: string, scope: Parameters<typeof releaseExpiredHolds>[2]): Promise<ReleasedHold[]> {
  const released = await releaseExpiredHolds(tx, practiceId, scope);
  await auditReleased(tx, () => audit, released);
  return released;
}

/** Tells each location's screens that its released holds are CANCELLED (after commit; never throws). */
export async function announceReleasedHolds(pubsub: PubSub, holds: readonly ReleasedHold[]): Promise<void> {
  for (const h of holds) {
    await publishAppointmentChanged(pubsub, { practiceId: h.practiceId, appointmentId: h.id, kind: 'CANCELLED', status: 'CANCELLED', startsAt: h.startsAt, providerId: h.providerId, locationId: h.locationId });
  }
}

/**
 * Releases every expired waitlist hold of every practice, exactly as a colliding booking would (status
 * history, audit as `system`, offer EXPIRED, entry WAITING again, CANCELLED published), a batch per
 * transaction. Safe to run from several servers at once: each batch claims its holds with
 * FOR UPDATE SKIP LOCKED, so a hold is released once.
 * @param db - the database (not a transaction: each batch commits on its own, then is published)
 * @param opts - batchSize: holds per transaction (default 100)
 * @returns the holds this call released
 */
export async function sweepExpiredHolds(db: Db, pubsub: PubSub, opts: { batchSize?: number } = {}): Promise<ReleasedHold[]> {
  const batchSize = opts.batchSize ?? 100;
  const requestId = `hold-sweep-${randomUUID()}`;
  const trails = new Map<string, AuditTrail>();
  const trailOf = (practiceId: string) => {
    const trail = trails.get(practiceId) ?? new AuditTrail({ practiceId, userId: SYSTEM_USER, roles: [] }, requestId, 'sweepExpiredHolds');
    trails.set(practiceId, trail);
    return trail;
  };
  const all: ReleasedHold[] = [];
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const released = await releaseExpiredHoldBatch(tx, batchSize);
      await auditReleased(tx, trailOf, released);
      return released;
    });
    await announceReleasedHolds(pubsub, batch);
    all.push(...batch);
    if (batch.length < batchSize) return all;
  }
}
