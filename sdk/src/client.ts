import { getSdk } from './generated/sdk.js';
import { createPaginators, type Paginators } from './paginate.js';
import { DEFAULT_RETRY, type RetryOptions } from './retry.js';
import { type CallOptions, send, type TransportOptions } from './transport.js';

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. https://medoffice.example/graphql. */
  url: string;
  /** A fixed bearer token… */
  token?: string;
  /** …or a function asked before every attempt (so a refreshed token is picked up by retries). */
  getToken?: () => string | undefined | null | Promise<string | undefined | null>;
  /** A fetch implementation (default: the global fetch of Node ≥ 18). */
  fetch?: typeof fetch;
  /** Retry tuning, or false to never retry. */
  retry?: Partial<RetryOptions> | false;
  /** Abort one attempt after this long (default 30 000 ms); a query is then retried. */
  timeoutMs?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** One typed function per published operation. */
export type Operations = ReturnType<typeof getSdk<CallOptions>>;

export type MedofficeClient = Operations & {
  /** `for await (const node of client.paginate.patients({ search }))` walks every page. */
  paginate: Paginators<Operations>;
};

/**
 * Creates a client for the medoffice API. Every call rejects with a MedofficeError on failure.
 * @example
 * const client = createClient({ url, token });
 * const { patient } = await client.patient({ id });
 */
export function createClient(options: ClientOptions): MedofficeClient {
  if (options.token && options.getToken) throw new TypeError('Pass token or getToken, not both');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (!fetchImpl) throw new TypeError('No fetch available: pass options.fetch');
  const transport: TransportOptions = {
    url: options.url,
    getToken: options.getToken ?? (() => options.token),
    fetch: fetchImpl,
    retry: options.retry === false ? { ...DEFAULT_RETRY, retries: 0 } : { ...DEFAULT_RETRY, ...options.retry },
    timeoutMs: options.timeoutMs ?? 30_000,
    headers: options.headers ?? {},
  };
  const operations = getSdk<CallOptions>((doc, variables, call) => send(transport, doc, variables, call));
  return { ...operations, paginate: createPaginators(operations) };
}
