import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface TestSubscription {
  /** The next message (data or errors) of the subscription. */
  next(): Promise<{ data?: Record<string, any> | null; errors?: { message: string; extensions: Record<string, any> }[] }>;
  /** Resolves with the close code if the server closes the connection. */
  closed: Promise<number>;
  close(): Promise<void>;
}

/** Opens a graphql-ws connection with the token in connectionParams and starts one subscription. */
export function subscribe(wsUrl: string, token: string | null, query: string, variables: Record<string, unknown> = {}): TestSubscription {
  let resolveClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((r) => {
    resolveClosed = r;
  });
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    on: { closed: (e) => resolveClosed((e as { code: number }).code) },
    onNonLazyError: () => {},
  });
  const it = client.iterate({ query, variables });
  return {
    next: async () => {
      const r = await it.next();
      if (r.done) throw new Error('subscription completed');
      return r.value as any;
    },
    closed,
    async close() {
      await it.return?.();
      await client.dispose();
    },
  };
}

/** Waits (without a deadline of its own: the test timeout bounds it) until `probe` returns true. */
export async function waitUntil(probe: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await probe())) await new Promise((r) => setTimeout(r, 10));
}
