import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { type DocumentNode, type FragmentDefinitionNode, GraphQLError, type GraphQLSchema, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Principal, TokenVerifier } from '../graphql/auth.js';
import type { Context } from '../graphql/context.js';
import { AppError } from '../graphql/errors.js';
import { createErrorFormatter } from '../graphql/format-error.js';
import { createLoaders } from '../graphql/loaders.js';
import { enforceLimits, measureOperation } from '../graphql/query-limits.js';
import type { Logger } from '../logger.js';
import { AuditTrail } from '../modules/audit/audit-trail.js';
import type { PubSub } from './pubsub.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * GraphQL subscriptions over graphql-ws on the HTTP server's `/graphql` path. The client sends
 * `connectionParams: { authorization: 'Bearer <token>' }`; a connection without a valid token is
 * closed (4403) before any operation runs. Only subscription operations are accepted here: queries and
 * mutations go through POST /graphql, where the audit flush and request logging happen.
 * @returns a function that closes every socket and the WebSocket server
 */
export function attachSubscriptionServer(opts: {
  httpServer: http.Server;
  schema: GraphQLSchema;
  database: Database;
  verifier: TokenVerifier;
  pubsub: PubSub;
  config: Config;
  logger: Logger;
}): () => Promise<void> {
  // Same 1 MB ceiling as the JSON body parser; ws would otherwise accept 100 MiB frames.
  const wss = new WebSocketServer({ server: opts.httpServer, path: '/graphql', maxPayload: 1024 * 1024 });
  const principals = new WeakMap<object, Principal>();
  const format = createErrorFormatter(() => undefined);
  const cleanup = useServer<Record<string, unknown> | undefined>(
    {
      schema: opts.schema,
      async onConnect(ctx) {
        const m = BEARER.exec(String(ctx.connectionParams?.authorization ?? ''));
        if (!m) {
          opts.logger.info({ reason: 'no bearer token' }, 'websocket connection refused');
          return false;
        }
        try {
          principals.set(ctx, await opts.verifier.verify(m[1]!));
          // A socket outlives its token otherwise: close it when the (verified) token expires.
          const exp = expiryOf(m[1]!);
          if (exp !== null) {
            const timer = setTimeout(() => ctx.extra.socket.close(4401, 'Token expired'), Math.max(0, exp - Date.now()));
            timer.unref();
            ctx.extra.socket.once('close', () => clearTimeout(timer));
          }
          return true;
        } catch {
          opts.logger.info({ reason: 'invalid token' }, 'websocket connection refused');
          return false;
        }
      },
      onSubscribe(_ctx, _id, payload) {
        let doc: DocumentNode;
        try {
          doc = parse(payload.query);
        } catch {
          return; // graphql-ws reports the syntax error itself
        }
        const ops = doc.definitions.filter((d) => d.kind === 'OperationDefinition');
        const op = ops.find((o) => !payload.operationName || o.name?.value === payload.operationName);
        if (op && op.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations to POST /graphql', { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        if (op) {
          const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]));
          try {
            enforceLimits(measureOperation(op, fragments, payload.variables ?? {}), opts.config.limits);
          } catch (err) {
            if (err instanceof AppError) return [err];
            throw err;
          }
        }
      },
      context(ctx): Context {
        const principal = principals.get(ctx);
        const requestId = randomUUID();
        return {
          requestId,
          principal,
          db: opts.database.db,
          loaders: createLoaders(opts.database.db, principal?.practiceId ?? '00000000-0000-0000-0000-000000000000'),
          audit: new AuditTrail(principal, requestId, null),
          pubsub: opts.pubsub,
          config: opts.config,
        };
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((e) => format(e.toJSON(), e)) };
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map((e) => format(e.toJSON(), e));
      },
    },
    wss,
  );
  return async () => {
    await cleanup.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

/** The `exp` of an already verified JWT, in ms, or null when it has none. */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}
