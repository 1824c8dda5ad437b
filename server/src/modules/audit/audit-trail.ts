import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { insertAuditEvents, insertEventBatch, type NewAuditEvent } from './audit.repo.js';

export type AuditAction = 'READ' | 'CREATE' | 'UPDATE' | 'DEACTIVATE' | 'DELETE' | 'EXPORT' | 'OVERRIDE';

/**
 * One request's audit recorder. Reads are collected and flushed in one statement before the response
 * is sent; writes are inserted immediately on the caller's transaction, so they commit or roll back
 * with the change they describe.
 */
export class AuditTrail {
  private readonly reads = new Map<string, NewAuditEvent>();

  constructor(
    private readonly principal: Principal | undefined,
    private readonly requestId: string,
    private operationName: string | null,
  ) {}

  setOperationName(name: string | null): void {
    this.operationName = name;
  }

  private event(action: AuditAction, entityType: string, entityId: string, patientId: string | null): NewAuditEvent {
    const p = this.principal;
    if (!p) throw new Error('audit requires an authenticated principal');
    return {
      practiceId: p.practiceId,
      userId: p.userId,
      roles: p.roles,
      action,
      entityType,
      entityId,
      patientId,
      operationName: this.operationName,
      requestId: this.requestId,
    };
  }

  /** Notes that this request read an entity holding a patient's data (deduplicated per request). */
  read(entityType: string, entityId: string, patientId: string | null = null): void {
    const key = `${entityType}:${entityId}`;
    if (!this.reads.has(key)) this.reads.set(key, this.event('READ', entityType, entityId, patientId));
  }

  /** Records a write on the given handle (pass the transaction). */
  async write(db: Db, action: AuditAction, entityType: string, entityId: string, patientId: string | null = null): Promise<void> {
    await insertAuditEvents(db, [this.event(action, entityType, entityId, patientId)]);
  }

  get pendingReads(): number {
    return this.reads.size;
  }

  /** Persists the collected reads in one statement. */
  async flush(db: Db): Promise<void> {
    if (this.reads.size === 0) return;
    const events = [...this.reads.values()];
    this.reads.clear();
    const { practiceId, userId, roles, action, operationName, requestId } = events[0]!;
    await insertEventBatch(db, { practiceId, userId, roles, action, operationName, requestId }, events);
  }
}
