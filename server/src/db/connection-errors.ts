/**
 * Errors that mean "the database could not be reached or dropped the connection", as opposed to errors
 * about the statement. A request that meets one failed through no fault of its own: the client may retry
 * it (a transaction caught in flight was rolled back by the server when its connection ended).
 */

/** postgres.js connection states and Node socket errors. */
const DRIVER_CODES: ReadonlySet<string> = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server going away or not accepting work yet: 57P01 admin_shutdown (pg_terminate_backend,
 * a fast shutdown or failover), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, recovery),
 * 53300 too_many_connections, and class 08 (connection exception).
 */
const SQLSTATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300']);

/** PGlite's answer to a query on a closed instance (the process is shutting down). */
const PGLITE_CLOSED = /^PGlite is closed/;

/**
 * Whether an error (or one of its causes: drizzle wraps driver errors) says the database is unavailable.
 * @param err - anything thrown by a query or a transaction
 * @returns true for connection loss, refusal and server shutdown; false for everything else
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (DRIVER_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (PGLITE_CLOSED.test(current.message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
