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
import { jitGateway } from './graphql/jit-executor.js';
import { createErrorFormatter } from './graphql/format-error.js';
import { graphiqlRouter } from './graphql/graphiql.js';
import { createLoaders } from './graphql/loaders.js';
import { requestPlugin } from './graphql/request-plugin.js';
import { healthRouter } from './health.js';
import { httpErrorHandler } from './http-errors.js';
import { errorForLog, type Logger } from './logger.js';
import { AuditTrail } from './modules/audit/audit-trail.js';
import type { PubSub } from './realtime/pubsub.js';
import { createPubSub } from './realtime/redis-pubsub.js';
import { attachSubscriptionServer } from './realtime/ws-server.js';
import { createEligibilityRuntime } from './modules/insurance/eligibility.runtime.js';
import { withPartnerClientStatus } from './modules/partners/client-status.js';
import { oauthTokenRouter } from './modules/partners/oauth-token.route.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export interface App {
  httpServer: http.Server;
  /** Live-event pub/sub (Redis when REDIS_URL is set); closed by stop(). */
  pubsub: PubSub;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /**
   * Reports not-ready for SHUTDOWN_DELAY_MS, stops accepting connections, closes WebSockets, lets in-flight
   * requests finish (up to SHUTDOWN_GRACE_MS), closes pub/sub, then resolves; the caller closes the database.
   * Calling it again returns the same shutdown.
   */
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
 * Builds the HTTP server: POST /graphql (Apollo), GET /graphql (GraphiQL for browsers), WebSocket
 * subscriptions on /graphql (graphql-ws), /healthz (process up) and /readyz (database reachable).
 */
export async function createApp(opts: {
  config: Config;
  database: Database;
  schema: GraphQLSchema;
  verifier: TokenVerifier;
  logger: Logger;
  pubsub?: PubSub;
  /** Signs partner-client tokens at POST /oauth/token (the HS256 secret the verifier accepts); defaults to JWT_SECRET. */
  tokenSecret?: string;
}): Promise<App> {
  const { config, database, logger } = opts;
  // A partner client's token stops working once the client is revoked (status cached 30 s).
  const verifier = withPartnerClientStatus(opts.verifier, database.db);
  const app = express();
  app.disable('x-powered-by');
  // No ETag: GraphQL answers are not cached by URL, and hashing a 100 KB day view costs CPU on every request.
  app.set('etag', false);
  const httpServer = http.createServer(app);
  let draining = false;
  let stopping: Promise<void> | null = null;
  const pubsub =
    opts.pubsub ?? createPubSub(config.redisUrl, (err) => logger.error({ err: { message: err.message } }, 'redis pub/sub error'));
  const eligibility = createEligibilityRuntime(config);
  const closeSubscriptions = attachSubscriptionServer({ httpServer, schema: opts.schema, database, verifier, pubsub, eligibility, config, logger });

  const apollo = new ApolloServer<Context>({
    ...(config.executor === 'jit' ? { gateway: jitGateway(opts.schema) } : { schema: opts.schema }),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT: it fails readiness, drains, then closes the database in order.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(
      () => queryStatsStorage.getStore()?.requestId,
      (err, requestId) => logger.error({ requestId, err: errorForLog(err) }, 'unexpected error (masked as INTERNAL_SERVER_ERROR)'),
    ),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      // We send no cache hints; the default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      requestPlugin({ database, logger, limits: config.limits, exposeStats: config.exposeQueryStats }),
    ],
  });
  await apollo.start();

  app.use(healthRouter(database, () => draining));
  app.use(graphiqlRouter());
  app.use(oauthTokenRouter({ db: database.db, secret: opts.tokenSecret ?? config.jwtSecret, config, logger }));

  app.use('/graphql', (req, res, next) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    res.locals.startedAt = process.hrtime.bigint();
    queryStatsStorage.run({ statements: 0, requestId }, next);
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = queryStatsStorage.getStore()!.requestId;
        const { principal, authError } = await principalOf(req, verifier);
        if (authError) {
          // Apollo's request hooks never run when the context fails, so this request is logged here.
          const name = (req.body as { operationName?: unknown } | undefined)?.operationName;
          logger.info(
            {
              requestId,
              operationName: typeof name === 'string' && GRAPHQL_NAME.test(name) ? name : null,
              durationMs: Number(process.hrtime.bigint() - (res.locals.startedAt as bigint)) / 1e6,
              status: 'error',
              httpStatus: 401,
              errorCodes: [authError.code],
            },
            'graphql request',
          );
          throw authError;
        }
        return {
          requestId,
          principal,
          db: database.db,
          loaders: createLoaders(database.db, principal?.practiceId ?? '00000000-0000-0000-0000-000000000000'),
          audit: new AuditTrail(principal, requestId, null),
          pubsub,
          config,
          eligibility,
        };
      },
    }),
  );

  app.use(httpErrorHandler(logger));

  return {
    httpServer,
    pubsub,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const addr = httpServer.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    stop() {
      // Idempotent: a second SIGTERM (or a second caller) waits for the same shutdown.
      stopping ??= (async () => {
        draining = true;
        // Fail readiness first so a load balancer stops routing here before the listener closes.
        if (config.shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
        // Sockets first: the HTTP drain waits for open connections, and a WebSocket never finishes.
        await closeSubscriptions();
        await apollo.stop();
        await pubsub.close();
      })();
      return stopping;
    },
  };
}
