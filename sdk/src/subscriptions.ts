import type { DocumentNode } from 'graphql';
import { type Client, createClient as createWsClient } from 'graphql-ws';
import { fromGraphQLErrors, type GraphQLErrorBody, MedofficeError } from './errors.js';
import { type CallOptions, prepare } from './transport.js';

export interface SubscriptionTransportOptions {
  /** The ws:// or wss:// endpoint, asked when the first socket opens. */
  url: () => string;
  /** A WebSocket constructor (the `ws` package on Node 20); the global WebSocket otherwise. */
  webSocketImpl?: unknown;
  getToken: () => string | undefined | null | Promise<string | undefined | null>;
}

/** ws://… for http://…, wss://… for https://… (same host, port, path and query; a relative URL resolves against the page). */
export function webSocketUrlOf(httpUrl: string): string {
  const url = new URL(httpUrl, (globalThis as { location?: { href: string } }).location?.href);
  const scheme = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' }[url.protocol];
  if (!scheme) throw new TypeError(`Cannot derive a WebSocket URL from ${url.protocol} URLs: pass options.subscriptionUrl`);
  url.protocol = scheme;
  return url.toString();
}

const isCloseEvent = (e: unknown): e is { code: number; reason: string } => typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number' && 'reason' in e;

/** The server refused or dropped the socket: 4401 token expired, 4403 no or invalid token (graphql-ws refusal). */
const AUTH_CLOSE_CODES = new Set([4401, 4403]);
/** Protocol misuse the SDK should never cause (bad request, subprotocol, duplicate id, too many inits) or a server fault. */
const FAULT_CLOSE_CODES = new Set([4400, 4406, 4409, 4429, 4500]);

/** Maps what graphql-ws reports (GraphQL errors, a close event, a socket error) to a MedofficeError. */
export function subscriptionError(err: unknown): MedofficeError {
  if (err instanceof MedofficeError) return err;
  if (Array.isArray(err) && err.length > 0) return fromGraphQLErrors(err as GraphQLErrorBody[], {});
  if (isCloseEvent(err)) {
    const reason = err.reason ? `: ${err.reason}` : '';
    if (AUTH_CLOSE_CODES.has(err.code)) {
      return new MedofficeError({ code: 'UNAUTHENTICATED', kind: 'websocket', retryable: false, message: `The server closed the subscription socket (${err.code}${reason}); a valid bearer token is required`, extensions: { closeCode: err.code } });
    }
    const fault = FAULT_CLOSE_CODES.has(err.code);
    return new MedofficeError({
      code: fault ? 'INTERNAL_SERVER_ERROR' : 'SERVICE_UNAVAILABLE',
      kind: 'websocket',
      retryable: !fault,
      message: `The subscription socket closed (${err.code}${reason})`,
      extensions: { closeCode: err.code },
    });
  }
  const why = err instanceof Error ? err.message : ((err as { message?: unknown })?.message as string | undefined);
  return new MedofficeError({ code: 'SERVICE_UNAVAILABLE', kind: 'network', retryable: true, message: `WebSocket error${typeof why === 'string' && why ? `: ${why}` : ''}`, cause: err });
}

/**
 * Runs subscription operations over graphql-ws on one lazily opened socket per SDK client (closed when
 * the last subscription ends). The token is read from `getToken` each time the socket opens. A dropped
 * socket is not silently reopened: the subscription ends with a MedofficeError, and the caller
 * resubscribes (and refetches what it may have missed).
 */
export function createSubscriptionTransport(opts: SubscriptionTransportOptions) {
  let client: Client | undefined;
  const connect = (): Client => {
    const impl = opts.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket;
    if (!impl) throw new TypeError("No WebSocket available for subscriptions: pass options.webSocketImpl (on Node 20: import WebSocket from 'ws')");
    client ??= createWsClient({
      url: opts.url(),
      webSocketImpl: impl,
      lazy: true,
      retryAttempts: 0,
      connectionParams: async () => {
        const token = await opts.getToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    });
    return client;
  };

  /**
   * Starts one subscription. Ending the iteration (break, return) or aborting `call.signal` unsubscribes.
   * @throws TypeError at once when no WebSocket implementation is available
   * @returns the results' data; the iteration throws a MedofficeError when the server refuses or the socket fails
   */
  function iterate<R>(doc: DocumentNode, variables: unknown, call: CallOptions = {}): AsyncIterable<R> {
    const ws = connect();
    const { query, operationName } = prepare(doc);
    return (async function* () {
      if (call.signal?.aborted) return;
      const results = ws.iterate<R>({ query, operationName, variables: (variables ?? {}) as Record<string, unknown> });
      const stop = () => void results.return?.();
      call.signal?.addEventListener('abort', stop, { once: true });
      try {
        for (;;) {
          let step: IteratorResult<{ data?: R | null; errors?: readonly unknown[] }>;
          try {
            step = await results.next();
          } catch (err) {
            throw subscriptionError(err);
          }
          if (step.done) return;
          const { data, errors } = step.value;
          if (errors?.length) throw fromGraphQLErrors(errors as GraphQLErrorBody[], { data });
          if (data != null) yield data;
        }
      } finally {
        call.signal?.removeEventListener('abort', stop);
        await results.return?.();
      }
    })();
  }

  return { iterate };
}
