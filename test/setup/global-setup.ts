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
    /** A directory for this run: the demo template's lock, ready marker and (PGlite) dump; see test/helpers/demo-db.ts. */
    testDemoDir: string;
    /** The instant the shared demo practice is seeded around (ISO). */
    testDemoNow: string;
  }
}

/** The PostgreSQL demo template's name for a run's migrated template (built by test/helpers/demo-db.ts, dropped here). */
export function demoTemplateName(migratedTemplate: string): string {
  return `${migratedTemplate}_demo`;
}

/**
 * Migrates once per run: a template database on PostgreSQL (TEST_DATABASE_URL), or a dumped PGlite
 * data directory that each test file loads in well under a second.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  // The demo template is built lazily by the first demo test (test/helpers/demo-db.ts), so a run without
  // demo tests does not pay for the seed; this directory coordinates the workers.
  const dir = mkdtempSync(join(tmpdir(), 'medoffice-test-'));
  project.provide('testDemoDir', dir);
  project.provide('testDemoNow', new Date().toISOString());
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
      // Test databases made from the templates are dropped by their files; the templates go last.
      await admin.unsafe(`drop database if exists ${demoTemplateName(name)} with (force)`).catch(() => {});
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    };
  }
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
