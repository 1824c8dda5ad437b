import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { CountingLogger } from './query-stats.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** One database type for both engines; a transaction handle is also a Db. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Cheap liveness probe for /readyz. */
  ping(): Promise<void>;
  /**
   * Bulk-loads rows with COPY (text format: tab-separated, `\N` for null, one line a row) into
   * `table (columns)`, outside any transaction. For seeding and benchmarks, not for request paths.
   */
  copyFrom(table: string, columns: readonly string[], lines: Iterable<string>): Promise<void>;
  close(): Promise<void>;
}

export const pgliteExtensions = { btree_gist, pg_trgm, fuzzystrmatch };

const drizzleOptions = { schema, casing: 'snake_case' as const, logger: new CountingLogger() };

/**
 * Opens PostgreSQL through postgres.js.
 * @param prepare - named prepared statements (faster); false behind a transaction-pooling PgBouncer, which
 *   may run each statement on a different server connection than the one that prepared it
 */
export function openPostgres(url: string, poolSize = 10, prepare = true): Database {
  // Each execution is still planned for its own values (as an unnamed statement is): a generic plan cannot
  // see, say, a day's bounds and may scan far more rows. What preparing saves is the parse and, above all,
  // the extra round trip postgres.js makes to describe an unnamed statement's parameters before binding.
  const connection = prepare ? { TimeZone: 'UTC', plan_cache_mode: 'force_custom_plan' } : { TimeZone: 'UTC' };
  const client = postgres(url, { max: poolSize, prepare, onnotice: () => {}, connection });
  const db = drizzlePostgres(prepare ? preparing(client, new Set()) : client, drizzleOptions) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    ping: async () => {
      await client`select 1`;
    },
    copyFrom: async (table, columns, lines) => {
      const sink = await client`copy ${client(table)} (${client(columns as string[])}) from stdin`.writable();
      await pipeline(Readable.from(lines), sink);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** Distinct statement texts prepared per process; past it new texts run unnamed (each connection keeps its own). */
export const MAX_PREPARED_TEXTS = 2000;
/** Statements with more parameters than this (bulk inserts of n rows) rarely repeat their text: not prepared. */
export const MAX_PREPARED_PARAMETERS = 200;

/**
 * The postgres.js client as drizzle should see it: drizzle asks for an unnamed statement on every
 * execute (it prepares only what `.prepare(name)` names), and postgres.js answers an unnamed statement
 * with parameters in two round trips (describe, then bind and execute) and PostgreSQL parses it each
 * time. Here a parameterized statement is named and kept per connection instead — one round trip, one
 * parse per connection — as long as its text is among the first MAX_PREPARED_TEXTS distinct texts, so
 * texts that vary without bound (lists of ids of every length) cannot grow the servers' memory for ever.
 * Transactions and savepoints hand out the same behaviour.
 */
function preparing(client: postgres.Sql, texts: Set<string>): postgres.Sql {
  const named = (query: string, params: readonly unknown[] | undefined) => {
    if (!params || params.length === 0 || params.length > MAX_PREPARED_PARAMETERS) return false;
    if (texts.has(query)) return true;
    if (texts.size >= MAX_PREPARED_TEXTS) return false;
    texts.add(query);
    return true;
  };
  const wrapCallback = (args: unknown[]) => {
    const last = args.length - 1;
    const fn = args[last] as (tx: postgres.Sql) => unknown;
    return [...args.slice(0, last), (tx: postgres.Sql) => fn(preparing(tx, texts))];
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params as never, { ...options, prepare: named(query, params) });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        const original = Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown;
        return (...args: unknown[]) => original.apply(target, wrapCallback(args));
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const quoteIdent = (name: string) => {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
};

/** Wraps an open PGlite instance (embedded PostgreSQL in WASM). */
export function wrapPglite(pg: PGlite): Database {
  const db = drizzlePglite(pg, drizzleOptions) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    ping: async () => {
      await pg.query('select 1');
    },
    copyFrom: async (table, columns, lines) => {
      // PGlite reads COPY input from a Blob mounted at /dev/blob.
      const blob = new Blob([...lines]);
      await pg.query(`copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) from '/dev/blob'`, [], { blob });
    },
    close: () => pg.close(),
  };
}

/** Opens (creating if needed) an embedded PGlite database persisted in `<dataDir>/pg`. */
export async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(join(dataDir, 'pg'), { extensions: pgliteExtensions });
  await pg.exec("set time zone 'UTC'");
  return wrapPglite(pg);
}

/**
 * Opens the configured database: PostgreSQL when a URL is given, else embedded PGlite.
 * @param opts - databaseUrl (optional), pgliteDataDir, poolSize, prepare (PostgreSQL named prepared statements)
 */
export function openDatabase(opts: {
  databaseUrl?: string;
  pgliteDataDir: string;
  poolSize?: number;
  prepare?: boolean;
}): Promise<Database> {
  if (opts.databaseUrl) return Promise.resolve(openPostgres(opts.databaseUrl, opts.poolSize, opts.prepare));
  return openPglite(opts.pgliteDataDir);
}

/** Rows of a `db.execute()` result: PGlite returns `{ rows }`, postgres.js an array. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
