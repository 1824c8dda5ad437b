import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { queryStatsStorage } from './db/query-stats.js';
import { type Principal, type TokenVerifier } from './graphql/auth.js';
import type { Context } from './graphql/context.js';
import { AppError } from './graphql/errors.js';
import { createErrorFormatter } from './graphql/format-error.js';
import { graphiqlHandler } from './graphql/graphiql.js';
import { createLoaders } from './graphql/loaders.js';
import { requestPlugin } from './graphql/request-plugin.js';
import type { Logger } from './logger.js';
import { AuditTrail } from './modules/audit/audit-trail.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface App {
  httpServer: http.Server;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, drains in-flight requests, then resolves (the caller closes the database). */
  stop(): Promise<void>;
}

async function principalOf(req: Request, verifier: TokenVerifier): Promise<{ principal?: Principal; authError?: AppError }> {
  const header = req.headers.authorization;
  if (!header) return {};
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const status = { http: { status: 401 } };
  if (!m) return { authError: new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"', status) };
  try {
    return { principal: await verifier.verify(m[1]!) };
  } catch (err) {
    return { authError: new AppError('UNAUTHENTICATED', err instanceof AppError ? err.message : 'The bearer token is invalid', status) };
  }
}

/**
 * Builds the HTTP server: POST /graphql (Apollo), GET /graphql (GraphiQL for browsers),
 * /healthz (process up) and /readyz (database reachable).
 */
export async function createApp(opts: { config: Config; database: Database; schema: GraphQLSchema; verifier: TokenVerifier; logger: Logger }): Promise<App> {
  const { config, database, logger } = opts;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  let draining = false;

  const apollo = new ApolloServer<Context>({
    schema: opts.schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(() => queryStatsStorage.getStore()?.requestId),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // We send no cache hints; the default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      requestPlugin({ database, logger, limits: config.limits, exposeStats: config.exposeQueryStats }),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining) return void res.status(503).json({ status: 'draining' });
    try {
      await database.ping();
      res.json({ status: 'ready', database: database.engine });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.get('/graphql', graphiqlHandler());

  app.use('/graphql', (req, res, next) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    queryStatsStorage.run({ statements: 0, requestId }, next);
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = queryStatsStorage.getStore()!.requestId;
        const { principal, authError } = await principalOf(req, opts.verifier);
        if (authError) throw authError;
        return {
          requestId,
          principal,
          db: database.db,
          loaders: createLoaders(database.db, principal?.practiceId ?? '00000000-0000-0000-0000-000000000000'),
          audit: new AuditTrail(principal, requestId, null),
        };
      },
    }),
  );

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const addr = httpServer.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    async stop() {
      draining = true;
      await apollo.stop();
    },
  };
}
