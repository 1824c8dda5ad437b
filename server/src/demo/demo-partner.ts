import type { Db } from '../db/client.js';
import { ALL_SCOPES, Scope } from '../graphql/scopes.js';
import { insertPartnerClient, listPartnerClients, updateActivePartnerClient } from '../modules/partners/partner-client.repo.js';
import { hashSecret, newClientId, newClientSecret } from '../modules/partners/partner-secret.js';

const DEMO_PARTNER_NAME = 'Demo partner';
const DEMO_LAB_NAME = 'Demo lab interface';

/** Every scope a data partner may hold: all but results:write, which is a lab interface's own credential. */
export const DEMO_PARTNER_SCOPES: readonly Scope[] = ALL_SCOPES.filter((s) => s !== Scope.RESULTS_WRITE);

/**
 * The demo practice's partner client (every data scope), with a secret made fresh at each start: only the
 * hash is stored, so printing a working secret means issuing a new one (embedded demo only).
 * @returns its public client id and current secret
 */
export function ensureDemoPartnerClient(db: Db, practiceId: string): Promise<{ clientId: string; clientSecret: string }> {
  return ensureDemoClient(db, practiceId, DEMO_PARTNER_NAME, DEMO_PARTNER_SCOPES);
}

/**
 * The demo practice's lab interface client (results:write only: it posts to /results/hl7 and /results/fhir
 * and reaches no GraphQL field), kept apart from the data partner like a real lab interface would be.
 * @returns its public client id and current secret
 */
export function ensureDemoLabClient(db: Db, practiceId: string): Promise<{ clientId: string; clientSecret: string }> {
  return ensureDemoClient(db, practiceId, DEMO_LAB_NAME, [Scope.RESULTS_WRITE]);
}

async function ensureDemoClient(db: Db, practiceId: string, name: string, scopes: readonly Scope[]): Promise<{ clientId: string; clientSecret: string }> {
  const clientSecret = newClientSecret();
  const existing = (await listPartnerClients(db, practiceId)).find((c) => c.name === name && !c.revokedAt);
  if (existing) {
    const row = await updateActivePartnerClient(db, practiceId, existing.id, existing.version, { secretHash: hashSecret(clientSecret), secretRotatedAt: new Date() });
    if (row) return { clientId: row.clientId, clientSecret };
  }
  const row = await insertPartnerClient(db, { practiceId, clientId: newClientId(), name, scopes: [...scopes], secretHash: hashSecret(clientSecret) });
  return { clientId: row.clientId, clientSecret };
}
