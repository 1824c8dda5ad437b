import type { Db } from '../../server/src/db/client.js';
import type { Scope } from '../../server/src/graphql/scopes.js';
import { insertPartnerClient } from '../../server/src/modules/partners/partner-client.repo.js';
import { hashSecret, newClientId, newClientSecret } from '../../server/src/modules/partners/partner-secret.js';
import type { TestServer } from './test-server.js';

/** The token endpoint beside a test server's /graphql. */
export const tokenUrl = (server: TestServer) => server.url.replace(/\/graphql$/, '/oauth/token');

/** Stores a partner client with the given scopes directly (as createPartnerClient would) and returns its credentials. */
export async function insertClient(db: Db, practiceId: string, scopes: readonly Scope[], name = `Partner ${newClientId().slice(3, 11)}`) {
  const clientSecret = newClientSecret();
  const row = await insertPartnerClient(db, { practiceId, clientId: newClientId(), name, scopes: [...scopes], secretHash: hashSecret(clientSecret) });
  return { id: row.id, clientId: row.clientId, clientSecret };
}

/** POSTs a form to the token endpoint; returns status, headers and parsed body. */
export async function postToken(server: TestServer, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(tokenUrl(server), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

/** A partner client with these scopes and an access token obtained from POST /oauth/token. */
export async function partnerToken(server: TestServer, practiceId: string, scopes: readonly Scope[]): Promise<{ token: string; clientId: string }> {
  const client = await insertClient(server.database.db, practiceId, scopes);
  const res = await postToken(server, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret });
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.access_token as string, clientId: client.clientId };
}
