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
