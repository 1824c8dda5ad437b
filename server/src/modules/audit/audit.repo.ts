import { and, desc, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents } from '../../db/schema/audit.js';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

/**
 * Appends audit events in one statement (the table refuses updates and deletes).
 * @param events - events of one request; nothing is written for an empty list
 */
export async function insertAuditEvents(db: Db, events: NewAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(auditEvents).values(events);
}

/** What every event of one request's read flush shares. */
export type AuditEventCommon = Pick<NewAuditEvent, 'practiceId' | 'userId' | 'roles' | 'action' | 'operationName' | 'requestId'>;

/**
 * Appends many events that differ only in entity and patient, with a constant number of parameters
 * (three arrays), so a day view's hundreds of audited reads cost one cheap statement to build and run.
 */
export async function insertEventBatch(db: Db, common: AuditEventCommon, entities: { entityType: string; entityId: string; patientId?: string | null }[]): Promise<void> {
  if (entities.length === 0) return;
  const types = `{${entities.map((e) => JSON.stringify(e.entityType)).join(',')}}`;
  const ids = `{${entities.map((e) => JSON.stringify(e.entityId)).join(',')}}`;
  const patients = `{${entities.map((e) => (e.patientId ? JSON.stringify(e.patientId) : 'NULL')).join(',')}}`;
  const roles = `{${common.roles.map((r) => JSON.stringify(r)).join(',')}}`;
  await db.execute(sql`
    insert into audit_events (practice_id, user_id, roles, action, entity_type, entity_id, patient_id, operation_name, request_id)
    select ${common.practiceId}::uuid, ${common.userId}, ${roles}::text[], ${common.action}, e.t, e.i, e.p, ${common.operationName ?? null}, ${common.requestId}
      from unnest(${types}::text[], ${ids}::text[], ${patients}::uuid[]) as e(t, i, p)`);
}

export interface AuditFilter {
  patientId?: string | null;
  userId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * The exact instant of an event as text. Cursors carry this instead of a JS Date, which would drop the
 * microseconds PostgreSQL keeps and make keyset paging skip events of the same millisecond.
 */
const atKey = sql<string>`to_char(${auditEvents.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A page of a practice's audit events, newest first, keyset-paged on (at, id).
 * @param practiceId - the caller's practice; other practices' events are never returned
 * @param after - the (at text, id) key of the last event already seen, or null for the first page
 * @returns up to `limit + 1` rows with their keys, so the caller can tell whether more exist
 */
export async function findAuditEvents(db: Db, practiceId: string, filter: AuditFilter, limit: number, after: [string, number] | null): Promise<{ row: AuditEventRow; key: [string, number] }[]> {
  const where: (SQL | undefined)[] = [eq(auditEvents.practiceId, practiceId)];
  if (filter.patientId) where.push(eq(auditEvents.patientId, filter.patientId));
  if (filter.userId) where.push(eq(auditEvents.userId, filter.userId));
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lt(auditEvents.at, filter.to));
  if (after) {
    const at = sql`${after[0]}::timestamptz`;
    where.push(or(lt(auditEvents.at, at), and(eq(auditEvents.at, at), lt(auditEvents.id, after[1]))));
  }
  const rows = await db
    .select({ row: auditEvents, at: atKey })
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit + 1);
  return rows.map((r) => ({ row: r.row, key: [r.at, r.row.id] }));
}
