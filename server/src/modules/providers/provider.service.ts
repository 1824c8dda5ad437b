import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { stringKeyCursor } from '../common/cursor.js';
import { findLocationsByIds } from '../locations/location.repo.js';
import type { CreateProviderInput, UpdateProviderInput } from './provider.inputs.js';
import { type ProviderRow, toProvider } from './provider.mapper.js';
import { linkLocations } from './provider-location.service.js';
import * as repo from './provider.repo.js';
import type { Provider } from './provider.type.js';

/** Runs a write; the (practice, NPI) unique index turns a duplicate into BAD_USER_INPUT on input.npi. */
async function guardNpi<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (repo.isDuplicateNpi(err)) throw badInput([{ path: 'input.npi', message: 'is already used by another provider of this practice' }]);
    throw err;
  }
}

/**
 * Creates a provider (optionally with its locations) and audits it, all in one transaction.
 * @returns the new provider (version 1, active)
 * @throws BAD_USER_INPUT for a duplicate NPI or an inactive location; NOT_FOUND for an unknown location
 */
export function createProvider(db: Db, principal: Principal, audit: AuditTrail, input: CreateProviderInput): Promise<Provider> {
  return guardNpi(async () => {
    const row = await db.transaction(async (tx) => {
      const created = await repo.insertProvider(tx, principal.practiceId, {
        givenName: input.givenName.trim(),
        familyName: input.familyName.trim(),
        credentials: input.credentials?.trim() || null,
        npi: input.npi,
        taxonomyCode: input.taxonomyCode,
        specialty: input.specialty.trim(),
      });
      if (input.locationIds?.length) await linkLocations(tx, principal.practiceId, created.id, input.locationIds, 'input.locationIds');
      await audit.write(tx, 'CREATE', 'Provider', created.id, null);
      return created;
    });
    return toProvider(row);
  });
}

function applyVersionedPatch(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number, patch: repo.ProviderPatch, action: 'UPDATE' | 'DEACTIVATE'): Promise<Provider> {
  return guardNpi(async () => {
    const row = await db.transaction(async (tx) => {
      const updated = await repo.updateProviderIfVersion(tx, principal.practiceId, id, expectedVersion, patch);
      if (!updated) {
        const [current] = await repo.findProvidersByIds(tx, principal.practiceId, [id]);
        if (!current) throw notFound('Provider', id);
        throw versionConflict('Provider', id, expectedVersion, current.version);
      }
      await audit.write(tx, action, 'Provider', id, null);
      return updated;
    });
    return toProvider(row);
  });
}

/**
 * Changes a provider at a known version; omitted (or null) required fields stay, null credentials clear.
 * @returns the updated provider
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (NPI used by another provider)
 */
export function updateProvider(db: Db, principal: Principal, audit: AuditTrail, input: UpdateProviderInput): Promise<Provider> {
  const patch: repo.ProviderPatch = {};
  if (input.givenName != null) patch.givenName = input.givenName.trim();
  if (input.familyName != null) patch.familyName = input.familyName.trim();
  if (input.credentials !== undefined) patch.credentials = input.credentials?.trim() || null;
  if (input.npi != null) patch.npi = input.npi;
  if (input.taxonomyCode != null) patch.taxonomyCode = input.taxonomyCode;
  if (input.specialty != null) patch.specialty = input.specialty.trim();
  if (input.active != null) patch.active = input.active;
  return applyVersionedPatch(db, principal, audit, input.id, input.expectedVersion, patch, 'UPDATE');
}

/**
 * Marks a provider inactive; the record and its location links are kept.
 * @returns the deactivated provider
 * @throws NOT_FOUND, VERSION_CONFLICT
 */
export function deactivateProvider(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number): Promise<Provider> {
  return applyVersionedPatch(db, principal, audit, id, expectedVersion, { active: false }, 'DEACTIVATE');
}

/**
 * Maps a loaded provider row.
 * @throws NOT_FOUND when the row is missing (or belongs to another practice)
 */
export function presentProvider(id: string, row: ProviderRow | null): Provider {
  if (!row) throw notFound('Provider', id);
  return toProvider(row);
}

export interface ProviderFilter {
  locationId?: string | null;
  activeOnly: boolean;
  search?: string | null;
}

/**
 * One page of the caller's providers, by family then given name.
 * @returns a Relay connection
 * @throws NOT_FOUND for a locationId that is not the practice's; BAD_USER_INPUT for a bad search or cursor
 */
export async function listProviders(db: Db, principal: Principal, filter: ProviderFilter, page: PageRequest, withCount: boolean): Promise<ConnectionShape<Provider>> {
  const cursor = stringKeyCursor(page, 3) as [string, string, string] | null;
  const search = filter.search?.trim();
  if (filter.search != null && (!search || search.length > 100)) throw badInput([{ path: 'search', message: 'must have 1 to 100 visible characters' }]);
  if (filter.locationId != null && (await findLocationsByIds(db, principal.practiceId, [filter.locationId])).length === 0) {
    throw notFound('Location', filter.locationId);
  }
  const q: repo.ProviderQuery = { locationId: filter.locationId, activeOnly: filter.activeOnly, search };
  const [rows, total] = await Promise.all([
    repo.listProviders(db, principal.practiceId, q, page.limit, cursor, page.forward),
    withCount ? repo.countProviders(db, principal.practiceId, q) : Promise.resolve(null),
  ]);
  return toConnection(rows, page, (r) => [r.familyName, r.givenName, r.id], toProvider, total);
}
