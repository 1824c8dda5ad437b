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

/** Variables of a paginated operation: everything but the cursor, which the iterator drives. */
type PageVariables<F> = F extends (variables: infer V, ...rest: any[]) => unknown ? Omit<NonNullable<V>, 'after'> : never;

/** One async iterator factory per connection operation of the SDK, yielding nodes across all pages. */
export type Paginators<S> = {
  [K in keyof S as [NodeOf<S[K]>] extends [never] ? never : K]: S[K] extends (variables: infer V, ...rest: any[]) => unknown
    ? undefined extends V
      ? (variables?: PageVariables<S[K]>, options?: CallOptions) => AsyncGenerator<NodeOf<S[K]>, void, undefined>
      : (variables: PageVariables<S[K]>, options?: CallOptions) => AsyncGenerator<NodeOf<S[K]>, void, undefined>
    : never;
};

function connectionIn(data: unknown, name: string): ConnectionResult<unknown> {
  const values = typeof data === 'object' && data !== null ? Object.values(data) : [];
  const found = values.filter((v): v is ConnectionResult<unknown> => typeof v === 'object' && v !== null && Array.isArray((v as ConnectionResult<unknown>).edges) && typeof (v as ConnectionResult<unknown>).pageInfo === 'object');
  if (found.length !== 1) throw new TypeError(`${name} is not a single-connection operation; it cannot be paginated`);
  return found[0]!;
}

/** Follows pageInfo.endCursor while hasNextPage, one request per page, yielding each node. */
async function* iterate(name: string, operation: AnyOperation, variables: Record<string, unknown> | undefined, options: CallOptions | undefined) {
  let after = variables?.after as string | null | undefined;
  for (;;) {
    const page = connectionIn(await operation({ ...variables, after }, options), name);
    for (const edge of page.edges) yield edge.node;
    const next = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage || !next) return;
    if (next === after) throw new Error(`${name}: the server returned the same cursor twice; stopping to avoid a loop`);
    after = next;
  }
}

/** Builds `client.paginate`: every operation gets an iterator; the Paginators type exposes the connection ones. */
export function createPaginators<S extends object>(sdk: S): Paginators<S> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(sdk)) {
    if (typeof fn === 'function') out[name] = (variables?: Record<string, unknown>, options?: CallOptions) => iterate(name, fn as AnyOperation, variables, options);
  }
  return out as Paginators<S>;
}
