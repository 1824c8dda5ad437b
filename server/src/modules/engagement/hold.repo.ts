import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';

/** A hold that stopped holding: enough to publish the change (ids only). */
export interface ReleasedHold {
  id: string;
  providerId: string;
  locationId: string;
  startsAt: Date;
}

/**
 * Releases expired waitlist holds so they stop blocking: HELD appointments whose hold_expires_at has
 * passed become CANCELLED (cancel_reason HOLD_EXPIRED), their offers EXPIRED and their waitlist
 * entries WAITING again. One statement.
 *
 * Booking code calls this inside its transaction, before inserting, for the provider, patient and
 * time it is about to take — an expired hold still counts as "active" for the exclusion constraints
 * until released. Without a scope it sweeps the whole practice (a periodic job).
 * @param scope - providerId and/or patientId (either matches) and the range [startsAt, endsAt)
 * @returns the released holds
 */
export async function releaseExpiredHolds(tx: Db, practiceId: string, scope: { providerId?: string | null; patientId?: string | null; startsAt?: Date; endsAt?: Date } = {}): Promise<ReleasedHold[]> {
  const who =
    scope.providerId && scope.patientId
      ? sql`and (a.provider_id = ${scope.providerId} or a.patient_id = ${scope.patientId})`
      : scope.providerId
        ? sql`and a.provider_id = ${scope.providerId}`
        : scope.patientId
          ? sql`and a.patient_id = ${scope.patientId}`
          : sql``;
  const when =
    scope.startsAt && scope.endsAt
      ? sql`and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(${scope.startsAt.toISOString()}::timestamptz, ${scope.endsAt.toISOString()}::timestamptz, '[)')`
      : sql``;
  const rows = rowsOf<{ id: string; provider_id: string; location_id: string; starts_at: string | Date }>(
    await tx.execute(sql`
      with released as (
        update appointments a
           set status = 'CANCELLED', cancel_reason = 'HOLD_EXPIRED', cancelled_by = 'system', cancelled_at = now(),
               updated_at = now(), version = a.version + 1
         where a.practice_id = ${practiceId} and a.status = 'HELD' and a.hold_expires_at <= now() ${who} ${when}
        returning a.id, a.provider_id, a.location_id, a.starts_at
      ), offers as (
        update waitlist_offers o set status = 'EXPIRED', updated_at = now(), version = o.version + 1
         where o.appointment_id in (select id from released) and o.status = 'PENDING'
        returning o.waitlist_entry_id
      ), reopened as (
        update waitlist_entries e set status = 'WAITING', updated_at = now(), version = e.version + 1
         where e.id in (select waitlist_entry_id from offers) and e.status = 'OFFERED'
        returning e.id
      )
      select id, provider_id, location_id, starts_at from released`),
  );
  return rows.map((r) => ({ id: r.id, providerId: r.provider_id, locationId: r.location_id, startsAt: new Date(r.starts_at) }));
}
