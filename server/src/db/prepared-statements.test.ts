import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MAX_PREPARED_PARAMETERS, openPostgres, rowsOf } from './client.js';
import type { Db } from './client.js';

const url = process.env.TEST_DATABASE_URL;

/** The statements this connection has prepared (the pool has one connection, so it is always this one). */
async function prepared(db: Db): Promise<string[]> {
  const rows = rowsOf<{ statement: string }>(await db.execute(sql`select statement from pg_prepared_statements where name <> '' and statement like '%/*probe*/%'`));
  return rows.map((r) => r.statement);
}

describe.skipIf(!url)('statements on PostgreSQL (postgres.js behind drizzle)', () => {
  it('a parameterized statement is prepared once per connection and planned per execution', async () => {
    const database = openPostgres(url!, 1);
    try {
      for (const n of [1, 2, 3]) await database.db.execute(sql`select /*probe*/ ${n}::int + 1 as v`);
      expect(await prepared(database.db)).toHaveLength(1);
      const [mode] = rowsOf<{ plan_cache_mode: string }>(await database.db.execute(sql`show plan_cache_mode`));
      expect(mode?.plan_cache_mode).toBe('force_custom_plan');
      // Inside a transaction and a savepoint the same text reuses the connection's statement.
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`select /*probe*/ ${4}::int + 1 as v`);
        await tx.transaction(async (inner) => {
          await inner.execute(sql`select /*probe*/ ${5}::int + 2 as v`);
        });
      });
      expect((await prepared(database.db)).sort()).toEqual(['select /*probe*/ $1::int + 1 as v', 'select /*probe*/ $1::int + 2 as v']);
    } finally {
      await database.close();
    }
  });

  it('statements with very many parameters (bulk inserts of n rows) stay unnamed', async () => {
    const database = openPostgres(url!, 1);
    try {
      const values = Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, (_, i) => sql`${i}::int`);
      const [row] = rowsOf<{ n: number }>(await database.db.execute(sql`select /*probe*/ cardinality(array[${sql.join(values, sql`, `)}]) as n`));
      expect(Number(row?.n)).toBe(MAX_PREPARED_PARAMETERS + 1);
      expect(await prepared(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('behind a transaction-pooling PgBouncer (prepare off) nothing is prepared', async () => {
    const database = openPostgres(url!, 1, false);
    try {
      for (const n of [1, 2]) await database.db.execute(sql`select /*probe*/ ${n}::int + 1 as v`);
      expect(await prepared(database.db)).toEqual([]);
      const [mode] = rowsOf<{ plan_cache_mode: string }>(await database.db.execute(sql`show plan_cache_mode`));
      expect(mode?.plan_cache_mode).toBe('auto');
    } finally {
      await database.close();
    }
  });
});
