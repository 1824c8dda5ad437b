import { type App, createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/client.js';
import { createTokenVerifier } from '../../server/src/graphql/auth.js';
import { buildSchema } from '../../server/src/graphql/build-schema.js';
import { createLogger, type Logger } from '../../server/src/logger.js';
import { TEST_JWT_SECRET } from './test-server.js';

/**
 * Starts an app on a database the test owns, with its own env and logger, for tests of the server's
 * plumbing (health, shutdown, logging). The caller stops it. Domain tests use startTestServer instead.
 */
export async function startApp(database: Database, opts: { env?: Record<string, string>; logger?: Logger } = {}): Promise<{ app: App; base: string; url: string }> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', ...opts.env });
  const app = await createApp({
    config,
    database,
    schema: await buildSchema(),
    verifier: createTokenVerifier({ secret: TEST_JWT_SECRET }),
    logger: opts.logger ?? createLogger('silent'),
  });
  const port = await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  return { app, base, url: `${base}/graphql` };
}
