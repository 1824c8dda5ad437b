import type { Db } from '../db/client.js';
import { ALL_SCOPES } from '../graphql/scopes.js';
import { insertPartnerClient, listPartnerClients, updateActivePartnerClient } from '../modules/partners/partner-client.repo.js';
import { hashSecret, newClientId, newClientSecret } from '../modules/partners/partner-secret.js';

const DEMO_PARTNER_NAME = 'Demo partner';

/**
 * The demo practice's partner client (every scope), with a secret made fresh at each start: only the
 * hash is stored, so printing a working secret means issuing a new one (embedded demo only).
 * @returns its public client id and current secret
 */
export async function ensureDemoPartnerClient(db: Db, practiceId: string): Promise<{ clientId: string; clientSecret: string }> {
  const clientSecret = newClientSecret();
  const existing = (await listPartnerClients(db, practiceId)).find((c) => c.name === DEMO_PARTNER_NAME && !c.revokedAt);
  if (existing) {
    const row = await updateActivePartnerClient(db, practiceId, existing.id, existing.version, { secretHash: hashSecret(clientSecret), secretRotatedAt: new Date() });
    if (row) return { clientId: row.clientId, clientSecret };
  }
  const row = await insertPartnerClient(db, { practiceId, clientId: newClientId(), name: DEMO_PARTNER_NAME, scopes: [...ALL_SCOPES], secretHash: hashSecret(clientSecret) });
  return { clientId: row.clientId, clientSecret };
}
