import { isDatabaseUnavailable } from './db/connection-errors.js';
import { errorForLog, type Logger } from './logger.js';

/**
 * The process-level policy for errors nothing caught (docs/operations.md, "Faults"):
 * - an unhandled promise rejection is logged and the server keeps serving: the promise was abandoned by
 *   its owner, no synchronous code was cut short, and every request's writes are one transaction that the
 *   database commits whole or not at all;
 * - an uncaught exception from a lost database connection is logged and the server keeps serving: the
 *   driver discards that connection and opens a new one;
 * - any other uncaught exception left some code half-way through with unknown state: it is logged as fatal
 *   and `onFatal` stops the server (draining what it can) so that a supervisor restarts it.
 * Messages are never logged (driver errors quote SQL parameters): only class, SQLSTATE and stack frames.
 * @param logger - the server's logger
 * @param onFatal - begins the shutdown that ends with exit code 1
 * @returns a function removing the handlers (for tests)
 */
export function installProcessFaultPolicy(logger: Logger, onFatal: (reason: string) => void): () => void {
  const onRejection = (reason: unknown) => {
    if (isDatabaseUnavailable(reason)) {
      logger.warn({ err: errorForLog(reason) }, 'unhandled rejection: database unavailable; still serving');
    } else {
      logger.error({ err: errorForLog(reason) }, 'unhandled rejection; still serving');
    }
  };
  const onException = (err: Error, origin: string) => {
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err: errorForLog(err), origin }, 'uncaught exception: database unavailable; still serving');
      return;
    }
    logger.fatal({ err: errorForLog(err), origin }, 'uncaught exception; state unknown, stopping for a restart');
    onFatal('uncaughtException');
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
