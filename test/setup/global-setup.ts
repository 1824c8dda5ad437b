import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openPostgres, pgliteExtensions, wrapPglite } from '../../server/src/db/client.js';
import { runMigrations } from '../../server/src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: template database name; PGlite: path of a migrated data-dir dump. */
    testDbTemplate: string;
    testDbEngine: 'pglite' | 'postgres';
  }
}

/**
 * Migrates once per run: a template database on PostgreSQL (TEST_DATABASE_URL), or a dumped PGlite
 * data directory that each test file loads in well under a second.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `medoffice_tpl_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const db = openPostgres(target.toString(), 1);
    await runMigrations(db);
    await db.close();
    project.provide('testDbEngine', 'postgres');
    project.provide('testDbTemplate', name);
    return async () => {
      // Test databases made from the template are dropped by their files; the template goes last.
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'medoffice-test-'));
  const pg = await PGlite.create({ extensions: pgliteExtensions });
  const db = wrapPglite(pg);
  await runMigrations(db);
  const dump = await pg.dumpDataDir('none');
  const file = join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pg.close();
  project.provide('testDbEngine', 'pglite');
  project.provide('testDbTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
