import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { listLastLinks } from '../modules/audit/audit-chain.repo.js';
import { runScript, UsageError } from './cli.js';

const USAGE = `Usage: pnpm -s audit:head
  Prints the head of every practice's audit chain (its last link) as one JSON line per practice:
  {"practiceId", "seq", "hash", "linkedAt", "readAt"}. Store the output where the database's
  superusers cannot write (see docs/operations.md, "Audit chain"); verifyAuditTrail later proves the
  trail up to each exported seq still leads to the exported hash. Reads DATABASE_URL, or the embedded
  database in PGLITE_DATA_DIR (stop the server first: one process opens an embedded database at a time).`;

runScript(async () => {
  try {
    if (parseArgs({ options: { help: { type: 'boolean' } } }).values.help) return void console.log(USAGE);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const config = loadConfig(process.env, { verifiesTokens: false });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolSize: 1 });
  try {
    const readAt = new Date().toISOString();
    for (const link of await listLastLinks(database.db)) {
      console.log(JSON.stringify({ practiceId: link.practiceId, seq: link.seq, hash: link.hash, linkedAt: link.linkedAt.toISOString(), readAt }));
    }
  } finally {
    await database.close();
  }
}, USAGE);
