import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openPostgres, pgliteExtensions, wrapPglite } from '../../server/src/db/client.js';

/**
 * A new database on the TEST_DATABASE_URL server (a copy of `template`, or empty), dropped by `close()`.
 * @param prefix - names it, with the process id and a random suffix, so parallel runs never collide
 */
export async function openScratchPostgres(prefix: string, template: string | null, poolSize: number): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL!;
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openPostgres(target.toString(), poolSize);
  return {
    ...db,
    close: async () => {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * A fresh migrated database for one test file: a copy of the template database on PostgreSQL, or the
 * migrated PGlite dump loaded in memory. `close()` drops the PostgreSQL copy.
 */
export async function openTestDatabase(): Promise<Database> {
  const template = inject('testDbTemplate');
  if (inject('testDbEngine') === 'postgres') {
    return openScratchPostgres('medoffice_t', template, 20);
  }
  const blob = new Blob([readFileSync(template)]);
  const pg = await PGlite.create({ loadDataDir: blob, extensions: pgliteExtensions });
  await pg.exec("set time zone 'UTC'");
  return wrapPglite(pg);
}
