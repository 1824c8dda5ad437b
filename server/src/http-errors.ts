import type { ErrorRequestHandler } from 'express';
import { queryStatsStorage } from './db/query-stats.js';
import { isRetryable } from './graphql/errors.js';
import { errorForLog, type Logger } from './logger.js';

/** body-parser's error types and what to tell the client (its own messages quote the body: PHI). */
const BODY_ERRORS: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON',
  'entity.too.large': 'The request body is too large',
  'encoding.unsupported': 'The request body encoding is not supported',
  'charset.unsupported': 'The request body charset is not supported',
  'request.aborted': 'The request was aborted',
  'request.size.invalid': 'The request body size does not match Content-Length',
};

/** An error raised while reading a request body, shaped like body-parser's (`type`, `status`). */
export class BodyError extends Error {
  constructor(
    readonly type: keyof typeof BODY_ERRORS,
    readonly status: number,
  ) {
    super(BODY_ERRORS[type]);
  }
}

/**
 * The JSON answer (and log line) for an error raised outside GraphQL execution: an unreadable body is
 * BAD_USER_INPUT with a fixed message; anything else is masked as INTERNAL_SERVER_ERROR. Never the body,
 * stack or parser message. Shared by the express error handler and the POST /graphql listener.
 * @param logger - where the line goes
 * @param err - what was thrown
 * @param where - the request's path and id (when it has one)
 * @returns the HTTP status and the body to send
 */
export function httpErrorAnswer(logger: Logger, err: unknown, where: { path: string; requestId?: string }): { status: number; body: unknown } {
  const { path, requestId } = where;
  const type = (err as { type?: unknown } | null)?.type;
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  const status = known ? Number((err as { status?: unknown }).status) || 400 : 500;
  const code = known ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
  if (known) {
    logger.info({ requestId, path, status: 'error', httpStatus: status, errorCodes: [code] }, 'http request rejected');
  } else {
    logger.error({ requestId, path, err: errorForLog(err) }, 'unexpected error (masked as INTERNAL_SERVER_ERROR)');
  }
  const message = known ?? (requestId ? `Internal error; quote request id ${requestId} to support` : 'Internal error');
  return { status, body: { errors: [{ message, extensions: { code, retryable: isRetryable(code), requestId } }] } };
}

/**
 * Last express handler: errors raised before Apollo (unreadable bodies) get a GraphQL-shaped JSON answer
 * without the body, stack or parser message; anything else is masked as INTERNAL_SERVER_ERROR. Express's
 * default handler would send an HTML page quoting the body and the stack trace.
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const requestId = queryStatsStorage.getStore()?.requestId ?? (res.getHeader('x-request-id') as string | undefined);
    const answer = httpErrorAnswer(logger, err, { path: req.path, requestId });
    res.status(answer.status).json(answer.body);
  };
}
