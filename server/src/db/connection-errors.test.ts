import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './connection-errors.js';
import { openPostgres, wrapPglite } from './client.js';

const caught = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
};

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection through drizzle, which wraps the driver error', async () => {
    const database = openPostgres('postgres://postgres@127.0.0.1:1/none', 1);
    const err = await caught(() => database.db.execute(sql`select 1`));
    await database.close();
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('recognises a closed PGlite instance (a query during shutdown)', async () => {
    const pg = await PGlite.create();
    const database = wrapPglite(pg);
    await database.close();
    expect(isDatabaseUnavailable(await caught(() => database.db.execute(sql`select 1`)))).toBe(true);
  });

  it('recognises server shutdown SQLSTATEs and connection exceptions, not statement errors', () => {
    const pgError = (code: string) => Object.assign(new Error('terminating connection due to administrator command'), { code });
    const wrapped = (cause: Error) => Object.assign(new Error('Failed query: insert into …'), { cause });
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08P01', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'ECONNRESET']) {
      expect(isDatabaseUnavailable(wrapped(pgError(code))), code).toBe(true);
    }
    for (const code of ['23505', '23P01', '40001', '22021', '42P01']) expect(isDatabaseUnavailable(wrapped(pgError(code))), code).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of null (reading 'write')"))).toBe(false);
    expect(isDatabaseUnavailable('CONNECTION_CLOSED')).toBe(false);
  });
});
