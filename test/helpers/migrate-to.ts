import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { inject } from 'vitest';
import { type Database, pgliteExtensions, wrapPglite } from '../../server/src/db/client.js';
import { migrationsFolder } from '../../server/src/db/migrate.js';
import { openScratchPostgres } from './test-db.js';

/**
 * An empty, unmigrated database on the engine under test: a new in-memory PGlite, or a new database on
 * the TEST_DATABASE_URL server that `close()` drops. For tests of migrations themselves.
 */
export async function openEmptyDatabase(): Promise<Database> {
  if (inject('testDbEngine') !== 'postgres') {
    const pg = await PGlite.create({ extensions: pgliteExtensions });
    await pg.exec("set time zone 'UTC'");
    return wrapPglite(pg);
  }
  return openScratchPostgres('medoffice_m', null, 2);
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

/**
 * Applies the committed migrations that come before the one named `name` (its tag without the number,
 * so a renumbered migration is still found), or all of them when `name` is null. Call it again with a
 * later name to continue, as a deploy would.
 * @throws when no committed migration has that name
 */
export async function migrateBefore(database: Database, name: string | null): Promise<void> {
  const journal: Journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8'));
  let entries = journal.entries;
  if (name !== null) {
    const stop = entries.findIndex((e) => e.tag.replace(/^\d+_/, '') === name);
    if (stop < 0) throw new Error(`no migration named ${name}`);
    entries = entries.slice(0, stop);
  }
  const folder = mkdtempSync(join(tmpdir(), 'medoffice-migrations-'));
  try {
    cpSync(migrationsFolder, folder, { recursive: true });
    writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
    if (database.engine === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    else await migratePostgres(database.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
