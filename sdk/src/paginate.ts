import type { CallOptions } from './transport.js';

/** The shape every Relay connection operation selects (at least). */
export interface ConnectionResult<N> {
  edges: ReadonlyArray<{ node: N }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

type AnyOperation = (variables?: any, options?: CallOptions) => Promise<unknown>;

/** The node type when the operation's root field is a connection and it takes `$after`; never otherwise. */
export type NodeOf<F> = F extends (variables: infer V, ...rest: any[]) => Promise<infer R>
  ? 'after' extends keyof NonNullable<V>
    ? R[keyof R] extends infer C
      ? C extends ConnectionResult<infer N>
        ? N
        : never
      : never
    : never
  : never;

/** Variables of a paginated operation; `after` resumes from a cursor saved earlier (a page's endCursor). */
type PageVariables<F> = F extends (variables: infer V, ...rest: any[]) => unknown ? Omit<NonNullable<V>, 'after'> & { after?: string | null } : never;

/** Call options of a paginator: `limit` stops after that many nodes (the last page is not fetched whole for nothing: `first` still sets the page size). */
export type PaginateOptions = CallOptions & { limit?: number };

/** One page of a connection: its nodes and where to resume (`pageInfo.endCursor`, pass it back as `after`). */
export interface Page<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Iterates a connection's nodes across pages; `.pages()` yields whole pages with their cursors instead. */
export type Paginator<V, N> = ((variables: V, options?: PaginateOptions) => AsyncGenerator<N, void, undefined>) & {
  pages: (variables: V, options?: PaginateOptions) => AsyncGenerator<Page<N>, void, undefined>;
};
type OptionalPaginator<V, N> = ((variables?: V, options?: PaginateOptions) => AsyncGenerator<N, void, undefined>) & {
  pages: (variables?: V, options?: PaginateOptions) => AsyncGenerator<Page<N>, void, undefined>;
};

/** One paginator per connection operation of the SDK. */
export type Paginators<S> = {
  [K in keyof S as [NodeOf<S[K]>] extends [never] ? never : K]: S[K] extends (variables: infer V, ...rest: any[]) => unknown
    ? undefined extends V
      ? OptionalPaginator<PageVariables<S[K]>, NodeOf<S[K]>>
      : Paginator<PageVariables<S[K]>, NodeOf<S[K]>>
    : never;
};

function connectionIn(data: unknown, name: string): ConnectionResult<unknown> {
  const values = typeof data === 'object' && data !== null ? Object.values(data) : [];
  const found = values.filter((v): v is ConnectionResult<unknown> => typeof v === 'object' && v !== null && Array.isArray((v as ConnectionResult<unknown>).edges) && typeof (v as ConnectionResult<unknown>).pageInfo === 'object');
  if (found.length !== 1) throw new TypeError(`${name} is not a single-connection operation; it cannot be paginated`);
  return found[0]!;
}

/** Follows pageInfo.endCursor while hasNextPage, one request per page, from `variables.after` if given, up to `limit` nodes. */
async function* pages(name: string, operation: AnyOperation, variables: Record<string, unknown> | undefined, options: PaginateOptions = {}): AsyncGenerator<Page<unknown>, void, undefined> {
  const { limit, ...call } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw new RangeError(`${name}: limit must be a whole number ≥ 0`);
  let after = variables?.after as string | null | undefined;
  let left = limit ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const page = connectionIn(await operation({ ...variables, after }, call), name);
    const nodes = page.edges.slice(0, left).map((e) => e.node);
    left -= nodes.length;
    const next = page.pageInfo.endCursor;
    yield { nodes, pageInfo: { hasNextPage: page.pageInfo.hasNextPage, endCursor: next } };
    if (!page.pageInfo.hasNextPage || !next) return;
    if (next === after) throw new Error(`${name}: the server returned the same cursor twice; stopping to avoid a loop`);
    after = next;
  }
}

async function* nodes(name: string, operation: AnyOperation, variables: Record<string, unknown> | undefined, options: PaginateOptions | undefined) {
  for await (const page of pages(name, operation, variables, options)) yield* page.nodes;
}

/** Builds `client.paginate`: every operation gets an iterator; the Paginators type exposes the connection ones. */
export function createPaginators<S extends object>(sdk: S): Paginators<S> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(sdk)) {
    if (typeof fn !== 'function') continue;
    const op = fn as AnyOperation;
    out[name] = Object.assign((variables?: Record<string, unknown>, options?: PaginateOptions) => nodes(name, op, variables, options), {
      pages: (variables?: Record<string, unknown>, options?: PaginateOptions) => pages(name, op, variables, options),
    });
  }
  return out as Paginators<S>;
}
