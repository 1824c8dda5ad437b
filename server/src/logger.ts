import pino, { type DestinationStream } from 'pino';

/**
 * Structured JSON logs. Log ids, codes, durations and counts — never variables, names, dates of birth,
 * member ids or other PHI. Authorization headers are redacted in case a request object slips in.
 * @param level - the minimum level to write
 * @param destination - where lines go (stdout by default; tests pass a stream to read them)
 */
export function createLogger(level: string, destination?: DestinationStream) {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'medoffice' },
    redact: { paths: ['req.headers.authorization', '*.authorization', 'variables', '*.variables'], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = ReturnType<typeof createLogger>;

/**
 * What a log line may say about an unexpected error: its class, SQLSTATE and stack frames. Never its
 * message: driver errors quote SQL parameters and values (PHI).
 */
export function errorForLog(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const cause = (err as { cause?: { code?: unknown } }).cause;
  return {
    type: err.constructor.name,
    sqlState: typeof cause?.code === 'string' ? cause.code : undefined,
    frames: (err.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 12)
      .map((line) => line.trim()),
  };
}
