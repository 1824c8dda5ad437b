import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Database } from '../db/client.js';
import { AuditBatchWriter } from '../modules/audit/audit-batch-writer.js';
import { queryStatsStorage } from '../db/query-stats.js';
import { errorForLog, type Logger } from '../logger.js';
import { placeSplices } from './compile/splice.js';
import type { Context } from './context.js';
import { AppError } from './errors.js';
import type { RateLimiter } from '../ratelimit/rate-limiter.js';
import { enforceLimits, measureDocumentOperation, type QueryLimits } from './query-limits.js';

/**
 * Per-request behaviour around execution: query limits and the cost rate budget before anything runs, the audit flush before
 * the response leaves, statement counts, and one structured log line per request.
 */
export function requestPlugin(opts: { database: Database; logger: Logger; limits: QueryLimits; exposeStats: boolean; limiter?: RateLimiter }): ApolloServerPlugin<Context> {
  // Reads are recorded by group commit: concurrent requests' batches share one insert (see AuditBatchWriter).
  const auditWriter = new AuditBatchWriter(opts.database.db);
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      let operationName: string | null = null;
      return {
        async didResolveOperation({ operation, document, request, response }) {
          if (!operation) return;
          operationName = operation.name?.value ?? request.operationName ?? null;
          contextValue.audit.setOperationName(operationName);
          const measure = measureDocumentOperation(operation, document, request.variables ?? {});
          enforceLimits(measure, opts.limits);
          const limited = contextValue.caller ? await opts.limiter?.cost(contextValue.caller, measure.cost) : undefined;
          if (limited) {
            response.http.headers.set('retry-after', String(limited.extensions.retryAfterSeconds));
            throw limited;
          }
        },
        async willSendResponse({ response }) {
          const body = response.body;
          if (body.kind !== 'single') return;
          const result = body.singleResult;
          try {
            await contextValue.audit.flush(auditWriter);
          } catch (err) {
            // A read we cannot audit is a read we must not return.
            opts.logger.error({ requestId: contextValue.requestId, err: errorForLog(err) }, 'audit flush failed');
            const e = new AppError('SERVICE_UNAVAILABLE', 'Could not record the audit trail; nothing was returned');
            result.data = null;
            result.errors = [{ message: e.message, extensions: { code: e.code, retryable: true, requestId: contextValue.requestId } }];
          }
          // Whatever executed the operation: pages whose edges PostgreSQL wrote get their stand-ins (compile/splice.ts).
          placeSplices(result.data as Record<string, unknown> | null | undefined, contextValue.splices);
          const stats = queryStatsStorage.getStore();
          if (opts.exposeStats && stats) result.extensions = { ...result.extensions, stats: { sqlStatements: stats.statements } };
          const codes = (result.errors ?? []).map((e: GraphQLFormattedError) => String(e.extensions?.code));
          opts.logger.info(
            {
              requestId: contextValue.requestId,
              correlationId: contextValue.correlationId,
              operationName,
              userId: contextValue.principal?.userId,
              practiceId: contextValue.principal?.practiceId,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              sqlStatements: stats?.statements,
              status: codes.length ? 'error' : 'ok',
              httpStatus: response.http.status ?? 200,
              errorCodes: codes.length ? [...new Set(codes)] : undefined,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
