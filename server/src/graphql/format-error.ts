import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnavailable } from '../db/connection-errors.js';
import { AppError, ERROR_CODES, type ErrorCode, isRetryable } from './errors.js';
import { scrubLiteralMessage, scrubVariableMessage } from './scrub-values.js';

const COERCION = /^Variable "\$[A-Za-z_][A-Za-z0-9_]*" got invalid value /;
const PASSTHROUGH: ReadonlySet<string> = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

/** The message of the error a coercion error wraps: exactly the reason text that follows the value. */
const innerMessage = (error: unknown): string | undefined =>
  error instanceof GraphQLError && error.originalError && error.originalError !== error ? error.originalError.message : undefined;

/**
 * One error mapper: domain errors keep their code and message; GraphQL syntax and validation errors
 * pass through and bad variables get BAD_USER_INPUT, both without the values they quote; everything else
 * is masked as INTERNAL_SERVER_ERROR and handed to `onInternalError` (for the server log), except a lost or
 * refused database connection: SERVICE_UNAVAILABLE (retryable), handed to `onUnavailable`.
 * Adds `retryable` and `requestId` to every error.
 */
export function createErrorFormatter(
  requestIdOf: () => string | undefined,
  onInternalError: (error: unknown, requestId?: string) => void = () => {},
  onUnavailable: (error: unknown, requestId?: string) => void = () => {},
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const requestId = requestIdOf();
    const base = { path: formatted.path, locations: formatted.locations };
    let code: ErrorCode;
    let message: string;
    let extra: Record<string, unknown> = {};
    if (original instanceof AppError) {
      code = original.code;
      message = original.message;
      const { code: _c, http: _h, ...rest } = original.extensions as Record<string, unknown>;
      extra = rest;
    } else {
      const raw = String(formatted.extensions?.code ?? '');
      if (PASSTHROUGH.has(raw) || raw === 'OPERATION_RESOLUTION_FAILURE') {
        // An unknown or missing operationName is the client's mistake, not ours; the message names only the operation.
        code = raw === 'OPERATION_RESOLUTION_FAILURE' ? 'GRAPHQL_VALIDATION_FAILED' : (raw as ErrorCode);
        message = COERCION.test(formatted.message)
          ? scrubVariableMessage(formatted.message, innerMessage(error)).message
          : scrubLiteralMessage(formatted.message, error instanceof GraphQLError ? error.nodes : undefined);
      } else if (raw === 'BAD_USER_INPUT' || raw === 'BAD_REQUEST') {
        code = 'BAD_USER_INPUT';
        if (raw === 'BAD_REQUEST' && !/^Variable "\$/.test(formatted.message)) {
          // Apollo's messages about the request's shape (missing body, variables not an object) quote no values.
          message = formatted.message;
        } else {
          const scrubbed = scrubVariableMessage(formatted.message, innerMessage(error));
          message = scrubbed.message;
          if (scrubbed.path) extra = { fields: [{ path: scrubbed.path, message: scrubbed.fieldMessage ?? 'is invalid' }] };
        }
      } else if ((ERROR_CODES as readonly string[]).includes(raw) && raw !== 'INTERNAL_SERVER_ERROR' && original instanceof Error && 'extensions' in original) {
        code = raw as ErrorCode;
        message = formatted.message;
      } else if (isDatabaseUnavailable(original)) {
        code = 'SERVICE_UNAVAILABLE';
        onUnavailable(original, requestId);
        message = 'The database is unavailable; retry shortly (a mutation with an idempotency key is safe to repeat)';
      } else {
        code = 'INTERNAL_SERVER_ERROR';
        onInternalError(original, requestId);
        message = requestId ? `Internal error; quote request id ${requestId} to support` : 'Internal error';
      }
    }
    return { ...base, message, extensions: { ...extra, code, retryable: isRetryable(code), requestId } };
  };
}
