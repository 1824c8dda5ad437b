import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { queryStatsStorage } from './db/query-stats.js';
import { type Principal, type TokenVerifier } from './graphql/auth.js';
import type { Context } from './graphql/context.js';
import { AppError } from './graphql/errors.js';
import { jitGateway } from './graphql/jit-executor.js';
import { requireKnownPractice } from './graphql/known-practice.js';
import { createErrorFormatter } from './graphql/format-error.js';
import { graphiqlRouter } from './graphql/graphiql.js';
import { BODY_LIMIT, graphqlPostListener, type RequestMeta, startRequest } from './graphql/http-handler.js';
import { createLoaders } from './graphql/loaders.js';
import { requestPlugin } from './graphql/request-plugin.js';
import { healthRouter } from './health.js';
import { httpErrorHandler } from './http-errors.js';
import { errorForLog, type Logger } from './logger.js';
import { AuditTrail } from './modules/audit/audit-trail.js';
import { practiceExists } from './modules/practices/practice.repo.js';
import type { PubSub } from './realtime/pubsub.js';
import { createPubSub } from './realtime/redis-pubsub.js';
import { publishTaskChangesAfterCommit } from './modules/tasks/task-change.outbox.js';
import { createConfiguredRateLimiter } from './ratelimit/rate-limit.setup.js';
import { attachSubscriptionServer } from './realtime/ws-server.js';
import { createEligibilityRuntime, type EligibilityRuntime } from './modules/insurance/eligibility.runtime.js';
import { withPartnerClientStatus } from './modules/partners/client-status.js';
import { oauthTokenRouter } from './modules/partners/oauth-token.route.js';
import { importRouter } from './modules/imports/import.route.js';
import { documentRouter } from './modules/documents/document.route.js';
import { intakeRouter } from './modules/intake/intake.route.js';
import { resultRouter } from './modules/results/result.route.js';
import { analyticsExportRouter } from './modules/analytics/analytics-export.route.js';

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export interface App {
  httpServer: http.Server;
  /** Live-event pub/sub (Redis when REDIS_URL is set); closed by stop(). */
  pubsub: PubSub;
  /** The process-wide clearinghouse client and settings the requests use (background jobs share it). */
  eligibility: EligibilityRuntime;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Ends start-up: /readyz may answer 200 and /graphql serves (see `startingUp`). */
  markReady(): void;
  /**
   * Reports not-ready for SHUTDOWN_DELAY_MS, stops accepting connections, closes WebSockets, lets in-flight
   * requests finish (up to SHUTDOWN_GRACE_MS), closes pub/sub, then resolves; the caller closes the database.
   * Calling it again returns the same shutdown.
   */
  stop(): Promise<void>;
}

