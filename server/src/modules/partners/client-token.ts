import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { Role } from '../../graphql/roles.js';
import type { Scope } from '../../graphql/scopes.js';

/**
 * Signs a partner client's access token (HS256): `sub` and `client_id` are the client id, `scope` the
 * granted scopes space-separated (RFC 9068 style), `roles` just PARTNER, which marks the token as a
 * client's and grants nothing by itself.
 */
export function signClientToken(
  secret: string,
  claims: { clientId: string; practiceId: string; scopes: readonly Scope[] },
  opts: { ttlSeconds: number; issuer?: string; audience?: string },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ practice_id: claims.practiceId, roles: [Role.PARTNER], client_id: claims.clientId, scope: claims.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setSubject(claims.clientId)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + opts.ttlSeconds);
  if (opts.issuer) jwt = jwt.setIssuer(opts.issuer);
  if (opts.audience) jwt = jwt.setAudience(opts.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
