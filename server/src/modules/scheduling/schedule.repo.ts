import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { CompiledNode } from '../../db/compile/node-sql.js';
import { readTreePage, type TreeRow } from '../../db/compile/tree-page.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import { projection } from '../../db/projection.js';
import { locations } from '../../db/schema/locations.js';
import { patients } from '../../db/schema/patients.js';
import { providers } from '../../db/schema/providers.js';
import { appointments, appointmentTypes } from '../../db/schema/scheduling.js';
import { PATIENT_FIELD_COLUMNS, type PatientRow } from '../patients/patient.mapper.js';
import type { AppointmentTypeRow } from './appointment-type.type.js';
import type { AppointmentRow } from './appointment.mapper.js';
import type { ProviderRow } from '../providers/provider.mapper.js';

/**
 * A row of the day view. The day view reads only the columns its request selected, so outside the
 * always-present keys a row's other columns may be undefined; related rows are absent when not selected.
 */
export interface ScheduleRow {
  appointment: AppointmentRow;
  patient?: PatientRow;
  provider?: ProviderRow;
  type?: AppointmentTypeRow;
}

/**
 * GraphQL fields the request selected on each object (names as in the schema); a related object that is
 * absent is not joined at all. Rows then hold only the columns serving those fields (plus ids).
 */
export interface DayFields {
  appointment: Iterable<string>;
  patient?: Iterable<string>;
  provider?: Iterable<string>;
  type?: Iterable<string>;
}

/** Appointment columns every day-view row carries: ids (for nested resolvers and loaders) and the sort key. */
const APPOINTMENT_KEYS = ['id', 'patientId', 'providerId', 'locationId', 'appointmentTypeId', 'startsAt'] as const;
/** Appointment fields resolved from a column of another name (`room` is looked up by `room_id`). */
const APPOINTMENT_FIELD_COLUMNS = { room: ['roomId'] } as const;

export interface DayQuery {
  locationId: string;
  date: string;
  providerIds?: string[] | null;
  includeInactive: boolean;
}

/** Which statement a day page needs: the columns read and the optional filters present. */
interface DayShape {
  selection: Record<string, Record<string, unknown>>;
  byProvider: boolean;
  includeInactive: boolean;
  cursor: boolean;
  forward: boolean;
}

const p = sql.placeholder;

function buildDayStatement(db: Db, shape: DayShape) {
  const on: SQL[] = [
    eq(appointments.practiceId, p('practiceId')),
    eq(appointments.locationId, locations.id),
    sql`${appointments.startsAt} >= (${p('date')}::date::timestamp at time zone ${locations.timeZone})`,
    sql`${appointments.startsAt} < ((${p('date')}::date + 1)::timestamp at time zone ${locations.timeZone})`,
  ];
  if (shape.byProvider) on.push(sql`${appointments.providerId} = any(${p('providerIds')}::uuid[])`);
  if (!shape.includeInactive) on.push(eq(appointments.active, true));
  if (shape.cursor) {
    const key = sql`(${p('cursorAt')}::timestamptz, ${p('cursorId')}::uuid)`;
    on.push(shape.forward ? sql`(${appointments.startsAt}, ${appointments.id}) > ${key}` : sql`(${appointments.startsAt}, ${appointments.id}) < ${key}`);
  }
  const dir = shape.forward ? asc : desc;
  const { selection } = shape;
  let query = db.select(selection as { appointment: typeof appointments._.columns }).from(locations).leftJoin(appointments, and(...on)).$dynamic();
  if (selection.patient) query = query.leftJoin(patients, eq(patients.id, appointments.patientId));
  if (selection.provider) query = query.leftJoin(providers, eq(providers.id, appointments.providerId));
  if (selection.type) query = query.leftJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId));
  return query
    .where(and(eq(locations.practiceId, p('practiceId')), eq(locations.id, p('locationId'))))
    .orderBy(dir(appointments.startsAt), dir(appointments.id))
    .limit(p('limit'))
    .prepare('day_page');
}

type DayStatement = ReturnType<typeof buildDayStatement>;

/** Statements per database handle and shape. Shapes come from client selections, so the cache is bounded. */
const statements = new WeakMap<Db, Map<string, DayStatement>>();
const MAX_SHAPES = 64;

