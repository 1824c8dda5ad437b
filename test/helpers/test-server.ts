import { randomUUID } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { type App, createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/client.js';
import { createTokenVerifier, signToken } from '../../server/src/graphql/auth.js';
import { buildSchema } from '../../server/src/graphql/build-schema.js';
import type { Role } from '../../server/src/graphql/roles.js';
import { createLogger } from '../../server/src/logger.js';
import { openDemoDatabase } from './demo-db.js';
import { onFileEnd } from './file-cleanups.js';
import { openTestDatabase } from './test-db.js';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions: { code: string; fields?: { path: string; message: string }[]; [k: string]: unknown } }[];
  extensions?: { stats?: { sqlStatements: number } };
  status: number;
}

export interface TestServer {
  url: string;
  /** ws://…/graphql for graphql-ws subscriptions. */
  wsUrl: string;
  app: App;
  database: Database;
  /** A signed token for a user of `practiceId` with `roles`. */
  token(practiceId: string, roles: Role[], userId?: string): Promise<string>;
  /** POSTs an operation and returns the parsed body with the HTTP status. */
  gql<T = Record<string, any>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
}

let schema: Promise<GraphQLSchema> | undefined;

/** The schema is immutable once built; files sharing a worker's modules build it once (a few hundred ms each). */
function sharedSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema();
  return schema;
}

/**
 * Starts the real HTTP server on a fresh migrated database for this test file, and stops it (and
 * drops the database) after the file. Responses include `extensions.stats.sqlStatements`.
 * Pass `opts.database` to start a second instance on another instance's database (it is then
 * closed by its owner only). Pass `opts.demo` to start on a private copy of the run's seeded demo
 * practice instead (test/helpers/demo-db.ts; open it in a hook with DEMO_HOOK_TIMEOUT).
 */
export async function startTestServer(env: Record<string, string> = {}, opts: { database?: Database; demo?: boolean } = {}): Promise<TestServer> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, EXPOSE_QUERY_STATS: 'true', LOG_LEVEL: 'silent', ...env });
  const database = opts.database ?? (opts.demo ? await openDemoDatabase() : await openTestDatabase());
  const app = await createApp({
    config,
    database,
    schema: await sharedSchema(),
    verifier: createTokenVerifier({ secret: TEST_JWT_SECRET }),
    tokenSecret: TEST_JWT_SECRET,
    logger: createLogger('silent'),
  });
  const port = await app.listen(0, '127.0.0.1');
  // Servers sharing a database stop before its owner closes it (last started, first stopped).
  onFileEnd(async () => {
    await app.stop();
    if (!opts.database) await database.close();
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    app,
    database,
    token: (practiceId, roles, userId = `user-${randomUUID().slice(0, 8)}`) => signToken(TEST_JWT_SECRET, { userId, practiceId, roles }),
    async gql(token, query, variables) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { ...(await res.json()), status: res.status };
    },
  };
}
