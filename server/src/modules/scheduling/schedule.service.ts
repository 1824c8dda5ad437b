import type { Db } from '../../db/client.js';
import { compiledNode } from '../../db/compile/node-sql.js';
import type { TreeRow } from '../../db/compile/tree-page.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import { SQL_TYPES } from '../../graphql/compiled-types.js';
import type { Principal } from '../../graphql/auth.js';
import type { Selection } from '../../graphql/selection.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { toAppointment } from './appointment.mapper.js';
import type { Appointment } from './appointment.type.js';
import { isUuid, wellFormed } from './ids.js';
import { type DayFields, type DayQuery, findDayPage, findDayTrees, findWaiting, type ScheduleRow } from './schedule.repo.js';

export interface WaitingEntry {
  appointment: Appointment;
  waitingMinutes: number;
}

function present(audit: AuditTrail, r: ScheduleRow): Appointment {
  audit.read('Appointment', r.appointment.id, r.appointment.patientId);
  return toAppointment(r.appointment, { patient: r.patient, provider: r.provider, type: r.type });
}

function cursorOf(page: PageRequest): [string, string] | null {
  if (!page.cursor) return null;
  const [at, id] = page.cursor;
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !isUuid(id)) {
    throw badInput([{ path: page.forward ? 'after' : 'before', message: 'is not a cursor issued by this connection' }]);
  }
  return [at, id];
}

/** What to read for a day view, from the fields selected on each appointment node. */
function dayFields(node: Selection): DayFields {
  const below = (name: string) => node.get(name)?.keys();
  return { appointment: node.keys(), patient: below('patient'), provider: below('provider'), type: below('appointmentType') };
}

/** A compiled appointment: audited like a mapped one. */
function presentTree(audit: AuditTrail, [, a]: TreeRow): Appointment {
  audit.read('Appointment', a.id as string, a.patientId as string);
  return a as unknown as Appointment;
}

// The cursor holds the instant as toISOString prints it, whichever path read the page.
const treeKey = ([key]: TreeRow): unknown[] => [new Date(key[0] as string).toISOString(), key[1]];

/**
 * A location's day (the date in the location's zone), ordered by start then id, with patient, provider
 * and type fetched in the same single SQL statement. When the selection compiler serves the selection
 * (`tree`), PostgreSQL builds every appointment as JSON; otherwise only the columns behind the selected
 * fields are read and mapped.
 * @param node - the fields selected on each appointment (`edges.node`)
 * @param tree - the same selection for the compiler (null: the mapped path)
 * @throws NOT_FOUND (location), BAD_USER_INPUT (cursor)
 */
export async function daySchedule(db: Db, principal: Principal, audit: AuditTrail, q: DayQuery, node: Selection, page: PageRequest, tree: TreeSelection | null = null): Promise<ConnectionShape<Appointment>> {
  if (!isUuid(q.locationId)) throw notFound('Location', q.locationId);
  const providerIds = q.providerIds ? wellFormed(q.providerIds) : null;
  if (q.providerIds?.length && !providerIds?.length) return toConnection([] as ScheduleRow[], page, () => [], (r) => present(audit, r));
  const cursor = cursorOf(page);
  const compiled = compiledNode(SQL_TYPES, tree ?? { type: 'Appointment', fields: [] });
  if (compiled) {
    const trees = await findDayTrees(db, principal.practiceId, { ...q, providerIds }, page.limit, cursor, page.forward, compiled, tree ?? { type: 'Appointment', fields: [] });
    if (!trees) throw notFound('Location', q.locationId);
    return toConnection(trees, page, treeKey, (r) => presentTree(audit, r));
  }
  const rows = await findDayPage(db, principal.practiceId, { ...q, providerIds }, dayFields(node), page.limit, cursor, page.forward);
  if (!rows) throw notFound('Location', q.locationId);
  return toConnection(rows, page, (r) => [r.appointment.startsAt.toISOString(), r.appointment.id], (r) => present(audit, r));
}

/**
 * Who has arrived at a location and is waiting, longest first, with minutes waited.
 * @throws NOT_FOUND (location)
 */
export async function waitingRoom(db: Db, principal: Principal, audit: AuditTrail, locationId: string, now: Date): Promise<WaitingEntry[]> {
  if (!isUuid(locationId)) throw notFound('Location', locationId);
  const rows = await findWaiting(db, principal.practiceId, locationId, 200);
  if (!rows) throw notFound('Location', locationId);
  return rows.map((r) => ({
    appointment: present(audit, r),
    waitingMinutes: Math.max(0, Math.floor((now.getTime() - (r.appointment.arrivedAt ?? now).getTime()) / 60_000)),
  }));
}
