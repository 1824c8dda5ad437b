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

/**
 * Last express handler: errors raised before Apollo (unreadable bodies) get a GraphQL-shaped JSON answer
 * without the body, stack or parser message; anything else is masked as INTERNAL_SERVER_ERROR. Express's
 * default handler would send an HTML page quoting the body and the stack trace.
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const requestId = queryStatsStorage.getStore()?.requestId ?? (res.getHeader('x-request-id') as string | undefined);
    const type = (err as { type?: unknown }).type;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    const status = known ? Number((err as { status?: unknown }).status) || 400 : 500;
    const code = known ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
    if (known) {
      logger.info({ requestId, path: req.path, status: 'error', httpStatus: status, errorCodes: [code] }, 'http request rejected');
    } else {
      logger.error({ requestId, path: req.path, err: errorForLog(err) }, 'unexpected error (masked as INTERNAL_SERVER_ERROR)');
    }
    const message = known ?? (requestId ? `Internal error; quote request id ${requestId} to support` : 'Internal error');
    res.status(status).json({ errors: [{ message, extensions: { code, retryable: isRetryable(code), requestId } }] });
  };
}
