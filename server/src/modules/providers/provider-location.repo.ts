import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { locations } from '../../db/schema/locations.js';
import { providerLocations, providers } from '../../db/schema/providers.js';
import { isUuid } from '../../lib/uuid.js';
import type { LocationRow } from '../locations/location.mapper.js';
import type { ProviderRow } from './provider.mapper.js';

/**
 * The locations of many providers in one statement, ordered by location name. Both the link and the
 * location must belong to the practice, so a stray cross-practice link can never leak a location.
 * @returns one row per (provider, location) link
 */
export async function findLocationsOfProviders(db: Db, practiceId: string, providerIds: readonly string[]): Promise<{ providerId: string; location: LocationRow }[]> {
  const ids = [...new Set(providerIds.filter(isUuid))];
  if (ids.length === 0) return [];
  return db
    .select({ providerId: providerLocations.providerId, location: locations })
    .from(providerLocations)
    .innerJoin(locations, and(eq(locations.id, providerLocations.locationId), eq(locations.practiceId, practiceId)))
    .where(and(eq(providerLocations.practiceId, practiceId), inArray(providerLocations.providerId, ids)))
    .orderBy(asc(locations.name), asc(locations.id));
}

/**
 * The providers at many locations in one statement, ordered by family then given name.
 * @returns one row per (location, provider) link, both of the practice
 */
export async function findProvidersAtLocations(db: Db, practiceId: string, locationIds: readonly string[]): Promise<{ locationId: string; provider: ProviderRow }[]> {
  const ids = [...new Set(locationIds.filter(isUuid))];
  if (ids.length === 0) return [];
  return db
    .select({ locationId: providerLocations.locationId, provider: providers })
    .from(providerLocations)
    .innerJoin(providers, and(eq(providers.id, providerLocations.providerId), eq(providers.practiceId, practiceId)))
    .where(and(eq(providerLocations.practiceId, practiceId), inArray(providerLocations.locationId, ids)))
    .orderBy(asc(providers.familyName), asc(providers.givenName), asc(providers.id));
}

/**
 * Replaces a provider's set of locations (call inside a transaction; ids already checked).
 * @returns nothing
 */
export async function replaceProviderLocations(tx: Db, practiceId: string, providerId: string, locationIds: readonly string[]): Promise<void> {
  await tx.delete(providerLocations).where(and(eq(providerLocations.practiceId, practiceId), eq(providerLocations.providerId, providerId)));
  if (locationIds.length === 0) return;
  await tx.insert(providerLocations).values(locationIds.map((locationId) => ({ practiceId, providerId, locationId })));
}

/** Whether a provider of the practice is active and linked to a location; null when there is no such provider. */
export interface ProviderAtLocation {
  active: boolean;
  linked: boolean;
}

/**
 * A provider's standing at one location, in one statement. With `lock` (inside a transaction) the
 * provider row and the link are share-locked until commit, so a concurrent deactivation or unlinking
 * waits for the booking instead of racing it.
 * @returns null when the provider is not the practice's (or an id is malformed)
 */
export async function findProviderAtLocation(db: Db, practiceId: string, providerId: string, locationId: string, lock = false): Promise<ProviderAtLocation | null> {
  if (!isUuid(providerId) || !isUuid(locationId)) return null;
  const [row] = rowsOf<{ active: boolean; linked: boolean }>(await db.execute(providerAtLocationQuery(practiceId, providerId, locationId, lock)));
  return row ? { active: Boolean(row.active), linked: Boolean(row.linked) } : null;
}

/**
 * The statement of findProviderAtLocation (columns `active`, `linked`; no row when the provider is not the
 * practice's), to embed in a larger statement. Ids must be well-formed uuids.
 * @param lock - true share-locks the provider and the link until commit; 'serialize' locks the provider row
 *   exclusively (FOR NO KEY UPDATE, which foreign-key checks do not wait for) so that bookings of one provider
 *   insert one after another: racing inserts under an exclusion constraint each wait for the other's tuple and
 *   deadlock, one victim per second of deadlock_timeout, where one after another they simply conflict.
 */
export function providerAtLocationQuery(practiceId: string, providerId: string, locationId: string | SQL, lock: boolean | 'serialize' = false): SQL {
  return sql`
      select p.active, pl.linked is not null as linked
        from providers p
        left join lateral (
          select true as linked from provider_locations l
           where l.practice_id = ${practiceId} and l.provider_id = p.id and l.location_id = ${locationId} ${lock ? sql`for share` : sql``}
        ) pl on true
       where p.practice_id = ${practiceId} and p.id = ${providerId} ${lock === 'serialize' ? sql`for no key update of p` : lock ? sql`for share of p` : sql``}`;
}
