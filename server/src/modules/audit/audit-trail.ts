import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import type { SQL } from 'drizzle-orm';
import { type AuditBatchCommon, type AuditEntity, auditBatchInsertQuery, insertAuditBatch } from './audit.repo.js';
import { AuditBatchWriter } from './audit-batch-writer.js';

export type AuditAction = 'READ' | 'CREATE' | 'UPDATE' | 'DEACTIVATE' | 'DELETE' | 'EXPORT' | 'OVERRIDE';

/**
 * One request's audit recorder. Reads are collected (once per entity) and flushed as one batch row
 * before the response is sent; each write is one batch row inserted immediately on the caller's
 * transaction, so it commits or rolls back with the change it describes.
 */
export class AuditTrail {
  /** Reads in the order they were first noted, and the ids seen per entity type (no per-read string key). */
  private reads: AuditEntity[] = [];
  private readonly seen = new Map<string, Set<string>>();

  constructor(
    private readonly principal: Principal | undefined,
    private readonly requestId: string,
    private operationName: string | null,
  ) {}

  setOperationName(name: string | null): void {
    this.operationName = name;
  }

  private requirePrincipal(): Principal {
    if (!this.principal) throw new Error('audit requires an authenticated principal');
    return this.principal;
  }

  private common(action: AuditAction): AuditBatchCommon {
    const p = this.requirePrincipal();
    // The partner client acting, when the token is a client's: recorded and hashed with every batch.
    return { practiceId: p.practiceId, userId: p.userId, roles: p.roles, clientId: p.clientId ?? null, action, operationName: this.operationName, requestId: this.requestId };
  }

  /** Notes that this request read an entity holding a patient's data (deduplicated per request). */
  read(entityType: string, entityId: string, patientId: string | null = null): void {
    let ids = this.seen.get(entityType);
    if (ids === undefined) {
      this.requirePrincipal();
      ids = new Set();
      this.seen.set(entityType, ids);
    } else if (ids.has(entityId)) {
      return;
    }
    ids.add(entityId);
    this.reads.push({ entityType, entityId, patientId });
  }

  /** Records a write on the given handle (pass the transaction). */
  async write(db: Db, action: AuditAction, entityType: string, entityId: string, patientId: string | null = null): Promise<void> {
    await insertAuditBatch(db, this.common(action), [{ entityType, entityId, patientId }]);
  }

  /** Records one write action on many entities as one batch row (one statement; pass the transaction). */
  async writeAll(db: Db, action: AuditAction, entities: readonly AuditEntity[]): Promise<void> {
    if (entities.length > 0) await insertAuditBatch(db, this.common(action), [...entities]);
  }

  /**
   * The same batch rows as `write` (one per action, in order), as a statement to embed (a data-modifying
   * CTE) in the caller's write, so the change and its audit travel in one round trip and commit together.
   * @param guard - the condition the rows are written under (the audited change happened)
   */
  writeQuery(actions: readonly AuditAction[], entities: readonly AuditEntity[], guard?: SQL): SQL {
    const { action: _, ...common } = this.common('READ');
    return auditBatchInsertQuery(common, actions, entities, guard);
  }

  get pendingReads(): number {
    return this.reads.length;
  }

  /** The reads collected so far, taken out of the recorder. */
  private takeReads(): AuditEntity[] {
    const entities = this.reads;
    this.reads = [];
    this.seen.clear();
    return entities;
  }

  /**
   * Persists every read collected so far as one batch row: in one statement on `to` when it is a handle,
   * or through the group-commit writer (outside any transaction), possibly in one statement with other
   * requests' rows. Resolves once the row has committed.
   */
  async flush(to: Db | AuditBatchWriter): Promise<void> {
    if (this.reads.length === 0) return;
    const row = { common: this.common('READ'), entities: this.takeReads() };
    if (to instanceof AuditBatchWriter) await to.append(row);
    else await insertAuditBatch(to, row.common, row.entities);
  }
}
