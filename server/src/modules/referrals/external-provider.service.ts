import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import * as repo from './external-provider.repo.js';
import type { ExternalProviderInput } from './referral.inputs.js';
import { toExternalProvider } from './referral.mapper.js';
import type { ExternalProvider } from './referral.type.js';

const isUnique = (err: unknown) => (err as { cause?: { code?: string } }).cause?.code === '23505';

async function values(db: Db, practiceId: string, input: ExternalProviderInput): Promise<repo.NewExternalProviderRow> {
  const payerIds = [...new Set(input.acceptedPayerIds)];
  const known = new Set(await repo.findPayerIds(db, practiceId, payerIds));
  const unknown = payerIds.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw badInput([{ path: `input.acceptedPayerIds.${input.acceptedPayerIds.indexOf(payerIds[unknown]!)}`, message: 'is not a payer of your practice' }]);
  return {
    name: input.name.trim(),
    npi: input.npi,
    taxonomyCode: input.taxonomyCode ?? null,
    specialty: input.specialty?.trim() || null,
    organization: input.organization?.trim() || null,
    address: input.address ? { ...input.address } : null,
    phone: input.phone ?? null,
    fax: input.fax ?? null,
    acceptedPayerIds: payerIds,
  };
}

/**
 * Adds an outside provider to the directory (NPI checked by the input rule, unique per practice).
 * @throws BAD_USER_INPUT (NPI already in the directory, unknown payer)
 */
export async function createExternalProvider(db: Db, principal: Principal, audit: AuditTrail, input: ExternalProviderInput): Promise<ExternalProvider> {
  const v = await values(db, principal.practiceId, input);
  try {
    return toExternalProvider(
      await db.transaction(async (tx) => {
        const row = await repo.insertExternalProvider(tx, principal.practiceId, v);
        await audit.write(tx, 'CREATE', 'ExternalProvider', row.id);
        return row;
      }),
    );
  } catch (err) {
    if (isUnique(err)) throw badInput([{ path: 'input.npi', message: 'is already in your directory' }]);
    throw err;
  }
}

/**
 * Replaces a directory entry's details (and active flag).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT
 */
export async function updateExternalProvider(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number, active: boolean, input: ExternalProviderInput): Promise<ExternalProvider> {
  const p = principal.practiceId;
  const [current] = isUuid(id) ? await repo.findExternalProvidersByIds(db, p, [id]) : [];
  if (!current) throw notFound('ExternalProvider', id);
  if (current.version !== expectedVersion) throw versionConflict('ExternalProvider', id, expectedVersion, current.version);
  const v = await values(db, p, input);
  try {
    const row = await db.transaction(async (tx) => {
      const r = await repo.updateExternalProviderIf(tx, p, id, expectedVersion, { ...v, active });
      if (r) await audit.write(tx, 'UPDATE', 'ExternalProvider', r.id);
      return r;
    });
    if (!row) throw versionConflict('ExternalProvider', id, expectedVersion, expectedVersion + 1);
    return toExternalProvider(row);
  } catch (err) {
    if (isUnique(err)) throw badInput([{ path: 'input.npi', message: 'is already in your directory' }]);
    throw err;
  }
}

/** The directory by name (no PHI: not audited as a read). @throws BAD_USER_INPUT for a foreign cursor */
export async function listExternalProviders(db: Db, principal: Principal, q: repo.DirectoryQuery, page: PageRequest): Promise<ConnectionShape<ExternalProvider>> {
  const c = page.cursor;
  if (c && !(c.length === 2 && typeof c[0] === 'string' && typeof c[1] === 'string' && isUuid(c[1]))) throw badInput([{ path: page.forward ? 'after' : 'before', message: 'is not a cursor issued by this connection' }]);
  const rows = await repo.findExternalProviderPage(db, principal.practiceId, q, page.limit, c, page.forward);
  return toConnection(rows, page, (r) => [r.name, r.id], toExternalProvider);
}
