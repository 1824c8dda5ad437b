import express, { type Request, type Response, Router } from 'express';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { parseScopes, type Scope } from '../../graphql/scopes.js';
import type { Logger } from '../../logger.js';
import { signClientToken } from './client-token.js';
import { findByClientId } from './partner-client.repo.js';
import { secretMatches } from './partner-secret.js';

type OAuthError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope' | 'temporarily_unavailable';

function fail(res: Response, status: number, error: OAuthError, description: string): void {
  if (error === 'invalid_client') res.setHeader('WWW-Authenticate', 'Basic realm="medoffice", charset="UTF-8"');
  res.status(status).json({ error, error_description: description });
}

/** Client credentials from HTTP Basic (RFC 6749 §2.3.1: each part form-urlencoded) or the body; null when both or malformed. */
function credentialsOf(req: Request, body: Record<string, string>): { id: string; secret: string } | 'none' | 'ambiguous' | 'malformed' {
  const header = req.headers.authorization;
  const inBody = body.client_id !== undefined || body.client_secret !== undefined;
  if (header) {
    if (inBody) return 'ambiguous';
    const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    if (!m) return 'malformed';
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'malformed';
    try {
      const plus = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      return { id: plus(decoded.slice(0, colon)), secret: plus(decoded.slice(colon + 1)) };
    } catch {
      return 'malformed';
    }
  }
  if (!inBody) return 'none';
  if (!body.client_id || !body.client_secret) return 'malformed';
  return { id: body.client_id, secret: body.client_secret };
}

/**
 * POST /oauth/token: the OAuth 2.0 client-credentials grant (RFC 6749 §4.4) for partner clients.
 * Errors follow §5.2; answers are never cached. Tokens live `partnerTokenTtlSeconds` and carry the
 * granted scopes, or the requested subset of them.
 */
export function oauthTokenRouter(opts: { db: Db; secret?: string; config: Config; logger: Logger }): Router {
  const router = Router();
  router.post('/oauth/token', express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 }), async (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    try {
      if (!req.is('application/x-www-form-urlencoded')) return fail(res, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
      const raw = (req.body ?? {}) as Record<string, unknown>;
      if (Object.values(raw).some((v) => typeof v !== 'string')) return fail(res, 400, 'invalid_request', 'A parameter was given more than once');
      const body = raw as Record<string, string>;
      if (!body.grant_type) return fail(res, 400, 'invalid_request', 'grant_type is required');
      const creds = credentialsOf(req, body);
      if (creds === 'ambiguous') return fail(res, 400, 'invalid_request', 'Use one client authentication method, not both');
      if (creds === 'none' || creds === 'malformed') return fail(res, 401, 'invalid_client', 'Client authentication failed');
      const client = await findByClientId(opts.db, creds.id);
      // Same answer for an unknown client, a wrong secret and a revoked client.
      if (!client || client.revokedAt || !secretMatches(creds.secret, client.secretHash)) return fail(res, 401, 'invalid_client', 'Client authentication failed');
      if (body.grant_type !== 'client_credentials') return fail(res, 400, 'unsupported_grant_type', 'Only client_credentials is supported');
      let scopes = client.scopes as Scope[];
      if (body.scope !== undefined) {
        const asked = parseScopes(body.scope);
        if (asked.known.length === 0 || asked.unknown.length > 0 || asked.known.some((s) => !scopes.includes(s))) {
          return fail(res, 400, 'invalid_scope', 'The requested scope is unknown or exceeds the scopes granted to the client');
        }
        scopes = asked.known;
      }
      if (!opts.secret) return fail(res, 503, 'temporarily_unavailable', 'This server has no signing key for partner tokens');
      // Never longer than the verifier accepts (JWT_MAX_LIFETIME_SECONDS).
      const ttl = Math.min(opts.config.partnerTokenTtlSeconds, opts.config.jwtMaxLifetimeSeconds);
      const accessToken = await signClientToken(opts.secret, { clientId: client.clientId, practiceId: client.practiceId, scopes }, { ttlSeconds: ttl, issuer: opts.config.jwtIssuer, audience: opts.config.jwtAudience });
      opts.logger.info({ clientId: client.clientId, scope: scopes.join(' ') }, 'partner token issued');
      res.status(200).json({ access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: scopes.join(' ') });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
