import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents } from '../../db/schema/audit.js';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

/** Appends audit events in one statement. */
export async function insertAuditEvents(db: Db, events: NewAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(auditEvents).values(events);
}

export interface AuditFilter {
  patientId?: string | null;
  userId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * A page of a practice's audit events, newest first, keyset-paged on (at, id).
 * @returns up to `limit + 1` rows so the caller can tell whether more exist
 */
export async function findAuditEvents(db: Db, practiceId: string, filter: AuditFilter, limit: number, after: [string, number] | null): Promise<AuditEventRow[]> {
  const where: (SQL | undefined)[] = [eq(auditEvents.practiceId, practiceId)];
  if (filter.patientId) where.push(eq(auditEvents.patientId, filter.patientId));
  if (filter.userId) where.push(eq(auditEvents.userId, filter.userId));
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lt(auditEvents.at, filter.to));
  if (after) {
    const at = new Date(after[0]);
    where.push(or(lt(auditEvents.at, at), and(eq(auditEvents.at, at), lt(auditEvents.id, after[1]))));
  }
  return db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit + 1);
}
