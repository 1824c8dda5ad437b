import { randomUUID } from 'node:crypto';
import { type Request, Router } from 'express';
import type { Db } from '../../db/client.js';
import { allows, type Principal, type TokenVerifier } from '../../graphql/auth.js';
import { AppError, badInput } from '../../graphql/errors.js';
import type { Logger } from '../../logger.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { runImport } from './import.service.js';
import { IMPORT_TARGETS } from './import.targets.js';
import { toImportResult } from './import.mapper.js';

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

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

/**
 * POST /imports/<TARGET>?dryRun=true|false[&fileName=…] with the CSV file as the raw body (text/csv, UTF-8):
 * the file streams through the import (never held in memory whole). Answers 200 with the import record
 * (status DRY_RUN, COMMITTED or REJECTED, counts and the first 1,000 problems) — the same as
 * `imports`/`importProblems` in GraphQL. Roles per target (see import.targets.ts).
 */
export function importRouter(opts: { db: Db; verifier: TokenVerifier; logger: Logger }): Router {
  const router = Router();
  router.post('/imports/:target', async (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    try {
      const principal = await principalOf(req, opts.verifier);
      const target = IMPORT_TARGETS[String(req.params.target)];
      if (!target) throw badInput([{ path: 'target', message: `must be one of ${Object.keys(IMPORT_TARGETS).join(', ')}` }]);
      if (principal.clientId || !allows(principal, target.roles)) throw new AppError('FORBIDDEN', 'Your role may not run this import');
      const dryRun = req.query.dryRun !== 'false';
      const fileName = typeof req.query.fileName === 'string' ? req.query.fileName.slice(0, 200) : null;
      const audit = new AuditTrail(principal, requestId, `import ${String(req.params.target)}`);
      const row = await runImport(opts.db, principal, audit, target.create(), req, { dryRun, fileName });
      res.status(200).json(toImportResult(row));
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'INTERNAL_SERVER_ERROR';
      if (!(err instanceof AppError)) opts.logger.error({ requestId, err: (err as Error).name }, 'import failed');
      res.status(STATUS[code] ?? 500).json({ errors: [{ message: err instanceof AppError ? err.message : 'Internal server error', extensions: { code, requestId, ...(err instanceof AppError ? err.extensions : {}) } }] });
    }
  });
  return router;
}
