import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import type { AuthCheckerFn } from 'type-graphql';
import type { Context } from './context.js';
import { forbidden, unauthenticated } from './errors.js';
import { ALL_ROLES, Role } from './roles.js';
import { parseScopes, type Scope, scopeOf } from './scopes.js';

/** Who is calling: from a verified bearer token. */
export interface Principal {
  userId: string;
  practiceId: string;
  roles: Role[];
  /** Set for a partner client's token (client-credentials grant); its `sub` is the client id too. */
  clientId?: string;
  /** The scopes of a partner client's token; users have none. */
  scopes?: readonly Scope[];
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toPrincipal(payload: JWTPayload): Principal {
  const practiceId = payload.practice_id;
  const roles = payload.roles;
  if (typeof payload.sub !== 'string' || !payload.sub) throw unauthenticated('Token has no subject');
  if (typeof practiceId !== 'string' || !UUID.test(practiceId)) throw unauthenticated('Token has no practice');
  if (!Array.isArray(roles) || roles.some((r) => !ALL_ROLES.includes(r as Role))) {
    throw unauthenticated('Token roles are missing or unknown');
  }
  const clientId = payload.client_id;
  if (clientId === undefined) {
    // PARTNER only marks partner-client tokens; a hand-made PARTNER token without a client reaches nothing.
    if (roles.includes(Role.PARTNER)) throw unauthenticated('PARTNER tokens are issued to partner clients only');
    return { userId: payload.sub, practiceId, roles: roles as Role[] };
  }
  // A partner client's token: roles exactly [PARTNER], the subject is the client, the scopes are known ones.
  if (typeof clientId !== 'string' || clientId !== payload.sub || roles.length !== 1 || roles[0] !== Role.PARTNER) {
    throw unauthenticated('Partner client token is malformed');
  }
  const scopes = parseScopes(typeof payload.scope === 'string' ? payload.scope : '');
  if (scopes.unknown.length > 0) throw unauthenticated('Token scopes are unknown');
  return { userId: clientId, practiceId, roles: [Role.PARTNER], clientId, scopes: scopes.known };
}

/** Verified tokens are remembered this long at most (and never past their exp), bounding how long a key removed from the JWKS keeps working. */
const REMEMBER_MS = 5 * 60_000;
const REMEMBER_MAX = 10_000;

/** Defaults of the token time rules (config: JWT_MAX_LIFETIME_SECONDS, JWT_CLOCK_SKEW_SECONDS). */
export const DEFAULT_MAX_LIFETIME_SECONDS = 12 * 3600;
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

/**
 * Time rules beyond the signature: `exp` is required, `iat` may not lie in the future, and a token may not
 * live longer than `maxLifetime` (exp − iat, or exp − now without iat). `skew` seconds absorb clock drift
 * between the issuer and this server, for `iat`, `nbf` and `exp` alike.
 */
function checkTimes(payload: JWTPayload, nowSeconds: number, maxLifetime: number, skew: number): void {
  if (typeof payload.exp !== 'number') throw unauthenticated('The bearer token has no expiry (exp)');
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + skew) throw unauthenticated('The bearer token was issued in the future (iat)');
  const issued = typeof payload.iat === 'number' ? payload.iat : nowSeconds;
  if (payload.exp - issued > maxLifetime) throw unauthenticated(`The bearer token lives longer than the allowed ${maxLifetime} s`);
}

/**
 * Verifies HS256 tokens signed with the configured secret, or tokens from a JWKS URL. A front-desk screen
 * sends the same token with every request, so a verified token's principal is remembered until its exp
 * (at most five minutes): the signature check was a measurable share of a day view's CPU.
 * Tokens must carry `exp`, may not be issued in the future and may not live longer than the maximum lifetime.
 * @throws UNAUTHENTICATED for any invalid, expired, over-long or malformed token
 */
