import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { forgetClientStatus } from './client-status.js';
import type { CreatePartnerClientInput, PartnerClientRefInput } from './partner-client.inputs.js';
import * as repo from './partner-client.repo.js';
import type { PartnerClient, PartnerClientWithSecret } from './partner-client.type.js';
import { hashSecret, newClientId, newClientSecret } from './partner-secret.js';

/** The GraphQL view of a row: never the secret hash. */
export function toPartnerClient(row: repo.PartnerClientRow): PartnerClient {
  const { id, clientId, name, scopes, createdAt, secretRotatedAt, revokedAt, version } = row;
  return { id, clientId, name, scopes, createdAt, secretRotatedAt, revokedAt, version };
}

/**
 * Creates a partner client with a fresh secret, shown only in the answer.
 * @returns the client and its secret
 * @throws BAD_USER_INPUT when an active client of the practice has the name
 */
export async function createPartnerClient(db: Db, principal: Principal, audit: AuditTrail, input: CreatePartnerClientInput): Promise<PartnerClientWithSecret> {
  const clientSecret = newClientSecret();
  try {
    return await db.transaction(async (tx) => {
      const scopes = [...new Set(input.scopes)];
      const row = await repo.insertPartnerClient(tx, { practiceId: principal.practiceId, clientId: newClientId(), name: input.name.trim(), scopes, secretHash: hashSecret(clientSecret) });
      await audit.write(tx, 'CREATE', 'PartnerClient', row.id);
      return { client: toPartnerClient(row), clientSecret };
    });
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code === '23505') throw badInput([{ path: 'input.name', message: 'is already used by an active client' }]);
    throw err;
  }
}

async function changeActive(db: Db, principal: Principal, audit: AuditTrail, ref: PartnerClientRefInput, patch: Parameters<typeof repo.updateActivePartnerClient>[4]) {
  return db.transaction(async (tx) => {
    const row = await repo.updateActivePartnerClient(tx, principal.practiceId, ref.id, ref.expectedVersion, patch);
    if (!row) {
      const current = await repo.findPartnerClient(tx, principal.practiceId, ref.id);
      if (!current) throw notFound('PartnerClient', ref.id);
      if (current.revokedAt) throw badInput([{ path: 'input.id', message: 'is revoked' }]);
      throw versionConflict('PartnerClient', ref.id, ref.expectedVersion, current.version);
    }
    await audit.write(tx, 'UPDATE', 'PartnerClient', row.id);
    return row;
  });
}

/**
 * Replaces a client's secret: the old one stops working at once; tokens already issued keep working
 * until they expire (at most the token lifetime). The new secret is shown only in the answer.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (revoked client)
 */
export async function rotatePartnerClientSecret(db: Db, principal: Principal, audit: AuditTrail, ref: PartnerClientRefInput): Promise<PartnerClientWithSecret> {
  const clientSecret = newClientSecret();
  const row = await changeActive(db, principal, audit, ref, { secretHash: hashSecret(clientSecret), secretRotatedAt: new Date() });
  return { client: toPartnerClient(row), clientSecret };
}

/**
 * Revokes a client for good: its secret stops working at once, its tokens within the status cache's
 * lifetime (30 s) on every instance, at once on this one.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (already revoked)
 */
export async function revokePartnerClient(db: Db, principal: Principal, audit: AuditTrail, ref: PartnerClientRefInput): Promise<PartnerClient> {
  const row = await changeActive(db, principal, audit, ref, { revokedAt: new Date() });
  forgetClientStatus(row.clientId);
  return toPartnerClient(row);
}
