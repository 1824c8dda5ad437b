import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'drizzle-orm/logger';

/** Per-request id and SQL statement counter, carried through async calls of one request. */
export interface QueryStats {
  statements: number;
  requestId: string;
}

export const queryStatsStorage = new AsyncLocalStorage<QueryStats>();

/** drizzle logger that counts statements for the current request; it never logs SQL or parameters. */
export class CountingLogger implements Logger {
  logQuery(): void {
    const stats = queryStatsStorage.getStore();
    if (stats) stats.statements += 1;
  }
}