async function principalOf(req: { headers: http.IncomingHttpHeaders }, verifier: TokenVerifier): Promise<{ principal?: Principal; authError?: AppError }> {
  const header = req.headers.authorization;
  const status = { http: { status: 401 } };
  // Every operation of the API needs a principal (introspection too): refuse here, with the same 401 as a bad token.
  if (!header) return { authError: new AppError('UNAUTHENTICATED', 'A valid bearer token is required', status) };
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return { authError: new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"', status) };
  try {
    return { principal: await verifier.verify(m[1]!) };
  } catch (err) {
    // A failed practice lookup is ours to retry, not the caller's token to blame.
    if (err instanceof AppError && err.code === 'SERVICE_UNAVAILABLE') return { authError: err };
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
  /** Listen before the database is ready: /readyz and /graphql answer 503 until `markReady()`. */
  startingUp?: boolean;
}): Promise<App> {
  const { config, database, logger } = opts;
  // Known practices only; a partner client's token stops working once the client is revoked (status cached 30 s).
  const verifier = withPartnerClientStatus(
    // Authentication, not the operation: the (cached) lookup is left out of the request's statement count.
    requireKnownPractice(opts.verifier, (practiceId) => queryStatsStorage.exit(() => practiceExists(database.db, practiceId))),
    database.db,
  );
  const app = express();
  app.disable('x-powered-by');
  // No ETag: GraphQL answers are not cached by URL, and hashing a 100 KB day view costs CPU on every request.
  app.set('etag', false);
  // req.ip is the client behind this many proxies (X-Forwarded-For); rate limits per address rely on it.
  app.set('trust proxy', config.trustProxy);
  // POST /graphql (nearly every request) is served by a plain listener in front of express; it hands express
  // everything else, and every request it does not take (see graphqlPostListener).
  let fastPost: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | undefined;
  const httpServer = http.createServer((req, res) => {
    if (!fastPost?.(req, res)) app(req, res);
  });
  // Idle keep-alive connections stay open longer than a load balancer's usual 60 s idle timeout, so the
  // server is never the side that closes a connection a client (or proxy) is about to reuse — the race
  // that surfaces as ECONNRESET on the next request. Shutdown still closes idle connections at once.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  let draining = false;
  let starting = opts.startingUp ?? false;
  let stopping: Promise<void> | null = null;
  const pubsub =
    opts.pubsub ??
    createPubSub(
      config.redisUrl,
      (err) => logger.error({ err: { message: err.message } }, 'redis pub/sub error'),
      (state) => (state === 'lost' ? logger.warn('redis pub/sub connection lost; open subscriptions ended') : logger.info('redis pub/sub connection restored')),
    );
  // Tasks made or closed inside any module's transaction reach taskChanged once that transaction commits.
  publishTaskChangesAfterCommit(database.db, pubsub);
  const eligibility = createEligibilityRuntime(config);
  const limiter = createConfiguredRateLimiter(config, logger);
  const closeSubscriptions = attachSubscriptionServer({ httpServer, schema: opts.schema, database, verifier, pubsub, eligibility, config, logger });

  const apollo = new ApolloServer<Context>({
    ...(config.executor === 'jit' ? { gateway: jitGateway(opts.schema) } : { schema: opts.schema }),
    // Every request needs a valid token (the context refuses one without), so introspection is never anonymous.
    introspection: config.introspection === 'authenticated',
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT: it fails readiness, drains, then closes the database in order.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(
      () => queryStatsStorage.getStore()?.requestId,
      (err, requestId) => logger.error({ requestId, err: errorForLog(err) }, 'unexpected error (masked as INTERNAL_SERVER_ERROR)'),
      (err, requestId) => logger.warn({ requestId, err: errorForLog(err) }, 'database unavailable (answered SERVICE_UNAVAILABLE)'),
    ),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      // We send no cache hints; the default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      requestPlugin({ database, logger, limits: config.limits, exposeStats: config.exposeQueryStats, limiter }),
    ],
  });
  await apollo.start();

  app.use(healthRouter(database, () => draining, () => starting));
  app.use(graphiqlRouter());
  // Until start-up ends, every data endpoint answers 503 with retry-after (one rule for all of them).
  const whileStarting: express.RequestHandler = (_req, res, next) => {
    if (!starting) return next();
    res.setHeader('retry-after', '1');
    const message = 'The server is starting (waiting for the database); retry shortly';
    res.status(503).json({ errors: [{ message, extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } }] });
  };
  for (const path of ['/graphql', '/analytics', '/imports', '/documents', '/intake', '/results']) app.use(path, whileStarting);
  app.use('/oauth/token', (_req, res, next) => {
    if (!starting) return next();
    res.setHeader('retry-after', '1');
    res.status(503).json({ error: 'temporarily_unavailable', error_description: 'The server is starting; retry shortly' });
  });
  app.use(oauthTokenRouter({ db: database.db, secret: opts.tokenSecret ?? config.jwtSecret, config, logger }));
  app.use(analyticsExportRouter({ db: database.db, verifier, config, logger }));
  app.use(importRouter({ db: database.db, verifier, logger }));
  app.use(documentRouter({ db: database.db, verifier, logger }));
  app.use(intakeRouter({ db: database.db, logger }));
  app.use(resultRouter({ db: database.db, verifier, logger }));

  /** The request's context; refuses it (401 or 429, logged here) when the token or the address budget says no. */
  const contextFor = async (headers: http.IncomingHttpHeaders, res: http.ServerResponse, meta: RequestMeta, ip: string | undefined, body: unknown): Promise<Context> => {
    const { requestId, correlationId } = meta;
    const { principal, authError: refused } = await principalOf({ headers }, verifier);
    const caller = { ip: ip ?? 'unknown', subject: principal ? `${principal.practiceId}/${principal.userId}` : undefined };
    // Every request counts against its address's budget, refused tokens included.
    const limited = await limiter?.request(caller);
    const authError = limited ?? refused;
    if (limited) res.setHeader('retry-after', String(limited.extensions.retryAfterSeconds));
    if (authError) {
      // Apollo's request hooks never run when the context fails, so this request is logged here.
      const name = (body as { operationName?: unknown } | undefined)?.operationName;
      logger.info(
        {
          requestId,
          correlationId,
          operationName: typeof name === 'string' && GRAPHQL_NAME.test(name) ? name : null,
          durationMs: Number(process.hrtime.bigint() - meta.startedAt) / 1e6,
          status: 'error',
          httpStatus: (authError.extensions.http as { status?: number } | undefined)?.status ?? 500,
          errorCodes: [authError.code],
        },
        'graphql request',
      );
      throw authError;
    }
    return {
      requestId,
      correlationId,
      caller,
      principal,
      db: database.db,
      loaders: createLoaders(database.db, principal?.practiceId ?? '00000000-0000-0000-0000-000000000000'),
      audit: new AuditTrail(principal, requestId, null),
      pubsub,
      config,
      eligibility,
    };
  };

  fastPost = graphqlPostListener({
    apollo,
    logger,
    passToExpress: () => starting,
    trustProxy: config.trustProxy,
    splice: config.splicePageJson,
    context: (req, res, meta, ip, body) => contextFor(req.headers, res, meta, ip, body),
  });

  // The rest of /graphql through express: GET queries, and POSTs the listener leaves (other content types and
  // encodings, bodies it does not read), with the same ids, body parsing and context.
  app.use('/graphql', (req, res, next) => {
    const meta = startRequest(req.headers, res);
    res.locals.meta = meta;
    queryStatsStorage.run({ statements: 0, requestId: meta.requestId }, next);
  });
  app.use(
    '/graphql',
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => contextFor(req.headers, res, res.locals.meta as RequestMeta, req.ip, req.body),
    }),
  );

  app.use(httpErrorHandler(logger));

  return {
    httpServer,
    pubsub,
    eligibility,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const addr = httpServer.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    markReady() {
      starting = false;
    },
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
        await limiter?.close();
      })();
      return stopping;
    },
  };
}
