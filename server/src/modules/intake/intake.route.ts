import { createHash, randomUUID } from 'node:crypto';
import express, { type Response, Router } from 'express';
import type { Db } from '../../db/client.js';
import { AppError } from '../../graphql/errors.js';
import type { Logger } from '../../logger.js';
import { createMemoryStore } from '../../ratelimit/rate-limit.store.js';
import { createRateLimiter } from '../../ratelimit/rate-limiter.js';
import { openIntake, submitIntake, uploadIntakeFile } from './intake-link.service.js';

const STATUS: Partial<Record<string, number>> = { NOT_FOUND: 404, FORBIDDEN: 410, BAD_USER_INPUT: 400, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };

/** Attempts allowed per minute: per client address, and per token (guessing and hammering one link). */
export interface IntakeLimits {
  perAddress: number;
  perToken: number;
}

function refuse(res: Response, logger: Logger, requestId: string, err: unknown) {
  const code = err instanceof AppError ? err.code : 'INTERNAL_SERVER_ERROR';
  if (!(err instanceof AppError)) logger.error({ requestId, err: (err as Error).name }, 'intake request failed');
  if (err instanceof AppError && err.code === 'RATE_LIMITED') res.setHeader('retry-after', String(err.extensions.retryAfterSeconds));
  const { http: _http, ...extensions } = err instanceof AppError ? err.extensions : {};
  res.status(STATUS[code] ?? 500).json({ errors: [{ message: err instanceof AppError ? err.message : 'Internal server error', extensions: { code, requestId, ...extensions } }] });
}

/**
 * The patient's side of an intake link, without a staff login (the token is the credential):
 * - GET /intake/<token>: the form version the link was sent with (name, questions; nothing about the patient).
 * - POST /intake/<token> with JSON `{ "answers": { "<question key>": answer } }`: 201 `{ submissionId, submittedAt }`.
 * - POST /intake/<token>/files?question=<CARD_PHOTO key> with the file as the raw body and its Content-Type:
 *   201 `{ documentId, mediaType, sizeBytes }` (an INSURANCE_CARD document of the patient; the answer to the
 *   question is that documentId). Content and size are checked as for staff uploads.
 * Unknown token 404; used or expired 410 (FORBIDDEN, `reason` USED or EXPIRED); bad answers 400 naming
 * `answers.<key>` with nothing stored; too many attempts 429 (RATE_LIMITED).
 */
export function intakeRouter(opts: { db: Db; logger: Logger; limits?: IntakeLimits }): Router {
  const limits = opts.limits ?? { perAddress: 120, perToken: 10 };
  const limiter = createRateLimiter({ windowSeconds: 60, subjectRequests: limits.perToken, subjectCost: 0, ipRequests: limits.perAddress, ipCost: 0 }, createMemoryStore(), (err) => opts.logger.warn({ err: { message: err.message } }, 'intake rate limit store unavailable'));
  const router = Router();
  const guard = async (token: string, ip: string) => {
    // The token never becomes a key as is: its hash prefix does.
    const refused = await limiter.request({ ip, subject: createHash('sha256').update(token).digest('hex').slice(0, 32) });
    if (refused) throw refused;
  };
  router.get('/intake/:token', async (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('referrer-policy', 'no-referrer');
    try {
      await guard(String(req.params.token), req.ip ?? 'unknown');
      res.status(200).json(await openIntake(opts.db, String(req.params.token), requestId));
    } catch (err) {
      refuse(res, opts.logger, requestId, err);
    }
  });
  router.post('/intake/:token', express.json({ limit: '64kb' }), async (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    res.setHeader('cache-control', 'no-store');
    try {
      await guard(String(req.params.token), req.ip ?? 'unknown');
      res.status(201).json(await submitIntake(opts.db, String(req.params.token), req.body, requestId));
    } catch (err) {
      refuse(res, opts.logger, requestId, err);
    }
  });
  router.post('/intake/:token/files', async (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    res.setHeader('cache-control', 'no-store');
    try {
      await guard(String(req.params.token), req.ip ?? 'unknown');
      const length = req.headers['content-length'] ? Number(req.headers['content-length']) : null;
      const question = typeof req.query.question === 'string' ? req.query.question : undefined;
      res.status(201).json(await uploadIntakeFile(opts.db, String(req.params.token), question, req.headers['content-type'], req, Number.isFinite(length) ? length : null, requestId));
    } catch (err) {
      if (!req.complete) res.setHeader('connection', 'close');
      refuse(res, opts.logger, requestId, err);
    }
  });
  // A body that is not JSON (or too large) is bad input, not a server error.
  router.use('/intake', (err: unknown, _req: express.Request, res: Response, next: express.NextFunction) => {
    if (!err) return next();
    const requestId = randomUUID();
    refuse(res, opts.logger, requestId, new AppError('BAD_USER_INPUT', 'The body must be JSON of at most 64 KB', { fields: [{ path: 'answers', message: 'must be a JSON object' }] }));
  });
  return router;
}
