import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { locations } from '../../db/schema/locations.js';
import { appointments } from '../../db/schema/scheduling.js';

export type AppointmentRow = typeof appointments.$inferSelect;

export interface RefIds {
  patientId?: string | null;
  providerId?: string | null;
  appointmentTypeId?: string | null;
  locationId?: string | null;
  appointmentId?: string | null;
}

/**
 * Which of the given ids exist in the practice, in one statement. Another practice's id counts as
 * missing.
 * @returns the names of the keys whose record is missing
 */
export async function findMissingRefs(db: Db, practiceId: string, ids: RefIds): Promise<(keyof RefIds)[]> {
  const tables: Record<keyof RefIds, string> = {
    patientId: 'patients',
    providerId: 'providers',
    appointmentTypeId: 'appointment_types',
    locationId: 'locations',
    appointmentId: 'appointments',
  };
  const wanted = (Object.keys(tables) as (keyof RefIds)[]).filter((k) => ids[k]);
  if (wanted.length === 0) return [];
  const parts = wanted.map((k) => sql`select ${k}::text as k from ${sql.identifier(tables[k])} where id = ${ids[k]} and practice_id = ${practiceId}`);
  const found = rowsOf<{ k: string }>(await db.execute(sql.join(parts, sql` union all `)));
  const present = new Set(found.map((r) => r.k));
  return wanted.filter((k) => !present.has(k));
}

/** A location of the practice (time zone and place-of-service code), or null. */
export async function findLocation(db: Db, practiceId: string, id: string) {
  const [row] = await db
    .select({ id: locations.id, timeZone: locations.timeZone, placeOfServiceCode: locations.placeOfServiceCode })
    .from(locations)
    .where(and(eq(locations.practiceId, practiceId), eq(locations.id, id)));
  return row ?? null;
}

/** Appointments of one practice by id, in any order. */
export function findAppointmentsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<AppointmentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(appointments).where(and(eq(appointments.practiceId, practiceId), inArray(appointments.id, [...ids])));
}
