import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';

/** A hold that stopped holding: enough to audit and publish the change (ids only). */
export interface ReleasedHold {
  id: string;
  practiceId: string;
  patientId: string;
  providerId: string;
  locationId: string;
  startsAt: Date;
  /** The offer that expired with it (null when the hold had no pending offer). */
  offerId: string | null;
}

/** Who releases expired holds, in the status history (`changed_by`), `cancelled_by` and the audit trail. */
export const SYSTEM_USER = 'system';

type Row = { id: string; practice_id: string; patient_id: string; provider_id: string; location_id: string; starts_at: string | Date; offer_id: string | null };

/**
 * The one release statement both paths share: expired HELD appointments matching `where` become
 * CANCELLED (cancel_reason HOLD_EXPIRED, by `system`) with a status history row, their pending offers
 * EXPIRED and their waitlist entries WAITING again.
 * @param claim - an optional locking SELECT of candidate ids, run once as the CTE `claimed`
 */
async function release(tx: Db, where: SQL, claim?: SQL): Promise<ReleasedHold[]> {
  const rows = rowsOf<Row>(
    await tx.execute(sql`
      with ${claim ? sql`claimed as (${claim}),` : sql``} released as (
        update appointments a
           set status = 'CANCELLED', cancel_reason = 'HOLD_EXPIRED', cancelled_by = ${SYSTEM_USER}, cancelled_at = now(),
               updated_at = now(), version = a.version + 1
         where a.status = 'HELD' and a.hold_expires_at <= now() and ${where}
        returning a.id, a.practice_id, a.patient_id, a.provider_id, a.location_id, a.starts_at
      ), history as (
        insert into appointment_status_history (practice_id, appointment_id, from_status, to_status, changed_by, note)
        select practice_id, id, 'HELD', 'CANCELLED', ${SYSTEM_USER}, 'HOLD_EXPIRED' from released
      ), offers as (
        update waitlist_offers o set status = 'EXPIRED', updated_at = now(), version = o.version + 1
         where o.appointment_id in (select id from released) and o.status = 'PENDING'
        returning o.id, o.appointment_id, o.waitlist_entry_id
      ), reopened as (
        update waitlist_entries e set status = 'WAITING', updated_at = now(), version = e.version + 1
         where e.id in (select waitlist_entry_id from offers) and e.status = 'OFFERED'
        returning e.id
      )
      select r.id, r.practice_id, r.patient_id, r.provider_id, r.location_id, r.starts_at, o.id as offer_id
        from released r left join offers o on o.appointment_id = r.id
       order by r.practice_id, r.starts_at, r.id`),
  );
  return rows.map((r) => ({
    id: r.id,
    practiceId: r.practice_id,
    patientId: r.patient_id,
    providerId: r.provider_id,
    locationId: r.location_id,
    startsAt: new Date(r.starts_at),
    offerId: r.offer_id,
  }));
}

/**
 * Releases the expired waitlist holds of one practice that are in the way of a booking. One statement.
 *
 * Booking code calls this inside its transaction, before inserting, for the provider, patient and
 * time it is about to take — an expired hold still counts as "active" for the exclusion constraints
 * until released. Call it through `releaseHoldsInScope` (hold.service.ts), which also audits.
 * @param scope - providerId and/or patientId (either matches) and the range [startsAt, endsAt); without one, the whole practice
 * @returns the released holds
 */
export function releaseExpiredHolds(tx: Db, practiceId: string, scope: { providerId?: string | null; patientId?: string | null; startsAt?: Date; endsAt?: Date } = {}): Promise<ReleasedHold[]> {
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
  return release(tx, sql`a.practice_id = ${practiceId} ${who} ${when}`);
}

/**
 * Releases up to `limit` expired holds of every practice, oldest expiry first (the background sweep).
 * The candidates are claimed with FOR UPDATE SKIP LOCKED, so sweeps on several servers at once never
 * take the same hold, and a booking releasing a hold at the same moment wins or waits, never doubles.
 * @returns the released holds (fewer than `limit` once no expired hold is left unclaimed)
 */
export function releaseExpiredHoldBatch(tx: Db, limit: number): Promise<ReleasedHold[]> {
  return release(
    tx,
    sql`a.id in (select id from claimed)`,
    sql`select h.id from appointments h where h.status = 'HELD' and h.hold_expires_at <= now()
         order by h.hold_expires_at limit ${limit} for update skip locked`,
  );
}
