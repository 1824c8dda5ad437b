import type { AuditEventRow } from './audit.repo.js';
import type { AuditEvent } from './audit-event.type.js';

/** One entity of a batch → GraphQL object; its id is "<batch id>.<ordinal>". */
export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: `${row.batchId}.${row.ordinal}`,
    at: row.at,
    userId: row.userId,
    roles: row.roles,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    patientId: row.patientId,
    operationName: row.operationName,
    requestId: row.requestId,
  };
}
