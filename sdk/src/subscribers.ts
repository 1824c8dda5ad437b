import type { MedofficeError } from './errors.js';
import { subscriptionError } from './subscriptions.js';
import type { CallOptions } from './transport.js';

/** What `client.subscribe.<name>` calls with each event, with the failure that ended it, or at its normal end. */
export interface SubscriptionHandlers<R> {
  /** Each event's data. A throwing handler ends the subscription; its error surfaces as an unhandled rejection. */
  onData(data: R): void;
  /** The MedofficeError that ended the subscription: UNAUTHENTICATED (bad or expired token), NOT_FOUND, FORBIDDEN, SERVICE_UNAVAILABLE (socket dropped; resubscribe and refetch), … */
  onError(error: MedofficeError): void;
  /** The server ended the subscription without an error. Not called after unsubscribing. */
  onComplete?(): void;
}

/** Stops a subscription started with `client.subscribe.<name>`. Safe to call more than once. */
export type Unsubscribe = () => void;

/** `client.subscribe`: one callback-style function per subscription operation of the SDK. */
export type Subscribers<S> = {
  [K in keyof S as S[K] extends (...args: any[]) => AsyncIterable<unknown> ? K : never]: S[K] extends (variables: infer V, options?: CallOptions) => AsyncIterable<infer R>
    ? (variables: V, handlers: SubscriptionHandlers<R>, options?: Omit<CallOptions, 'signal'>) => Unsubscribe
    : never;
};

type AnyOperation = (variables: unknown, options?: CallOptions) => unknown;

/** Builds `client.subscribe` on the SDK's functions; the Subscribers type exposes the subscription ones only. */
export function createSubscribers<S extends object>(sdk: S): Subscribers<S> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(sdk)) {
    if (typeof fn !== 'function') continue;
    out[name] = (variables: unknown, handlers: SubscriptionHandlers<unknown>, options: Omit<CallOptions, 'signal'> = {}): Unsubscribe => {
      const abort = new AbortController();
      const events = (fn as AnyOperation)(variables, { ...options, signal: abort.signal });
      if (typeof events !== 'object' || events === null || !(Symbol.asyncIterator in events)) throw new TypeError(`${name} is not a subscription`);
      const it = (events as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      void (async () => {
        for (;;) {
          let step: IteratorResult<unknown>;
          try {
            step = await it.next();
          } catch (err) {
            if (!abort.signal.aborted) handlers.onError(subscriptionError(err));
            return;
          }
          if (step.done) {
            if (!abort.signal.aborted) handlers.onComplete?.();
            return;
          }
          if (abort.signal.aborted) continue;
          try {
            handlers.onData(step.value);
          } catch (err) {
            abort.abort();
            await it.return?.();
            throw err;
          }
        }
      })();
      return () => abort.abort();
    };
  }
  return out as Subscribers<S>;
}
