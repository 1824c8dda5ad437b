import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { locations } from '../../db/schema/locations.js';
import { patients } from '../../db/schema/patients.js';
import { providers } from '../../db/schema/providers.js';
import { appointments, appointmentTypes } from '../../db/schema/scheduling.js';
import type { PatientRow } from '../patients/patient.mapper.js';
import type { AppointmentTypeRow } from './appointment-type.type.js';
import type { AppointmentRow } from './appointment.mapper.js';
import type { ProviderRow } from '../providers/provider.mapper.js';

export interface ScheduleRow {
  appointment: AppointmentRow;
  patient: PatientRow;
  provider: ProviderRow;
  type: AppointmentTypeRow;
}

export interface DayQuery {
  locationId: string;
  date: string;
  providerIds?: string[] | null;
  includeInactive: boolean;
}

/**
 * One page of a location's day in ONE statement: the day's bounds are computed by PostgreSQL in the
 * location's zone (23/25-hour days included), and patient, provider and type come along by join.
 * Keyset paging on (starts_at, id).
 * @returns null when the location is not the practice's; else up to limit+1 rows in page order
 */
export async function findDayPage(db: Db, practiceId: string, q: DayQuery, limit: number, cursor: [string, string] | null, forward: boolean): Promise<ScheduleRow[] | null> {
  const on: SQL[] = [
    eq(appointments.practiceId, practiceId),
    eq(appointments.locationId, locations.id),
    sql`${appointments.startsAt} >= (${q.date}::date::timestamp at time zone ${locations.timeZone})`,
    sql`${appointments.startsAt} < ((${q.date}::date + 1)::timestamp at time zone ${locations.timeZone})`,
  ];
  if (q.providerIds?.length) on.push(inArray(appointments.providerId, q.providerIds));
  if (!q.includeInactive) on.push(eq(appointments.active, true));
  if (cursor) {
    const at = cursor[0];
    on.push(forward ? sql`(${appointments.startsAt}, ${appointments.id}) > (${at}::timestamptz, ${cursor[1]}::uuid)` : sql`(${appointments.startsAt}, ${appointments.id}) < (${at}::timestamptz, ${cursor[1]}::uuid)`);
  }
  const dir = forward ? asc : desc;
  const rows = await db
    .select({ appointment: appointments, patient: patients, provider: providers, type: appointmentTypes })
    .from(locations)
    .leftJoin(appointments, and(...on))
    .leftJoin(patients, eq(patients.id, appointments.patientId))
    .leftJoin(providers, eq(providers.id, appointments.providerId))
    .leftJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .where(and(eq(locations.practiceId, practiceId), eq(locations.id, q.locationId)))
    .orderBy(dir(appointments.startsAt), dir(appointments.id))
    .limit(limit + 1);
  if (rows.length === 0) return null;
  return rows.filter((r) => r.appointment !== null) as ScheduleRow[];
}

/**
 * Patients who have arrived (checked in, not yet roomed) for an appointment starting within a day of now,
 * at a location, longest-waiting first, in one
 * statement. @returns null when the location is not the practice's
 */
export async function findWaiting(db: Db, practiceId: string, locationId: string, limit: number): Promise<ScheduleRow[] | null> {
  const rows = await db
    .select({ appointment: appointments, patient: patients, provider: providers, type: appointmentTypes })
    .from(locations)
    .leftJoin(appointments, and(eq(appointments.practiceId, practiceId), eq(appointments.locationId, locations.id), eq(appointments.status, 'ARRIVED'),
      // Bounded to around today so the (practice, location, starts_at) index serves it.
      sql`${appointments.startsAt} between now() - interval '1 day' and now() + interval '1 day'`))
    .leftJoin(patients, eq(patients.id, appointments.patientId))
    .leftJoin(providers, eq(providers.id, appointments.providerId))
    .leftJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .where(and(eq(locations.practiceId, practiceId), eq(locations.id, locationId)))
    .orderBy(asc(appointments.arrivedAt), asc(appointments.id))
    .limit(limit);
  if (rows.length === 0) return null;
  return rows.filter((r) => r.appointment !== null) as ScheduleRow[];
}
