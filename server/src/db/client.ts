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
  const client = postgres(url, { max: poolSize, prepare, onnotice: () => {}, connection: { TimeZone: 'UTC' } });
  const db = drizzlePostgres(client, drizzleOptions) as unknown as Db;
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
