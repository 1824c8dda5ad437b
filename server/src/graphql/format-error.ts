import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError, ERROR_CODES, type ErrorCode, isRetryable } from './errors.js';

const PASSTHROUGH: ReadonlySet<string> = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

/** Variable coercion messages quote the rejected value (possibly PHI): keep only where it failed. */
function scrubCoercionMessage(message: string): { message: string; path?: string } {
  const m = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (!m) {
    const plain = /^Variable "\$([^"]+)" of (?:required|non-null) type "([^"]+)" was not provided\.$/.exec(message);
    return plain ? { message, path: plain[1] } : { message: 'Invalid variable value' };
  }
  // One path syntax for clients: graphql-js writes input.phones[0].number, class-validator input.phones.0.number.
  const at = (m[2] ?? m[1]!).replace(/\[(\d+)\]/g, '.$1');
  // A missing or unknown field is reported on its parent object; point at the field itself.
  const field = /^Field "([A-Za-z_][A-Za-z0-9_]*)" (?:of required type|is not defined by type)/.exec(m[3] ?? '');
  const path = field ? `${at}.${field[1]}` : at;
  // Scalar and enum coercion messages end with the rejected value, quoted or not ("…non string value: 2125550100").
  const valueFree = (m[3] ?? '').replace(/(cannot represent[^:]*):.*$/s, '$1.').replace(/^Value "[^"]*" does not exist/, 'Value does not exist');
  const reason = valueFree.replace(/"[^"]*"/g, (q) => (/^"[A-Za-z_][A-Za-z0-9_![\]]*"$/.test(q) ? q : '"…"'));
  return { message: `Variable "$${m[1]}" has an invalid value at "${path}": ${reason}`, path };
}

/**
 * One error mapper: domain errors keep their code and message; GraphQL syntax and validation errors
 * pass through; bad variables are scrubbed of their values; everything else is masked.
 * Adds `retryable` and `requestId` to every error.
 */
export function createErrorFormatter(requestIdOf: () => string | undefined) {
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
      if (PASSTHROUGH.has(raw)) {
        code = raw as ErrorCode;
        message = formatted.message.replace(/ got invalid value .*$/s, ' has an invalid value.');
      } else if (raw === 'BAD_USER_INPUT' || raw === 'BAD_REQUEST') {
        code = 'BAD_USER_INPUT';
        const scrubbed = scrubCoercionMessage(formatted.message);
        message = scrubbed.message;
        if (scrubbed.path) extra = { fields: [{ path: scrubbed.path, message: 'is invalid' }] };
      } else if ((ERROR_CODES as readonly string[]).includes(raw) && raw !== 'INTERNAL_SERVER_ERROR' && original instanceof Error && 'extensions' in original) {
        code = raw as ErrorCode;
        message = formatted.message;
      } else {
        code = 'INTERNAL_SERVER_ERROR';
        message = requestId ? `Internal error; quote request id ${requestId} to support` : 'Internal error';
      }
    }
    return { ...base, message, extensions: { ...extra, code, retryable: isRetryable(code), requestId } };
  };
}
