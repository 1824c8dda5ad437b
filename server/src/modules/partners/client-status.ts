import type { Db } from '../../db/client.js';
import type { TokenVerifier } from '../../graphql/auth.js';
import { unauthenticated } from '../../graphql/errors.js';
import { findByClientId } from './partner-client.repo.js';

/**
 * How long a client's "active in this practice" answer is remembered. It bounds how long a revoked
 * client's tokens keep working on another instance (this instance forgets at once on revoke).
 */
export const CLIENT_STATUS_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

const known = new Map<string, { active: boolean; practiceId: string | null; until: number }>();

/** Drops the remembered status of a client (after revoking it). */
export function forgetClientStatus(clientId: string): void {
  known.delete(clientId);
}

async function isActive(db: Db, clientId: string, practiceId: string): Promise<boolean> {
  const now = Date.now();
  let entry = known.get(clientId);
  if (!entry || entry.until <= now) {
    const row = await findByClientId(db, clientId);
    entry = { active: !!row && !row.revokedAt, practiceId: row?.practiceId ?? null, until: now + CLIENT_STATUS_TTL_MS };
    if (known.size >= MAX_ENTRIES) known.delete(known.keys().next().value!);
    known.set(clientId, entry);
  }
  return entry.active && entry.practiceId === practiceId;
}

/**
 * Wraps a token verifier so a partner client's token is refused (UNAUTHENTICATED) once the client is
 * revoked, unknown, or of another practice than the token says. User tokens pass through untouched.
 */
export function withPartnerClientStatus(verifier: TokenVerifier, db: Db): TokenVerifier {
  return {
    async verify(token) {
      const principal = await verifier.verify(token);
      if (principal.clientId && !(await isActive(db, principal.clientId, principal.practiceId))) {
        throw unauthenticated('The partner client is revoked or unknown');
      }
      return principal;
    },
  };
}
