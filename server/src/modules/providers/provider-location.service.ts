import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findLocationsByIds } from '../locations/location.repo.js';
import type { SetProviderLocationsInput } from './provider.inputs.js';
import { type ProviderRow, toProvider } from './provider.mapper.js';
import { replaceProviderLocations } from './provider-location.repo.js';
import * as repo from './provider.repo.js';
import type { Provider } from './provider.type.js';

/**
 * Checks that every id names an active location of the practice, then makes them the provider's set.
 * Call inside the transaction that changed the provider.
 * @param path - input path of the id list, for error fields (`input.locationIds`)
 * @throws NOT_FOUND for a missing or other practice's location; BAD_USER_INPUT for an inactive one
 */
export async function linkLocations(tx: Db, practiceId: string, providerId: string, locationIds: readonly string[], path: string): Promise<void> {
  const ids = [...new Set(locationIds)];
  const found = new Map((await findLocationsByIds(tx, practiceId, ids)).map((l) => [l.id, l]));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw notFound('Location', missing);
  const inactive = locationIds.map((id, i) => ({ id, i })).filter(({ id }) => !found.get(id)!.active);
  if (inactive.length > 0) throw badInput(inactive.map(({ i }) => ({ path: `${path}.${i}`, message: 'names an inactive location' })));
  await replaceProviderLocations(tx, practiceId, providerId, ids);
}

/**
 * Replaces the locations a provider works at, bumping the provider's version, audited in the same
 * transaction. Nothing changes unless every location checks out.
 * @returns the provider at its new version
 * @throws NOT_FOUND (provider or a location missing / another practice's), VERSION_CONFLICT, BAD_USER_INPUT
 */
export async function setProviderLocations(db: Db, principal: Principal, audit: AuditTrail, input: SetProviderLocationsInput): Promise<Provider> {
  const row: ProviderRow = await db.transaction(async (tx) => {
    const updated = await repo.updateProviderIfVersion(tx, principal.practiceId, input.providerId, input.expectedVersion, {});
    if (!updated) {
      const [current] = await repo.findProvidersByIds(tx, principal.practiceId, [input.providerId]);
      if (!current) throw notFound('Provider', input.providerId);
      throw versionConflict('Provider', input.providerId, input.expectedVersion, current.version);
    }
    await linkLocations(tx, principal.practiceId, updated.id, input.locationIds, 'input.locationIds');
    await audit.write(tx, 'UPDATE', 'Provider', updated.id, null);
    return updated;
  });
  return toProvider(row);
}
