import type { MedofficeError } from './errors.js';

type Token = string | undefined | null;

/** What `onUnauthenticated` is told: the token the server refused and its error. */
export interface UnauthenticatedContext {
  /** The token the refused request carried (undefined when it carried none). */
  token: string | undefined;
  /** The UNAUTHENTICATED error the request would otherwise reject with. */
  error: MedofficeError;
}

/** Asked for a new token after the server refused one: a new token, or null to give up. */
export type OnUnauthenticated = (context: UnauthenticatedContext) => Token | Promise<Token>;

/**
 * Single-flight token refresh: requests refused with the same token share one call of `refresh`, and a
 * request refused with a token that was already replaced gets the replacement without another call.
 * A refresh that gives no token (or throws) is not remembered, so a later failure may ask again.
 */
export function createTokenRefresher(refresh: OnUnauthenticated): (refused: Token, error: MedofficeError) => Promise<Token> {
  let inFlight: { refused: Token; result: Promise<Token> } | null = null;
  let replaced: { refused: Token; token: string } | null = null;
  return (refused, error) => {
    const token = refused ?? undefined;
    if (inFlight && inFlight.refused === token) return inFlight.result;
    if (replaced && replaced.refused === token) return Promise.resolve(replaced.token);
    const entry: { refused: Token; result: Promise<Token> } = { refused: token, result: Promise.resolve(null) };
    entry.result = Promise.resolve()
      .then(() => refresh({ token, error }))
      .then((fresh) => {
        if (!fresh) return null;
        replaced = { refused: token, token: fresh };
        return fresh;
      })
      .finally(() => {
        if (inFlight === entry) inFlight = null;
      });
    inFlight = entry;
    return entry.result;
  };
}
