import type { Principal, TokenVerifier } from './auth.js';
import { AppError, unauthenticated } from './errors.js';

/** A practice seen to exist is remembered this long (practices are never deleted), a missing one briefly. */
const KNOWN_MS = 5 * 60_000;
const UNKNOWN_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Wraps a token verifier so that a token naming a practice that does not exist is refused at
 * authentication instead of failing later on a foreign key. The answer per practice is remembered
 * (5 minutes when it exists, 5 seconds when it does not), so a busy screen costs no extra query.
 * @param verifier - checks signature and claims
 * @param exists - looks the practice up in the database
 * @returns a verifier with the same contract
 * @throws UNAUTHENTICATED for an unknown practice; SERVICE_UNAVAILABLE when the lookup fails
 */
export function requireKnownPractice(verifier: TokenVerifier, exists: (practiceId: string) => Promise<boolean>): TokenVerifier {
  const seen = new Map<string, { exists: boolean; until: number }>();
  const lookup = async (practiceId: string): Promise<boolean> => {
    const now = Date.now();
    const known = seen.get(practiceId);
    if (known && known.until > now) return known.exists;
    let found: boolean;
    try {
      found = await exists(practiceId);
    } catch {
      throw new AppError('SERVICE_UNAVAILABLE', 'Could not check the token; retry shortly', { http: { status: 503 } });
    }
    seen.delete(practiceId);
    if (seen.size >= MAX_ENTRIES) seen.delete(seen.keys().next().value!);
    seen.set(practiceId, { exists: found, until: now + (found ? KNOWN_MS : UNKNOWN_MS) });
    return found;
  };
  return {
    async verify(token: string): Promise<Principal> {
      const principal = await verifier.verify(token);
      if (!(await lookup(principal.practiceId))) throw unauthenticated('The bearer token names a practice that does not exist');
      return principal;
    },
  };
}
