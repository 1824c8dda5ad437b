import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { runScript } from './cli.js';

const USAGE = 'Usage: pnpm db:migrate   (applies pending migrations to DATABASE_URL, or to the embedded database in PGLITE_DATA_DIR)';

runScript(async () => {
  const config = loadConfig(process.env, { verifiesTokens: false });
  const started = Date.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolSize: 1, prepare: config.databasePrepare });
  try {
    await runMigrations(database);
  } finally {
    await database.close();
  }
  console.log(`migrations applied to ${database.engine} in ${Date.now() - started} ms`);
}, USAGE);
