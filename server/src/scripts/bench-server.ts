import 'reflect-metadata';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openPostgres } from '../db/client.js';
import { createTokenVerifier } from '../graphql/auth.js';
import { buildSchema } from '../graphql/build-schema.js';
import { createLogger } from '../logger.js';

/**
 * The real API in production mode on the bench database (child process of bench/run.ts and
 * bench/cpu-per-request.ts). It lives in server/src so `pnpm build` compiles it: the bench runs it from
 * server/dist with plain node, as production runs (see bench/processes.ts startApi).
 */
const url = process.env.BENCH_DATABASE_URL!;
const secret = process.env.BENCH_JWT_SECRET!;
// Rate limits off: one benchmark token sends thousands of requests a minute, far over a person's budget.
const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, JWT_SECRET: secret, LOG_LEVEL: 'silent', EXPOSE_QUERY_STATS: 'true', INTROSPECTION: 'off', RATE_LIMIT: 'off', SPLICE_PAGE_JSON: process.env.SPLICE_PAGE_JSON ?? 'true' });
const database = openPostgres(url, 10);
const app = await createApp({ config, database, schema: await buildSchema(), verifier: createTokenVerifier({ secret }), logger: createLogger('silent') });
const port = await app.listen(0, '127.0.0.1');
process.stdout.write(`LISTENING ${port}\n`);
process.on('SIGTERM', async () => {
  await app.stop();
  await database.close();
  process.exit(0);
});
