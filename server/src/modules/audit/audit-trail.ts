import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import type { SQL } from 'drizzle-orm';
import type { FoldSource } from '../../db/compile/audit-fold.js';
import { type AuditBatchCommon, type AuditEntity, auditBatchInsertQuery, insertAuditBatch } from './audit.repo.js';

export type AuditAction = 'READ' | 'CREATE' | 'UPDATE' | 'DEACTIVATE' | 'DELETE' | 'EXPORT' | 'OVERRIDE';

/**
 * One request's audit recorder. Reads are collected (once per entity) and flushed as one batch row
 * before the response is sent; each write is one batch row inserted immediately on the caller's
 * transaction, so it commits or rolls back with the change it describes.
 */
export class AuditTrail {
  private readonly reads = new Map<string, AuditEntity>();
  /** Keys a page statement already wrote in its own READ batch (see `foldSource`): later reads of them add nothing. */
  private readonly written = new Set<string>();
  private folding = false;

  constructor(
    private readonly caller: Principal | undefined,
    private readonly requestId: string,
    private operationName: string | null,
  ) {}

  setOperationName(name: string | null): void {
    this.operationName = name;
  }

  private requirePrincipal(): Principal {
    if (!this.caller) throw new Error('audit requires an authenticated principal');
    return this.caller;
  }

  private common(action: AuditAction): AuditBatchCommon {
    const p = this.requirePrincipal();
    // The partner client acting, when the token is a client's: recorded and hashed with every batch.
    return { practiceId: p.practiceId, userId: p.userId, roles: p.roles, clientId: p.clientId ?? null, action, operationName: this.operationName, requestId: this.requestId };
  }

  /** Notes that this request read an entity holding a patient's data (deduplicated per request). */
  read(entityType: string, entityId: string, patientId: string | null = null): void {
    const key = `${entityType}:${entityId}`;
    if (this.reads.has(key) || this.written.has(key)) return;
    this.requirePrincipal();
    this.reads.set(key, { entityType, entityId, patientId });
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

  /** The principal reads are recorded for (undefined for an anonymous request, which records none). */
  get principal(): Principal | undefined {
    return this.caller;
  }

  /**
   * What a page statement needs to write this request's READ batch itself (db/compile/audit-fold.ts): the
   * batch columns, the reads pending so far (written first, in order) and the keys already written. Once
   * the statement succeeded, `settle` marks what it wrote: those reads are no longer pending and later
   * reads of the same entities add nothing, so the flush writes only what the fold did not.
   * @returns null without a principal (nothing is audited then)
   */
  foldSource(): FoldSource | null {
    // One fold at a time: two pages of one request in flight together could not see each other's
    // entities and would both write them. The other page records its reads for the flush instead.
    if (!this.caller || this.folding) return null;
    this.folding = true;
    const { action: _, ...common } = this.common('READ');
    return {
      common: { ...common, clientId: common.clientId ?? null, operationName: common.operationName ?? null },
      before: [...this.reads.values()],
      skip: [...this.written],
      settle: (keys) => {
        this.folding = false;
        if (!keys) return;
        // Also drops reads recorded meanwhile (by another page) of entities this batch wrote.
        for (const k of keys) {
          this.reads.delete(k);
          this.written.add(k);
        }
      },
    };
  }

  get pendingReads(): number {
    return this.reads.size;
  }

  /** Persists every read collected so far as one batch row, in one statement. */
  async flush(db: Db): Promise<void> {
    if (this.reads.size === 0) return;
    const entities = [...this.reads.values()];
    this.reads.clear();
    await insertAuditBatch(db, this.common('READ'), entities);
  }
}
