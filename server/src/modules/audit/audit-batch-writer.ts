import type { Db } from '../../db/client.js';
import { queryStatsStorage } from '../../db/query-stats.js';
import { type AuditBatchRow, insertAuditBatches, MAX_BATCHES_PER_INSERT } from './audit.repo.js';

interface Waiting {
  row: AuditBatchRow;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the read batches requests record before they answer. One insert is in flight at a
 * time; the batches of requests that finish meanwhile wait for the next insert, which writes them all in
 * one statement — one round trip, one transaction, one WAL flush and one lock of the practice's chain
 * head instead of one each. A request that finds the writer idle is written at once, so an unloaded
 * server adds no latency; under load a request waits at most for the insert before its own.
 *
 * Nothing is acknowledged early: `append` resolves only once the row has committed, and the request
 * answers only then. If a grouped insert fails, each of its rows is retried alone, so one row the
 * database refuses fails only its own request.
 *
 * Each request still counts its audit as one statement (the one it rode on); the shared statement runs
 * outside every request's statement counter.
 */
export class AuditBatchWriter {
  private waiting: Waiting[] = [];
  private running = false;
  private readonly maxRows: number;

  /** @param maxRows - most rows per insert, at most MAX_BATCHES_PER_INSERT (what one statement takes) */
  constructor(
    private readonly db: Db,
    maxRows = MAX_BATCHES_PER_INSERT,
  ) {
    this.maxRows = Math.max(1, Math.min(maxRows, MAX_BATCHES_PER_INSERT));
  }

  /** Resolves once the batch row has committed; rejects when it could not be written. */
  append(row: AuditBatchRow): Promise<void> {
    const stats = queryStatsStorage.getStore();
    if (stats) stats.statements += 1;
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      if (!this.running) {
        this.running = true;
        queryStatsStorage.exit(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, this.maxRows);
        await this.write(group);
      }
    } finally {
      this.running = false;
    }
  }

  private async write(group: Waiting[]): Promise<void> {
    try {
      await insertAuditBatches(
        this.db,
        group.map((w) => w.row),
      );
      for (const w of group) w.resolve();
      return;
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
    }
    for (const w of group) {
      try {
        await insertAuditBatches(this.db, [w.row]);
        w.resolve();
      } catch (err) {
        w.reject(err);
      }
    }
  }
}
