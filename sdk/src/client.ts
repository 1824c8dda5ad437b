import { type ClientCredentials, createTokenSource } from './client-credentials.js';
import { getSdk } from './generated/sdk.js';
import { type ImportData, type ImportTargetName, type ImportUploadResult, rejectedImportRows, type UploadImportOptions, uploadImport } from './imports.js';
import { createPaginators, type Paginators } from './paginate.js';
import { DEFAULT_RETRY, type RetryOptions } from './retry.js';
import { createSubscribers, type Subscribers } from './subscribers.js';
import { createSubscriptionTransport, webSocketUrlOf } from './subscriptions.js';
import { createTokenRefresher, type OnUnauthenticated } from './token-refresh.js';
import { type CallOptions, prepare, send, type TransportOptions } from './transport.js';

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. https://medoffice.example/graphql. */
  url: string;
  /** A fixed bearer token… */
  token?: string;
  /** …or a function asked before every attempt (so a refreshed token is picked up by retries). */
  getToken?: () => string | undefined | null | Promise<string | undefined | null>;
  /**
   * …or a partner client's credentials: the client fetches tokens from POST /oauth/token, caches them,
   * refreshes them shortly before they expire and once when the server refuses one (as `onUnauthenticated` does).
   */
  clientCredentials?: ClientCredentials;
  /**
   * Token refresh, with `token` or `getToken`: called when the server refuses the token a request carried
   * (UNAUTHENTICATED, HTTP 401: refused before anything ran, so mutations too are sent again). Return a
   * new token and the request is sent once more with it; return null and the call rejects with the
   * UNAUTHENTICATED MedofficeError (as it does when the new token is refused too: no loop). Requests
   * refused together share one call. A new token replaces `token` for later requests; with `getToken`,
   * later requests ask getToken, so have it return the new token. If the hook throws, the call rejects
   * with the hook's MedofficeError, or with the UNAUTHENTICATED error whose `cause` is what it threw.
   * @example onUnauthenticated: async () => (await refreshSession())?.accessToken ?? null
   */
  onUnauthenticated?: OnUnauthenticated;
  /** A fetch implementation (default: the global fetch of Node ≥ 18). */
  fetch?: typeof fetch;
  /** Retry tuning, or false to never retry. */
  retry?: Partial<RetryOptions> | false;
  /** Abort one attempt after this long (default 30 000 ms); a query is then retried. */
  timeoutMs?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * A WebSocket constructor for subscriptions. Browsers and Node ≥ 22 have a global one; on Node 20
   * pass the `ws` package: `import WebSocket from 'ws'` → `webSocketImpl: WebSocket`.
   */
  webSocketImpl?: unknown;
  /** Where subscriptions connect (default: `url` with http→ws, https→wss). */
  subscriptionUrl?: string;
}

/** One typed function per published operation. */
export type Operations = ReturnType<typeof getSdk<CallOptions>>;

export type MedofficeClient = Operations & {
  /** `for await (const node of client.paginate.patients({ search }))` walks every page. */
  paginate: Paginators<Operations>;
  /**
   * Callback-style subscriptions: `const stop = client.subscribe.appointmentChanged({ locationId }, { onData, onError })`.
   * (`client.appointmentChanged(vars)` is the same subscription as an AsyncIterable.)
   */
  subscribe: Subscribers<Operations>;
  /**
   * Uploads a CSV file to an import target over the HTTP endpoint beside GraphQL:
   * `await client.uploadImport('PATIENTS', file, { dryRun: false, mode: 'GOOD_ROWS' })`. Poll
   * `client.importRun({ id })` with the `id` you pass for its progress while it runs.
   */
  uploadImport: (target: ImportTargetName, data: ImportData, options?: UploadImportOptions) => Promise<ImportUploadResult>;
  /** The rejected rows of a GOOD_ROWS commit as CSV text. */
  rejectedImportRows: (importId: string, options?: { signal?: AbortSignal }) => Promise<string>;
};

/**
 * Creates a client for the medoffice API. Every call rejects with a MedofficeError on failure.
 * Queries and mutations are POSTed; subscriptions run over graphql-ws (one socket per client, opened
 * on the first subscription, closed after the last).
 * @example
 * const client = createClient({ url, token });
 * const { patient } = await client.patient({ id });
 * for await (const { appointmentChanged } of client.appointmentChanged({ locationId })) render(appointmentChanged);
 */
export function createClient(options: ClientOptions): MedofficeClient {
  if ([options.token, options.getToken, options.clientCredentials].filter(Boolean).length > 1) throw new TypeError('Pass one of token, getToken or clientCredentials');
  if (options.clientCredentials && options.onUnauthenticated) throw new TypeError('With clientCredentials the client refreshes tokens itself: leave out onUnauthenticated');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (!fetchImpl) throw new TypeError('No fetch available: pass options.fetch');
  const tokens = options.clientCredentials ? createTokenSource({ ...options.clientCredentials, graphqlUrl: options.url, fetch: fetchImpl }) : undefined;
  // The fixed token, replaced by what onUnauthenticated returns.
  let token = options.token;
  const onUnauthenticated: OnUnauthenticated | undefined = tokens
    ? // One mechanism: a refused partner token is forgotten and a new one fetched (itself single-flight).
      ({ token: refused }) => {
        tokens.invalidate(refused);
        return tokens.getToken();
      }
    : options.onUnauthenticated &&
      (async (context) => {
        const fresh = await options.onUnauthenticated!(context);
        if (fresh && !options.getToken) token = fresh;
        return fresh;
      });
  const transport: TransportOptions = {
    url: options.url,
    getToken: tokens ? () => tokens.getToken() : (options.getToken ?? (() => token)),
    refreshToken: onUnauthenticated && createTokenRefresher(onUnauthenticated),
    fetch: fetchImpl,
    retry: options.retry === false ? { ...DEFAULT_RETRY, retries: 0 } : { ...DEFAULT_RETRY, ...options.retry },
    timeoutMs: options.timeoutMs ?? 30_000,
    headers: options.headers ?? {},
  };
  const subscriptions = createSubscriptionTransport({
    url: () => options.subscriptionUrl ?? webSocketUrlOf(options.url),
    webSocketImpl: options.webSocketImpl,
    getToken: transport.getToken,
  });
  const operations = getSdk<CallOptions>((doc, variables, call) =>
    prepare(doc).operation === 'subscription' ? subscriptions.iterate(doc, variables, call) : send(transport, doc, variables, call),
  );
  return {
    ...operations,
    paginate: createPaginators(operations),
    subscribe: createSubscribers(operations),
    uploadImport: (target, data, uploadOptions) => uploadImport(transport, target, data, uploadOptions),
    rejectedImportRows: (importId, callOptions) => rejectedImportRows(transport, importId, callOptions),
  };
}