/** Building a statement costs more Node CPU than running it, so each shape is built once per handle. */
function dayStatement(db: Db, shape: DayShape): DayStatement {
  const byShape = statements.get(db) ?? new Map<string, DayStatement>();
  statements.set(db, byShape);
  const { selection, ...flags } = shape;
  const key = JSON.stringify([Object.entries(selection).map(([k, cols]) => [k, Object.keys(cols)]), flags]);
  let statement = byShape.get(key);
  if (!statement) {
    if (byShape.size >= MAX_SHAPES) byShape.delete(byShape.keys().next().value!);
    statement = buildDayStatement(db, shape);
    byShape.set(key, statement);
  }
  return statement;
}

/**
 * One page of a location's day in ONE statement: the day's bounds are computed by PostgreSQL in the
 * location's zone (23/25-hour days included), and patient, provider and type come along by join when
 * selected. Only the columns serving the selected fields are read. Keyset paging on (starts_at, id).
 * @returns null when the location is not the practice's; else up to limit+1 rows in page order
 */
export async function findDayPage(db: Db, practiceId: string, q: DayQuery, fields: DayFields, limit: number, cursor: [string, string] | null, forward: boolean): Promise<ScheduleRow[] | null> {
  const selection: Record<string, Record<string, unknown>> = { appointment: projection(appointments, fields.appointment, APPOINTMENT_KEYS, APPOINTMENT_FIELD_COLUMNS) };
  if (fields.patient) selection.patient = projection(patients, fields.patient, ['id'], PATIENT_FIELD_COLUMNS);
  if (fields.provider) selection.provider = projection(providers, fields.provider, ['id']);
  if (fields.type) selection.type = projection(appointmentTypes, fields.type, ['id']);
  const byProvider = Boolean(q.providerIds?.length);
  const statement = dayStatement(db, { selection, byProvider, includeInactive: q.includeInactive, cursor: cursor !== null, forward });
  const rows = await statement.execute({
    practiceId,
    locationId: q.locationId,
    date: q.date,
    // An array literal (ids are validated uuids) binds the same way on postgres.js and PGlite.
    providerIds: byProvider ? `{${q.providerIds!.join(',')}}` : undefined,
    cursorAt: cursor?.[0],
    cursorId: cursor?.[1],
    limit: limit + 1,
  });
  if (rows.length === 0) return null;
  return rows.filter((r) => r.appointment !== null) as unknown as ScheduleRow[];
}

/**
 * The same page as `findDayPage`, read as trees shaped like the GraphQL selection (patient, provider,
 * type… as the compiled node says) in ONE statement, which also tells whether the location is the
 * practice's. The day's bounds are computed in the location's zone; keyset on (starts_at, id).
 * @returns null when the location is not the practice's; else up to limit+1 rows in page order, each
 *   with its key (starts_at as PostgreSQL prints it, id)
 */
export async function findDayTrees(db: Db, practiceId: string, q: DayQuery, limit: number, cursor: [string, string] | null, forward: boolean, node: CompiledNode, sel: TreeSelection): Promise<TreeRow[] | null> {
  const a = appointments;
  const owner = and(eq(locations.practiceId, practiceId), eq(locations.id, q.locationId));
  // The day's bounds as scalar subqueries (computed once): joining the location instead lets the planner
  // put appointments outside and filter the location's whole history instead of an index range.
  const bound = (days: number) => sql`(select (${q.date}::date + ${days}::int)::timestamp at time zone ${locations.timeZone} from ${locations} where ${owner})`;
  const where: SQL[] = [eq(a.practiceId, practiceId), eq(a.locationId, q.locationId), sql`${a.startsAt} >= ${bound(0)}`, sql`${a.startsAt} < ${bound(1)}`];
  // An array literal (ids are validated uuids) binds the same way on postgres.js and PGlite.
  if (q.providerIds?.length) where.push(sql`${a.providerId} = any(${`{${q.providerIds.join(',')}}`}::uuid[])`);
  if (!q.includeInactive) where.push(eq(a.active, true));
  if (cursor) {
    const key = sql`(${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`;
    where.push(forward ? sql`(${a.startsAt}, ${a.id}) > ${key}` : sql`(${a.startsAt}, ${a.id}) < ${key}`);
  }
  const dir = forward ? '' : ' desc';
  const rows = sql`select * from ${a} where ${and(...where)} order by ${a.startsAt}${sql.raw(dir)}, ${a.id}${sql.raw(dir)} limit ${limit + 1}`;
  const keys = ['starts_at', 'id'].map((column) => ({ column, descending: !forward }));
  const page = await readTreePage(db, { rows, keys, count: null, exists: sql`select exists (select 1 from ${locations} where ${owner})` }, node, sel);
  return page.found ? page.rows : null;
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
