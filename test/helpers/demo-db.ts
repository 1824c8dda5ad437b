import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openPostgres, pgliteExtensions, wrapPglite } from '../../server/src/db/client.js';
import { DEMO_PRACTICE_ID, seedDemoPractice } from '../../server/src/demo/seed-demo.js';
import { demoTemplateName } from '../setup/global-setup.js';
import { openScratchPostgres } from './test-db.js';

/** The shared demo: the default demo practice (DEMO_PRACTICE_ID) with this many patients, seeded around `demoNow()`. */
export const DEMO_PATIENTS = 500;

/**
 * For the `beforeAll` that opens the demo: the first demo file of a run seeds the template (10–40 s,
 * more on a loaded machine) and the others wait for it. Only these hooks get the longer limit.
 */
export const DEMO_HOOK_TIMEOUT = 240_000;

/** The instant the shared demo was seeded around (fixed for the run, so "today" is the same in every file). */
export function demoNow(): Date {
  return new Date(inject('testDemoNow'));
}

const POLL_MS = 250;

/** What the run's demo seed reported (seedDemoPractice's result), for tests that compare against it. */
export interface DemoSeed {
  appointments: number;
  eligibilityChecks: number;
}

interface Ready extends DemoSeed {
  /** PostgreSQL: the demo template database; PGlite: the dump's path. */
  template: string;
}

/** The seed's own counts; call after openDemoDatabase (or startTestServer({ demo: true })). */
export function demoSeed(): DemoSeed {
  const { appointments, eligibilityChecks } = JSON.parse(readFileSync(join(inject('testDemoDir'), 'demo.ready'), 'utf8')) as Ready;
  return { appointments, eligibilityChecks };
}

/**
 * A private copy of the seeded demo database for one test file: on PostgreSQL a database made from the
 * demo template (`close()` drops it), on PGlite the demo dump loaded in memory. The demo is seeded once
 * per run: the first caller takes a file lock and builds the template, the other workers wait for it.
 */
export async function openDemoDatabase(): Promise<Database> {
  const dir = inject('testDemoDir');
  const ready = join(dir, 'demo.ready');
  const failed = join(dir, 'demo.failed');
  if (!existsSync(ready) && takeLock(join(dir, 'demo.lock'))) {
    try {
      const own = await buildDemoTemplate(dir, ready);
      if (own) return own;
    } catch (e) {
      writeFileSync(failed, String((e as Error).stack ?? e));
      throw e;
    }
  }
  while (!existsSync(ready)) {
    if (existsSync(failed)) throw new Error(`the demo template failed in another worker:\n${readFileSync(failed, 'utf8')}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return copyDemo((JSON.parse(readFileSync(ready, 'utf8')) as Ready).template);
}

function takeLock(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx'));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** Seeds the demo once; on PGlite the seeded instance itself is returned to the builder (already a private copy). */
async function buildDemoTemplate(dir: string, ready: string): Promise<Database | null> {
  const started = Date.now();
  const template = inject('testDbTemplate');
  if (inject('testDbEngine') === 'postgres') {
    const name = demoTemplateName(template);
    const url = process.env.TEST_DATABASE_URL!;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`create database ${name} template ${template}`);
    } finally {
      await admin.end();
    }
    const target = new URL(url);
    target.pathname = `/${name}`;
    const db = openPostgres(target.toString(), 4);
    let seeded: DemoSeed;
    try {
      seeded = await seedDemoPractice(db.db, DEMO_PATIENTS, DEMO_PRACTICE_ID, undefined, { now: demoNow() });
    } finally {
      // A template must have no open connections when copied.
      await db.close();
    }
    publish(ready, { template: name, appointments: seeded.appointments, eligibilityChecks: seeded.eligibilityChecks }, started);
    return null;
  }
  const pg = await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]), extensions: pgliteExtensions });
  await pg.exec("set time zone 'UTC'");
  const database = wrapPglite(pg);
  const seeded = await seedDemoPractice(database.db, DEMO_PATIENTS, DEMO_PRACTICE_ID, undefined, { now: demoNow() });
  const dump = await pg.dumpDataDir('none');
  const file = join(dir, 'demo.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  publish(ready, { template: file, appointments: seeded.appointments, eligibilityChecks: seeded.eligibilityChecks }, started);
  return database;
}

/** Writes the ready marker atomically (a waiter never reads it half-written) and prints the seed time. */
function publish(ready: string, value: Ready, started: number) {
  writeFileSync(`${ready}.tmp`, JSON.stringify(value));
  renameSync(`${ready}.tmp`, ready);
  console.info(`demo template seeded once for this run in ${((Date.now() - started) / 1000).toFixed(1)} s (${DEMO_PATIENTS} patients)`);
}

async function copyDemo(template: string): Promise<Database> {
  if (inject('testDbEngine') === 'postgres') return openScratchPostgres('medoffice_d', template, 20);
  const pg = await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]), extensions: pgliteExtensions });
  await pg.exec("set time zone 'UTC'");
  return wrapPglite(pg);
}
