// The demo seed now loads modules with type-graphql decorators, which need the metadata polyfill first.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { practices } from '../db/schema/practices.js';
import { PATIENT_COPY_COLUMNS, patientCopyLine } from '../demo/copy-lines.js';
import { insertPracticeShell, syntheticPatients } from '../demo/seed-demo.js';
import { runScript, UsageError } from './cli.js';

const USAGE = `Usage: pnpm seed --patients <n> [--practice-id <uuid>] [--name <practice name>]
  Creates one synthetic practice (2 locations, 8 providers, n patients with obviously fake data) in the
  configured database (DATABASE_URL, or the embedded one in PGLITE_DATA_DIR — stop the server first:
  an embedded database can only be open in one process). Migrations are applied first. Patients are
  loaded with COPY in chunks of 50,000: an interrupted run leaves the practice with fewer patients.
  --patients     how many patients (1 to 5,000,000)
  --practice-id  id of the new practice; default: a random uuid (printed)
  --name         default: "Synthetic Practice <n> patients"`;

const COPY_CHUNK = 50_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

runScript(async () => {
  const { values } = (() => {
    try {
      return parseArgs({ options: { patients: { type: 'string' }, 'practice-id': { type: 'string' }, name: { type: 'string' } } });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  })();
  const count = Number(values.patients);
  if (!values.patients || !Number.isInteger(count) || count < 1 || count > 5_000_000) throw new UsageError('--patients must be a whole number from 1 to 5,000,000');
  const practiceId = values['practice-id'] ?? randomUUID();
  if (!UUID.test(practiceId)) throw new UsageError('--practice-id must be a uuid');

  const config = loadConfig(process.env, { verifiesTokens: false });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolSize: 1, prepare: config.databasePrepare });
  try {
    await runMigrations(database);
    const [existing] = await database.db.select({ id: practices.id }).from(practices).where(eq(practices.id, practiceId));
    if (existing) throw new UsageError(`practice ${practiceId} already exists`);
    const started = Date.now();
    await database.db.transaction((tx) => insertPracticeShell(tx, practiceId, values.name ?? `Synthetic Practice ${count} patients`, count));
    const rows = syntheticPatients(practiceId, count);
    // COPY is several times faster than multi-row INSERT here (trigram indexes included); chunks bound memory.
    for (let done = 0; done < count; done += COPY_CHUNK) {
      const lines: string[] = [];
      for (let i = 0; i < Math.min(COPY_CHUNK, count - done); i++) lines.push(patientCopyLine(rows.next().value!));
      await database.copyFrom('patients', PATIENT_COPY_COLUMNS, lines);
    }
    const insertMs = Date.now() - started;
    // Fresh statistics so the planner uses the indexes on the new rows right away.
    await database.db.execute(sql`analyze patients`);
    const totalMs = Date.now() - started;
    console.log(JSON.stringify({ practiceId, patients: count, engine: database.engine, insertMs, totalMs, patientsPerSecond: Math.round(count / (insertMs / 1000)) }));
  } finally {
    await database.close();
  }
}, USAGE);
