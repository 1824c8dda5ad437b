import postgres from 'postgres';
import { inject } from 'vitest';

export interface ScratchDatabase {
  /** Connection URL of the new database on the TEST_DATABASE_URL server. */
  url: string;
  name: string;
  /** A small client on it, for reading back what the server wrote (and for terminating its backends). */
  sql: postgres.Sql;
  /** Closes the client and drops the database, even with sessions still connected. */
  drop(): Promise<void>;
}

/**
 * A migrated copy of the test template database for a spawned server process (PostgreSQL runs only).
 * @param prefix - names it, with the process id and a random suffix
 */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${inject('testDbTemplate')}`);
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  const sql = postgres(target.toString(), { max: 2, onnotice: () => {} });
  return {
    url: target.toString(),
    name,
    sql,
    drop: async () => {
      await sql.end({ timeout: 1 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
