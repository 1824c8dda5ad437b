import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import type { Db } from '../../db/client.js';
import { allows, type Principal, type TokenVerifier } from '../../graphql/auth.js';
import { AppError } from '../../graphql/errors.js';
import { Scope, scope } from '../../graphql/scopes.js';
import type { Logger } from '../../logger.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { LAB_MESSAGE_MAX_CHARS, receiveLabMessage } from './lab-message.receive.js';

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, SERVICE_UNAVAILABLE: 503 };

/** The lab interface: a partner client holding results:write (users upload with the receiveLabMessage mutation). */
async function labInterface(req: Request, verifier: TokenVerifier): Promise<Principal> {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) throw new AppError('UNAUTHENTICATED', 'A valid bearer token is required');
  let principal: Principal;
  try {
    principal = await verifier.verify(m[1]!);
  } catch (err) {
    if (err instanceof AppError && err.code === 'SERVICE_UNAVAILABLE') throw err;
    throw new AppError('UNAUTHENTICATED', 'The bearer token is invalid or expired');
  }
  if (!principal.clientId || !allows(principal, [scope(Scope.RESULTS_WRITE)])) throw new AppError('FORBIDDEN', 'Only a lab interface client (scope results:write) posts results here');
  return principal;
}

function refuse(res: Response, logger: Logger, requestId: string, err: unknown) {
  const code = err instanceof AppError ? err.code : 'INTERNAL_SERVER_ERROR';
  if (!(err instanceof AppError)) logger.error({ requestId, err: (err as Error).name }, 'lab message request failed');
  res.status(STATUS[code] ?? 500).json({ errors: [{ message: err instanceof AppError ? err.message : 'Internal server error', extensions: { code, requestId } }] });
}

/**
 * Lab results in over HTTP, for a lab interface's partner credential (scope results:write):
 * - POST /results/hl7 with one HL7 v2 ORU^R01 as the body (any text type): answers the HL7 ACK
 *   (application/hl7-v2). MSA-1 AA with 200 when stored (or stored before: the same sender and MSH-10 is
 *   stored once and acknowledged again); AE/AR with 400 and an ERR segment naming the segment and field,
 *   nothing stored.
 * - POST /results/fhir with a FHIR R4 Bundle (DiagnosticReport + Observation + Patient): 201 (200 when a
 *   duplicate) with an OperationOutcome; 400 with an OperationOutcome whose issue names the element.
 * Both set x-lab-message-id. Every stored result is audited as written by the client.
 */
export function resultRouter(opts: { db: Db; verifier: TokenVerifier; logger: Logger }): Router {
  const router = Router();
  const body = express.text({ type: () => true, limit: LAB_MESSAGE_MAX_CHARS * 2 });
  router.post('/results/hl7', body, async (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    try {
      const principal = await labInterface(req, opts.verifier);
      const out = await receiveLabMessage(opts.db, principal, new AuditTrail(principal, requestId, 'receive HL7 result'), 'HL7V2', typeof req.body === 'string' ? req.body : '');
      res.setHeader('content-type', 'application/hl7-v2; charset=utf-8');
      if (out.ok) res.setHeader('x-lab-message-id', out.messageId);
      else res.setHeader('x-error-code', 'BAD_USER_INPUT');
      res.status(out.ok ? 200 : 400).send(out.ack ?? '');
    } catch (err) {
      refuse(res, opts.logger, requestId, err);
    }
  });
  router.post('/results/fhir', body, async (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    try {
      const principal = await labInterface(req, opts.verifier);
      const out = await receiveLabMessage(opts.db, principal, new AuditTrail(principal, requestId, 'receive FHIR result'), 'FHIR', typeof req.body === 'string' ? req.body : '');
      res.setHeader('content-type', 'application/fhir+json; charset=utf-8');
      if (!out.ok) {
        res.setHeader('x-error-code', 'BAD_USER_INPUT');
        res.status(400).send(JSON.stringify({ resourceType: 'OperationOutcome', issue: [out.error, ...out.error.more].map((e) => ({ severity: 'error', code: out.error.ackCode === 'AR' ? 'not-supported' : 'invalid', diagnostics: e.problem, expression: [e.location] })) }));
        return;
      }
      res.setHeader('x-lab-message-id', out.messageId);
      res.status(out.duplicate ? 200 : 201).send(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: out.duplicate ? 'duplicate' : 'informational', diagnostics: `${out.duplicate ? 'Already received' : 'Stored'}: ${out.results.length} report(s)` }] }));
    } catch (err) {
      refuse(res, opts.logger, requestId, err);
    }
  });
  return router;
}
