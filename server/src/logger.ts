import pino from 'pino';

/**
 * Structured JSON logs. Log ids, codes, durations and counts — never variables, names, dates of birth,
 * member ids or other PHI. Authorization headers are redacted in case a request object slips in.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'medoffice' },
    redact: { paths: ['req.headers.authorization', '*.authorization', 'variables', '*.variables'], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type Logger = ReturnType<typeof createLogger>;
