import type { ClassType } from 'type-graphql';
import { Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors.js';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount?: number | null;
}

/** Builds a Relay connection type `<Name>Connection` with `<Name>Edge` for a node type. */
export function Connection<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String, { description: 'Opaque cursor; stable under the connection sort order.' })
    cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { nullable: true, description: 'Total matching rows, where cheap to count.' })
    totalCount?: number | null;
  }
  return ConnectionType;
}

/** Page request after argument validation. `forward` is false for last/before paging. */
export interface PageRequest {
  limit: number;
  cursor: unknown[] | null;
  forward: boolean;
}

export const MAX_PAGE = 200;

/**
 * Validates Relay arguments into a page request. Cursors encode the sort key values.
 * @throws BAD_USER_INPUT for mixed directions, sizes outside 1..200 or a malformed cursor
 */
export function pageRequest(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }, defaultSize = 50): PageRequest {
  if (args.first != null && args.last != null) throw badInput([{ path: 'last', message: 'cannot be combined with first' }]);
  const forward = args.last == null;
  const size = forward ? (args.first ?? defaultSize) : args.last!;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
    throw badInput([{ path: forward ? 'first' : 'last', message: `must be between 1 and ${MAX_PAGE}` }]);
  }
  const raw = forward ? args.after : args.before;
  return { limit: size, cursor: raw ? decodeCursor(raw, forward ? 'after' : 'before') : null, forward };
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, path: string): unknown[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v)) return v;
  } catch {}
  throw badInput([{ path, message: 'is not a cursor issued by this connection' }]);
}

/** An edge whose cursor is encoded only when read: a day view of 200 rows rarely asks for every cursor. */
class LazyEdge<R, T> implements Edge<T> {
  constructor(
    private readonly row: R,
    private readonly keyOf: (row: R) => unknown[],
    readonly node: T,
  ) {}

  get cursor(): string {
    return encodeCursor(this.keyOf(this.row));
  }
}

/**
 * Turns rows fetched with limit+1 into a connection. Rows arrive in page order for forward paging
 * and reversed for backward paging.
 */
export function toConnection<R, T>(rows: R[], page: PageRequest, keyOf: (row: R) => unknown[], map: (row: R) => T, totalCount?: number | null): ConnectionShape<T> {
  const hasMore = rows.length > page.limit;
  const slice = rows.slice(0, page.limit);
  if (!page.forward) slice.reverse();
  const edges = slice.map((r) => new LazyEdge(r, keyOf, map(r)));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.forward ? hasMore : page.cursor !== null,
      hasPreviousPage: page.forward ? page.cursor !== null : hasMore,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}
