import { randomUUID } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import type { Db } from '../../db/client.js';
import { allows, type Principal, type TokenVerifier } from '../../graphql/auth.js';
import { AppError } from '../../graphql/errors.js';
import type { Logger } from '../../logger.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { DOCUMENT_USERS } from './document-access.js';
import { downloadDocument, uploadDocument } from './document.service.js';

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, VERSION_CONFLICT: 409, SERVICE_UNAVAILABLE: 503 };
const PARAMS = ['patientId', 'type', 'documentDate', 'title', 'source', 'author', 'supersedesId'] as const;

/** A user of the document roles (partner clients never): the token's principal, or the typed refusal. */
async function documentUser(req: Request, verifier: TokenVerifier): Promise<Principal> {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) throw new AppError('UNAUTHENTICATED', 'A valid bearer token is required');
  let principal: Principal;
  try {
    principal = await verifier.verify(m[1]!);
  } catch (err) {
    if (err instanceof AppError && err.code === 'SERVICE_UNAVAILABLE') throw err;
    throw new AppError('UNAUTHENTICATED', 'The bearer token is invalid or expired');
  }
  if (principal.clientId || !allows(principal, DOCUMENT_USERS)) throw new AppError('FORBIDDEN', 'Your role may not use documents');
  return principal;
}

function refuse(res: Response, logger: Logger, requestId: string, err: unknown) {
  const code = err instanceof AppError ? err.code : 'INTERNAL_SERVER_ERROR';
  if (!(err instanceof AppError)) logger.error({ requestId, err: (err as Error).name }, 'document request failed');
  // An upload refused before its body was read: close the connection rather than read the rest.
  if (!res.req.complete) res.setHeader('connection', 'close');
  res.status(STATUS[code] ?? 500).json({ errors: [{ message: err instanceof AppError ? err.message : 'Internal server error', extensions: { code, requestId, ...(err instanceof AppError ? err.extensions : {}) } }] });
}

/**
 * Documents over HTTP, beside GraphQL (the same bearer token and roles as Query.documents):
 * - POST /documents?patientId=…&type=…&documentDate=YYYY-MM-DD[&title&source&author][&supersedesId=…] with the
 *   file as the raw body and its Content-Type: 201 with the new version (as GraphQL's Document). The media
 *   type is checked against the content's own signature; size limit DOCUMENT_MAX_BYTES. A new version
 *   (supersedesId) inherits what it does not restate.
 * - GET /documents/<id>/content: the bytes with their media type, length and SHA-256 ETag; every download
 *   is audited (entity DocumentContent) before a byte leaves. Another practice's id, or a type the caller
 *   may not see, is 404 like a random one.
 */
export function documentRouter(opts: { db: Db; verifier: TokenVerifier; logger: Logger }): Router {
  const router = Router();
  router.post('/documents', async (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    try {
      const principal = await documentUser(req, opts.verifier);
      const meta: Record<string, string> = {};
      for (const k of PARAMS) if (typeof req.query[k] === 'string') meta[k] = req.query[k] as string;
      const length = req.headers['content-length'] ? Number(req.headers['content-length']) : null;
      const audit = new AuditTrail(principal, requestId, 'upload document');
      const doc = await uploadDocument(opts.db, principal, audit, { ...meta, contentType: req.headers['content-type'] }, req, Number.isFinite(length) ? length : null);
      res.status(201).json(doc);
    } catch (err) {
      refuse(res, opts.logger, requestId, err);
    }
  });
  router.get('/documents/:id/content', async (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    try {
      const principal = await documentUser(req, opts.verifier);
      const audit = new AuditTrail(principal, requestId, 'download document');
      const { row, content } = await downloadDocument(opts.db, principal, audit, String(req.params.id));
      res.status(200);
      res.setHeader('content-type', row.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : row.mediaType);
      res.setHeader('content-length', String(content.length));
      res.setHeader('etag', `"${row.sha256}"`);
      res.setHeader('content-disposition', `attachment; filename="document-${row.id}"`);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'private, no-store');
      res.end(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    } catch (err) {
      refuse(res, opts.logger, requestId, err);
    }
  });
  return router;
}
