import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { findSlots, type Slot } from '../scheduling/slot-finder.js';
import { loadSlotInputs } from '../scheduling/slot.repo.js';
import { epochDay, localDateOf } from '../scheduling/zoned-time.js';

/** How far ahead the third open slot is looked for; a provider with fewer open slots gets no snapshot that day. */
export const TNAA_HORIZON_DAYS = 60;
const DAY_MS = 86_400_000;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/**
 * Records today's third-next-available appointment of every provider at every location of a practice:
 * the slot finder (the one booking uses) looks for open slots of the practice's reference visit type
 * (its most booked active type of the last 90 days) from `now`, without minimum notice, and the snapshot
 * keeps the whole local days from today to the third one. Replaces the day's earlier snapshot.
 * @returns how many snapshots were written
 */
export async function snapshotThirdNextAvailable(db: Db, practiceId: string, now: Date): Promise<number> {
  const [type] = rowsOf<{ duration: number; before: number; after: number }>(
    await db.execute(sql`select t.duration_minutes as duration, t.buffer_before_minutes as before, t.buffer_after_minutes as after
      from appointment_types t where t.practice_id = ${practiceId} and t.active
      order by (select count(*) from appointments a where a.appointment_type_id = t.id and a.starts_at > ${now.toISOString()}::timestamptz - interval '90 days'
                  and a.starts_at <= ${now.toISOString()}::timestamptz) desc, t.name, t.id limit 1`),
  );
  if (!type) return 0;
  const locations = rowsOf<{ id: string; time_zone: string }>(await db.execute(sql`select id::text as id, time_zone from locations where practice_id = ${practiceId}`));
  const to = new Date(now.getTime() + TNAA_HORIZON_DAYS * DAY_MS);
  const rows: { day: string; providerId: string; locationId: string; days: number }[] = [];
  for (const loc of locations) {
    const inputs = await loadSlotInputs(db, practiceId, loc.id, null, now, to);
    const rules = { durationMinutes: Number(type.duration), bufferBeforeMinutes: Number(type.before), bufferAfterMinutes: Number(type.after), minNoticeMinutes: 0, maxAdvanceDays: TNAA_HORIZON_DAYS };
    const slots = findSlots({ zone: loc.time_zone, from: now.getTime(), to: to.getTime(), now: now.getTime(), type: rules, ...inputs }, inputs.providerIds);
    const today = localDateOf(loc.time_zone, now.getTime());
    const byProvider = new Map<string, Slot[]>();
    for (const s of slots) byProvider.set(s.providerId, [...(byProvider.get(s.providerId) ?? []), s]);
    for (const [providerId, list] of byProvider) {
      const third = list[2];
      if (third) rows.push({ day: today, providerId, locationId: loc.id, days: epochDay(localDateOf(loc.time_zone, third.start)) - epochDay(today) });
    }
  }
  if (rows.length === 0) return 0;
  await db.execute(sql`insert into analytics_tnaa_snapshots (practice_id, day, provider_id, location_id, days, measured_at)
    values ${sql.join(rows.map((r) => sql`(${practiceId}, ${r.day}::date, ${r.providerId}::uuid, ${r.locationId}::uuid, ${r.days}, ${now.toISOString()}::timestamptz)`), sql`, `)}
    on conflict (practice_id, day, provider_id, location_id) do update set days = excluded.days, measured_at = excluded.measured_at`);
  return rows.length;
}
