import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.js';
import { auditBatches } from '../../server/src/db/schema/audit.js';

/** One audited entity read straight from the table: its batch's columns plus its own. */
export interface AuditEntry {
  batchId: number;
  ordinal: number;
  practiceId: string;
  at: Date;
  userId: string;
  roles: string[];
  action: string;
  entityType: string;
  entityId: string;
  patientId: string | null;
  operationName: string | null;
  requestId: string;
}

/**
 * The audit trail as one entry per entity (each batch row expanded), in recording order (batch id,
 * then position), independent of the API under test. Criteria combine with AND.
 */
export async function auditEntries(db: Db, where: { practiceId?: string; entityId?: string; entityType?: string; action?: string }): Promise<AuditEntry[]> {
  const conditions: SQL[] = [];
  if (where.practiceId) conditions.push(eq(auditBatches.practiceId, where.practiceId));
  if (where.action) conditions.push(eq(auditBatches.action, where.action));
  if (where.entityId) conditions.push(sql`e.entity_id = ${where.entityId}`);
  if (where.entityType) conditions.push(sql`e.entity_type = ${where.entityType}`);
  const ordinal = sql<number>`e.ordinal`.mapWith(Number);
  return db
    .select({
      batchId: auditBatches.id,
      ordinal,
      practiceId: auditBatches.practiceId,
      at: auditBatches.at,
      userId: auditBatches.userId,
      roles: auditBatches.roles,
      action: auditBatches.action,
      entityType: sql<string>`e.entity_type`,
      entityId: sql<string>`e.entity_id`,
      patientId: sql<string | null>`e.patient_id`,
      operationName: auditBatches.operationName,
      requestId: auditBatches.requestId,
    })
    .from(auditBatches)
    .crossJoinLateral(sql`unnest(${auditBatches.entityTypes}, ${auditBatches.entityIds}, ${auditBatches.patientIds}) with ordinality as e(entity_type, entity_id, patient_id, ordinal)`)
    .where(and(...conditions))
    .orderBy(asc(auditBatches.id), asc(ordinal));
}

/** A practice's audit rows (batches) as stored, oldest first. */
export async function auditRows(db: Db, practiceId: string) {
  return db.select().from(auditBatches).where(eq(auditBatches.practiceId, practiceId)).orderBy(asc(auditBatches.id));
}
