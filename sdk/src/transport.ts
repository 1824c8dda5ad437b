import type { DocumentNode } from 'graphql';
import { type OperationSource, operationSourceOf } from './document.js';
import { abortedError, fromGraphQLErrors, type GraphQLErrorBody, MedofficeError } from './errors.js';
import { backoffDelay, isSafeToRetry, type RetryOptions, retryAfterMs, sleep } from './retry.js';
import { SDK_VERSION } from './version.js';

export interface TransportOptions {
  url: string;
  getToken: () => string | undefined | null | Promise<string | undefined | null>;
  fetch: typeof fetch;
  retry: RetryOptions;
  timeoutMs: number;
  headers: Record<string, string>;
  /**
   * Asked for a new token when the server refused one (UNAUTHENTICATED, HTTP 401); the request is then
   * sent once more with the token it returns, or fails with that error when it returns none. Shared by
   * concurrent failures (see createTokenRefresher).
   */
  refreshToken?: (refused: string | undefined | null, error: MedofficeError) => Promise<string | undefined | null>;
}

/** Per-call options, the last argument of every SDK function. */
export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Sent as `x-request-id` (8–64 of `A-Za-z0-9._-`); a random UUID otherwise. Same for every retry. The server
   * keeps it as the correlation id and issues its own request id for every attempt.
   */
  requestId?: string;
  headers?: Record<string, string>;
}

/**
 * The text, operation name and kind of one of the SDK's documents (they carry them: nothing is parsed
 * or printed, so graphql's printer is not in a bundle of the client).
 * @throws TypeError for a document not made by the SDK's codegen
 */
export function prepare(doc: DocumentNode): OperationSource {
  const source = operationSourceOf(doc);
  if (!source) throw new TypeError('Not an operation document of @medoffice/sdk');
  return source;
}

const newRequestId = () => globalThis.crypto.randomUUID();

// Servers and proxies see which SDK and runtime called (browsers set their own User-Agent).
const nodeVersion = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
const NODE_USER_AGENT: Record<string, string> = nodeVersion ? { 'user-agent': `medoffice-sdk/${SDK_VERSION} node/${nodeVersion}` } : {};

/**
 * Sends one operation and returns its data, retrying (with full-jitter backoff) when it is safe to:
 * queries and idempotency-keyed mutations, on network errors, HTTP 503 and errors the server marks
 * retryable.
 * @throws MedofficeError for every failure, an abort included (kind `aborted`)
 */
export async function send<R>(opts: TransportOptions, doc: DocumentNode, variables: unknown, call: CallOptions = {}): Promise<R> {
  const { query, operationName, operation } = prepare(doc);
  const requestId = call.requestId ?? newRequestId();
  // A signal aborted before the call: nothing is sent (a mutation must not be applied).
  if (call.signal?.aborted) throw abortedError(call.signal, requestId);
  const body = JSON.stringify({ query, operationName, variables: variables ?? {} });
  const maxAttempts = isSafeToRetry(operation, variables) ? opts.retry.retries + 1 : 1;
  let reauthenticated = false;
  let tokenOverride: string | undefined;
  for (let attempt = 0; ; attempt++) {
    const { result, error, retryAfter, token } = await attemptOnce<R>(opts, body, requestId, call, tokenOverride);
    if (!error) return result as R;
    if (call.signal?.aborted) throw abortedError(call.signal, requestId);
    // UNAUTHENTICATED comes with a 401 before anything runs, so even a mutation may be sent again, once, with a new token.
    if (opts.refreshToken && !reauthenticated && isRefusedToken(error)) {
      reauthenticated = true;
      const fresh = await opts.refreshToken(token, error).catch((cause: unknown) => {
        throw cause instanceof MedofficeError ? cause : new MedofficeError({ ...error, message: error.message, cause });
      });
      if (call.signal?.aborted) throw abortedError(call.signal, requestId);
      if (!fresh) throw error;
      tokenOverride = fresh;
      attempt--;
      continue;
    }
    if (!error.retryable || attempt + 1 >= maxAttempts) throw error;
    await sleep(Math.max(backoffDelay(attempt, opts.retry), retryAfter ?? 0), call.signal).catch(() => {
      throw abortedError(call.signal!, requestId);
    });
  }
}

/** The server refused the token itself (missing, expired, revoked): HTTP 401 with UNAUTHENTICATED, before executing. */
const isRefusedToken = (e: MedofficeError) => e.kind === 'graphql' && e.status === 401 && e.code === 'UNAUTHENTICATED';

type Attempt<R> = { result?: R; error?: MedofficeError; retryAfter?: number; token?: string | null };

async function attemptOnce<R>(opts: TransportOptions, body: string, requestId: string, call: CallOptions, tokenOverride?: string): Promise<Attempt<R>> {
  let token: string | undefined | null;
  try {
    token = tokenOverride ?? (await opts.getToken());
  } catch (err) {
    if (err instanceof MedofficeError) return { error: err };
    throw err;
  }
  const headers: Record<string, string> = {
    ...opts.headers,
    ...call.headers,
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    'x-request-id': requestId,
    'x-medoffice-sdk': SDK_VERSION,
    ...NODE_USER_AGENT,
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error(`timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
  const onAbort = () => timeout.abort(call.signal!.reason);
  call.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let res: Response;
    let text: string;
    try {
      res = await opts.fetch(opts.url, { method: 'POST', headers, body, signal: timeout.signal });
      text = await res.text();
    } catch (cause) {
      if (call.signal?.aborted) throw abortedError(call.signal, requestId);
      const why = cause instanceof Error ? cause.message : 'request failed';
      return { error: new MedofficeError({ code: 'SERVICE_UNAVAILABLE', kind: 'network', retryable: true, requestId, message: `Network error: ${why}`, cause }) };
    }
    const responseId = res.headers.get('x-request-id') ?? requestId;
    const retryAfter = retryAfterMs(res.headers.get('retry-after'));
    let json: { data?: R | null; errors?: GraphQLErrorBody[] } | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (json && Array.isArray(json.errors) && json.errors.length > 0) {
      const error = fromGraphQLErrors(json.errors, { status: res.status, requestId: responseId, data: json.data });
      return { error: res.status === 503 && !error.retryable ? withRetryable(error) : error, retryAfter, token };
    }
    if (res.ok && json && json.data != null) return { result: json.data };
    const unavailable = res.status === 503;
    return {
      retryAfter,
      token,
      error: new MedofficeError({
        code: unavailable ? 'SERVICE_UNAVAILABLE' : res.status === 429 ? 'RATE_LIMITED' : 'INTERNAL_SERVER_ERROR',
        kind: 'http',
        retryable: unavailable || res.status === 429,
        requestId: responseId,
        status: res.status,
        message: `HTTP ${res.status} without a GraphQL result`,
      }),
    };
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onAbort);
  }
}

/** A 503 is retryable whatever the body says (e.g. a draining server). */
function withRetryable(e: MedofficeError): MedofficeError {
  return new MedofficeError({ ...e, message: e.message, retryable: true, cause: e.cause });
}
