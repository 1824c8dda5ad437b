import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
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

const camelCache = new Map<string, string>();
const camel = (key: string) => {
  let c = camelCache.get(key);
  if (c === undefined) {
    c = key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
    camelCache.set(key, c);
  }
  return c;
};

/** A `to_json(row)` object (snake_case keys, instants as strings) → the drizzle row shape. */
function fromJson<T>(o: Record<string, unknown>, instants: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k in o) out[camel(k)] = o[k];
  for (const k of instants) if (out[k] != null) out[k] = new Date(out[k] as string);
  return out as T;
}

const STAMPS = ['createdAt', 'updatedAt'] as const;
const APPOINTMENT_INSTANTS = ['startsAt', 'endsAt', 'cancelledAt', 'arrivedAt', ...STAMPS] as const;

/**
 * One page of a location's day in ONE statement: the day's bounds are computed by PostgreSQL in the
 * location's zone (23/25-hour days included), and patient, provider and type come along by join. The
 * page is returned as one JSON text (parsed once in Node, cheaper than mapping ~70 columns per row).
 * Keyset paging on (starts_at, id).
 * @returns null when the location is not the practice's; else up to limit+1 rows in page order
 */
export async function findDayPage(db: Db, practiceId: string, q: DayQuery, limit: number, cursor: [string, string] | null, forward: boolean): Promise<ScheduleRow[] | null> {
  const where: SQL[] = [
    sql`a.practice_id = ${practiceId}`,
    sql`a.location_id = l.id`,
    sql`a.starts_at >= (${q.date}::date::timestamp at time zone l.time_zone)`,
    sql`a.starts_at < ((${q.date}::date + 1)::timestamp at time zone l.time_zone)`,
  ];
  if (q.providerIds?.length) where.push(sql`a.provider_id in (${sql.join(q.providerIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (!q.includeInactive) where.push(sql`a.active`);
  if (cursor) where.push(forward ? sql`(a.starts_at, a.id) > (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : sql`(a.starts_at, a.id) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`);
  const dir = forward ? sql`asc` : sql`desc`;
  const result = await db.execute(sql`
    select (
      select coalesce(json_agg(json_build_object('a', to_json(a), 'p', to_json(p), 'v', to_json(v), 't', to_json(t)) order by a.starts_at ${dir}, a.id ${dir}), '[]')::text
        from (select * from appointments a where ${sql.join(where, sql` and `)} order by a.starts_at ${dir}, a.id ${dir} limit ${limit + 1}) a
        join patients p on p.id = a.patient_id
        join providers v on v.id = a.provider_id
        join appointment_types t on t.id = a.appointment_type_id
    ) as page
    from locations l where l.practice_id = ${practiceId} and l.id = ${q.locationId}`);
  const [row] = rowsOf<{ page: string }>(result);
  if (!row) return null;
  return (JSON.parse(row.page) as Record<string, Record<string, unknown>>[]).map((r) => ({
    appointment: fromJson<AppointmentRow>(r.a!, APPOINTMENT_INSTANTS),
    patient: fromJson<PatientRow>(r.p!, STAMPS),
    provider: fromJson<ProviderRow>(r.v!, STAMPS),
    type: fromJson<AppointmentTypeRow>(r.t!, STAMPS),
  }));
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
