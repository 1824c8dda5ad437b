import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { type Request, type Response, Router } from 'express';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { ANALYTICS_READERS } from '../../graphql/access.js';
import { allows, type Principal, type TokenVerifier } from '../../graphql/auth.js';
import { AppError, badInput, isRetryable } from '../../graphql/errors.js';
import { csvField } from '../../lib/csv.js';
import type { Logger } from '../../logger.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { DIMENSIONS, type Dimension } from './analytics-query.js';
import { answerMetric, type MetricRowData } from './analytics.service.js';
import { type MetricDefinition, metricNamed } from './metric.registry.js';

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };
const DIMENSION_COLUMNS: Record<Dimension, string[]> = {
  PROVIDER: ['providerId', 'providerName'],
  LOCATION: ['locationId', 'locationName'],
  APPOINTMENT_TYPE: ['appointmentTypeId', 'appointmentTypeName'],
  MODALITY: ['modality'],
  AGE_BAND: ['ageBand'],
  PAYER: ['payerId', 'payerName'],
  ADJUSTMENT_GROUP: ['adjustmentGroup'],
  REASON_CODE: ['reasonCode'],
};

const single = (req: Request, name: string): string | undefined => {
  const v = req.query[name];
  return typeof v === 'string' ? v : undefined;
};
const list = (req: Request, name: string): string[] | undefined => single(req, name)?.split(',').filter(Boolean);

async function principalOf(req: Request, verifier: TokenVerifier): Promise<Principal> {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) throw new AppError('UNAUTHENTICATED', 'A valid bearer token is required');
  try {
    return await verifier.verify(m[1]!);
  } catch (err) {
    if (err instanceof AppError && err.code === 'SERVICE_UNAVAILABLE') throw err;
    throw new AppError('UNAUTHENTICATED', 'The bearer token is invalid or expired');
  }
}

/** Writes one chunk, waiting for the socket to drain when its buffer is full (memory stays bounded by one chunk). */
async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

async function stream(res: Response, metric: MetricDefinition, format: 'csv' | 'ndjson', rows: MetricRowData[], meta: Record<string, unknown>): Promise<void> {
  const measures = metric.measures.map((m) => m.name);
  if (format === 'ndjson') {
    await write(res, `${JSON.stringify({ type: 'definition', ...meta })}\n`);
    for (const row of rows) await write(res, `${JSON.stringify({ type: 'row', ...row })}\n`);
  } else {
    const columns = ['bucket', ...DIMENSIONS.filter((d) => metric.dimensions.includes(d)).flatMap((d) => DIMENSION_COLUMNS[d]), 'suppressed', ...measures];
    await write(res, `${columns.join(',')}\r\n`);
    for (const row of rows) await write(res, `${columns.map((c) => csvField(row[c] === undefined || row[c] === null ? '' : String(row[c]))).join(',')}\r\n`);
  }
  res.end();
}

/**
 * GET /analytics/export?metric=<name>&from=YYYY-MM&to=YYYY-MM[&grain=][&groupBy=A,B][&providerIds=…][&locationIds=…]
 * [&appointmentTypeIds=…][&modalities=…][&payerIds=…][&format=csv|ndjson]: the same rows as the GraphQL metric, for
 * ANALYST and PRACTICE_ADMIN (bearer token), audited as EXPORT. The metric and its definition version are
 * named in the `X-Metric-Definition` header (and the first NDJSON line); rows are written one at a time
 * with backpressure.
 */
export function analyticsExportRouter(opts: { db: Db; verifier: TokenVerifier; config: Config; logger: Logger }): Router {
  const router = Router();
  router.get('/analytics/export', async (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    try {
      const principal = await principalOf(req, opts.verifier);
      if (!allows(principal, ANALYTICS_READERS)) throw new AppError('FORBIDDEN', 'Your role may not export analytics');
      const name = single(req, 'metric') ?? '';
      const metric = metricNamed(name);
      if (!metric) throw badInput([{ path: 'metric', message: 'is not a metric' }]);
      const format = single(req, 'format') ?? 'csv';
      if (format !== 'csv' && format !== 'ndjson') throw badInput([{ path: 'format', message: 'must be csv or ndjson' }]);
      const raw = {
        from: single(req, 'from') ?? '',
        to: single(req, 'to') ?? '',
        grain: single(req, 'grain'),
        groupBy: list(req, 'groupBy'),
        providerIds: list(req, 'providerIds'),
        locationIds: list(req, 'locationIds'),
        appointmentTypeIds: list(req, 'appointmentTypeIds'),
        modalities: list(req, 'modalities'),
        payerIds: list(req, 'payerIds'),
      };
      const audit = new AuditTrail(principal, requestId, 'analyticsExport');
      const answer = await answerMetric(opts.db, principal, audit, metric, raw, { threshold: opts.config.analyticsSuppressionThreshold, path: '', action: 'EXPORT' });
      const meta = { metric: metric.name, version: metric.version, asOf: answer.asOf.toISOString(), threshold: answer.threshold, grain: answer.grain, from: answer.from, to: answer.to };
      res.status(200).set({
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="${metric.name}-v${metric.version}-${answer.from}-${answer.to}.${format}"`,
        'x-metric-definition': `${metric.name}; version=${metric.version}`,
        'x-analytics-as-of': meta.asOf,
        'cache-control': 'no-store',
      });
      await stream(res, metric, format, answer.rows, meta);
    } catch (err) {
      if (res.headersSent) {
        res.destroy(err as Error);
        return;
      }
      const known = err instanceof AppError;
      if (!known) opts.logger.error({ requestId, err: { message: (err as Error).message } }, 'analytics export failed');
      const code = known ? err.code : 'INTERNAL_SERVER_ERROR';
      const message = known ? err.message : `Internal error; quote request id ${requestId} to support`;
      res.status(STATUS[code] ?? (code === 'SERVICE_UNAVAILABLE' ? 503 : 500)).json({ errors: [{ message, extensions: { ...(known ? err.extensions : {}), code, retryable: isRetryable(code), requestId } }] });
    }
  });
  return router;
}
