import { randomUUID } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import type { Db } from '../../db/client.js';
import { allows, type Principal, type TokenVerifier } from '../../graphql/auth.js';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import type { Logger } from '../../logger.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { pageRejectedRows } from './import-rejects.repo.js';
import { runningImport } from './import-progress.js';
import { findImport } from './import.repo.js';
import { runImport } from './import.service.js';
import { IMPORT_TARGETS } from './import.targets.js';
import { toImportResult } from './import.mapper.js';

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };
const MODES = ['ALL_OR_NOTHING', 'GOOD_ROWS'] as const;

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

function refuse(res: Response, logger: Logger, requestId: string, err: unknown) {
  const code = err instanceof AppError ? err.code : 'INTERNAL_SERVER_ERROR';
  if (!(err instanceof AppError)) logger.error({ requestId, err: (err as Error).name }, 'import request failed');
  if (res.headersSent) return void res.destroy();
  res.status(STATUS[code] ?? 500).json({ errors: [{ message: err instanceof AppError ? err.message : 'Internal server error', extensions: { code, requestId, ...(err instanceof AppError ? err.extensions : {}) } }] });
}

/** Parses the optional import id a client chose (to poll progress while the upload runs). */
async function chosenId(db: Db, principal: Principal, raw: unknown): Promise<string | undefined> {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !isUuid(raw)) throw badInput([{ path: 'id', message: 'must be a UUID' }]);
  if (runningImport(principal.practiceId, raw) || (await findImport(db, principal.practiceId, raw))) throw badInput([{ path: 'id', message: 'is the id of another import' }]);
  return raw;
}

/**
 * - POST /imports/<TARGET>?dryRun=true|false[&mode=ALL_OR_NOTHING|GOOD_ROWS][&fileName=…][&id=<uuid>] with
 *   the CSV file as the raw body (text/csv, UTF-8): the file streams through the import (never held in
 *   memory whole). Answers 200 with the import record (status DRY_RUN, COMMITTED or REJECTED, counts and
 *   the first 1,000 problems) — the same as `import`/`imports`/`importProblems` in GraphQL. With `id`, the
 *   import can be polled while it runs (`import(id) { progress }`). Roles per target (see import.targets.ts).
 * - GET /imports/<id>/rejected.csv: the rows a GOOD_ROWS commit left out, as CSV (the file's header and
 *   fields plus `problem`), streamed in pages; audited (EXPORT) before a byte leaves; the roles of the
 *   import's target; another practice's import is 404.
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
      const mode = req.query.mode ?? 'ALL_OR_NOTHING';
      if (!MODES.includes(mode as (typeof MODES)[number])) throw badInput([{ path: 'mode', message: `must be one of ${MODES.join(', ')}` }]);
      const fileName = typeof req.query.fileName === 'string' ? req.query.fileName.slice(0, 200) : null;
      const id = await chosenId(opts.db, principal, req.query.id);
      const length = req.headers['content-length'] ? Number(req.headers['content-length']) : null;
      const audit = new AuditTrail(principal, requestId, `import ${String(req.params.target)}`);
      const row = await runImport(opts.db, principal, audit, target.create(), req, { dryRun, fileName, mode: mode as (typeof MODES)[number], id, totalBytes: Number.isSafeInteger(length) ? length : null });
      res.status(200).json(toImportResult(row));
    } catch (err) {
      refuse(res, opts.logger, requestId, err);
    }
  });
  router.get('/imports/:id/rejected.csv', async (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    try {
      const principal = await principalOf(req, opts.verifier);
      const id = String(req.params.id);
      const row = await findImport(opts.db, principal.practiceId, id);
      if (!row) throw notFound('Import', id);
      const target = IMPORT_TARGETS[row.target];
      if (principal.clientId || !target || !allows(principal, target.roles)) throw new AppError('FORBIDDEN', 'Your role may not read this import');
      const audit = new AuditTrail(principal, requestId, 'download rejected rows');
      await audit.write(opts.db, 'EXPORT', 'ImportRejectedRows', row.id);
      res.status(200);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="import-${row.id}-rejected.csv"`);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'private, no-store');
      // Pages of 1,000 records: memory stays bounded for any number of rejected rows.
      for (let after = 0; ; ) {
        const page = await pageRejectedRows(opts.db, principal.practiceId, row.id, after, 1000);
        if (page.length === 0) break;
        res.write(page.map((r) => `${r.record}\r\n`).join(''));
        after = page[page.length - 1]!.line;
      }
      res.end();
    } catch (err) {
      refuse(res, opts.logger, requestId, err);
    }
  });
  return router;
}