export function createTokenVerifier(opts: {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Longest accepted token lifetime in seconds (12 h by default). */
  maxLifetimeSeconds?: number;
  /** Clock drift tolerated for exp, nbf and iat, in seconds (60 by default). */
  clockSkewSeconds?: number;
}): TokenVerifier {
  const maxLifetime = opts.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  const skew = opts.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const secret = opts.secret ? new TextEncoder().encode(opts.secret) : undefined;
  const jwks: JWTVerifyGetKey | undefined = opts.jwksUrl ? createRemoteJWKSet(new URL(opts.jwksUrl)) : undefined;
  const remembered = new Map<string, { principal: Principal; until: number }>();
  return {
    async verify(token) {
      const now = Date.now();
      const known = remembered.get(token);
      if (known && known.until > now) return known.principal;
      remembered.delete(token);
      let payload: JWTPayload;
      try {
        const options = { issuer: opts.issuer, audience: opts.audience, requiredClaims: ['exp'], clockTolerance: skew };
        if (secret && jwks && decodeAlg(token) !== 'HS256') {
          payload = (await jwtVerify(token, jwks, options)).payload;
        } else if (secret) {
          payload = (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
        } else if (jwks) {
          payload = (await jwtVerify(token, jwks, options)).payload;
        } else {
          throw new Error('no key');
        }
      } catch {
        throw unauthenticated('The bearer token is invalid or expired');
      }
      checkTimes(payload, Math.floor(now / 1000), maxLifetime, skew);
      const principal = Object.freeze(toPrincipal(payload));
      if (remembered.size >= REMEMBER_MAX) remembered.delete(remembered.keys().next().value!);
      remembered.set(token, { principal, until: Math.min(now + REMEMBER_MS, payload.exp! * 1000) });
      return principal;
    },
  };
}

function decodeAlg(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
    return typeof header.alg === 'string' ? header.alg : undefined;
  } catch {
    return undefined;
  }
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** `now` plus a lifetime written as a signed count and a unit (`30m`, `12h`, `7d`, `-1m` for an expired token). */
function expiryFrom(now: Date, lifetime: string): Date {
  const m = /^(-?\d+)\s*([smhd])$/.exec(lifetime);
  if (!m) throw new Error(`Token lifetime must look like 30m, 12h or 7d, not ${lifetime}`);
  return new Date(now.getTime() + Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS] * 1000);
}

/** Signs an HS256 token (demo tokens, `pnpm token`, tests). */
export function signToken(
  secret: string,
  principal: Principal,
  opts: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  // One clock reading for iat and exp: jose measures a relative exp from its own reading of the clock, so a
  // token signed across a second boundary lived one second longer than asked and failed the maximum lifetime.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  let jwt = new SignJWT({ practice_id: principal.practiceId, roles: principal.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.userId)
    .setIssuedAt(now)
    .setExpirationTime(expiryFrom(now, opts.expiresIn ?? '12h'));
  if (opts.issuer) jwt = jwt.setIssuer(opts.issuer);
  if (opts.audience) jwt = jwt.setAudience(opts.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** Whether a principal satisfies an `@Authorized` list of roles and `scope(...)` entries (PARTNER grants nothing). */
export function allows(principal: Principal, rule: readonly string[]): boolean {
  if (rule.length === 0) return true;
  return rule.some((entry) => {
    const s = scopeOf(entry);
    if (s) return principal.scopes?.includes(s) ?? false;
    return entry !== Role.PARTNER && principal.roles.includes(entry as Role);
  });
}

/** type-graphql auth checker: a field with `@Authorized(list)` needs a principal holding one role or scope of the list. */
export const authChecker: AuthCheckerFn<Context, string> = ({ context }, rule) => {
  const principal = context.principal;
  if (!principal) throw unauthenticated();
  if (allows(principal, rule)) return true;
  throw forbidden();
};

/** The principal of a request whose resolver is already guarded by `@Authorized`. */
export function requirePrincipal(ctx: Context): Principal {
  if (!ctx.principal) throw unauthenticated();
  return ctx.principal;
}
