import type { AuditEventRow } from './audit.repo.js';
import type { AuditEvent } from './audit-event.type.js';

/** Table row → GraphQL object (the practice column stays internal). */
export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: String(row.id),
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
