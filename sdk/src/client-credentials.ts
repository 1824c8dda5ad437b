import { MedofficeError } from './errors.js';

/** A partner client's credentials: the SDK fetches and refreshes its access tokens itself. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Ask for fewer scopes than the client was granted (space-separated string or a list). */
  scope?: string | readonly string[];
  /** The token endpoint (default: the GraphQL url with its last `/graphql` replaced by `/oauth/token`). */
  tokenUrl?: string;
}

/** Gives the current access token, fetching a new one when none is cached or it is about to expire. */
export interface TokenSource {
  getToken(): Promise<string>;
  /** Forgets `token` (the server refused it) so the next getToken fetches a new one. */
  invalidate(token: string | undefined | null): void;
}

/** The token endpoint beside a GraphQL endpoint: …/graphql → …/oauth/token. */
export function tokenUrlOf(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = /\/graphql\/?$/.test(url.pathname) ? url.pathname.replace(/\/graphql\/?$/, '/oauth/token') : `${url.pathname.replace(/\/+$/, '')}/oauth/token`;
  url.search = '';
  return url.toString();
}

/**
 * A token source for the OAuth 2.0 client-credentials grant. Tokens are cached and refreshed shortly
 * before they expire (a tenth of their lifetime, at most 60 s early); concurrent callers share one
 * token request (single flight).
 * @throws MedofficeError UNAUTHENTICATED (bad credentials or scope: not retryable), SERVICE_UNAVAILABLE (network, 5xx: retryable)
 */
export function createTokenSource(opts: ClientCredentials & { graphqlUrl: string; fetch: typeof fetch; now?: () => number }): TokenSource {
  const now = opts.now ?? Date.now;
  const tokenUrl = opts.tokenUrl ?? tokenUrlOf(opts.graphqlUrl);
  let cached: { token: string; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  const fetchToken = async (): Promise<string> => {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (opts.scope !== undefined) form.set('scope', typeof opts.scope === 'string' ? opts.scope : opts.scope.join(' '));
    const basic = btoa(`${encodeURIComponent(opts.clientId)}:${encodeURIComponent(opts.clientSecret)}`);
    const started = now();
    let res: Response;
    let body: { access_token?: string; expires_in?: number; error?: string };
    try {
      res = await opts.fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` }, body: form.toString() });
      body = (await res.json().catch(() => ({}))) as typeof body;
    } catch (cause) {
      throw new MedofficeError({ code: 'SERVICE_UNAVAILABLE', kind: 'network', retryable: true, message: 'Network error while fetching an access token', cause });
    }
    if (!res.ok || typeof body.access_token !== 'string') {
      const refused = res.status === 400 || res.status === 401;
      throw new MedofficeError({
        code: refused ? 'UNAUTHENTICATED' : 'SERVICE_UNAVAILABLE',
        kind: 'http',
        retryable: !refused,
        status: res.status,
        message: `The token endpoint refused the client credentials (${typeof body.error === 'string' ? body.error : `HTTP ${res.status}`})`,
      });
    }
    const lifetimeMs = Math.max(0, (typeof body.expires_in === 'number' ? body.expires_in : 60) * 1000);
    cached = { token: body.access_token, refreshAt: started + lifetimeMs - Math.min(60_000, lifetimeMs / 10) };
    return body.access_token;
  };

  return {
    getToken() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached && cached.token === token) cached = null;
    },
  };
}
