import type { Db } from '../../db/client.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { findProviderAtLocation, type ProviderAtLocation } from './provider-location.repo.js';

/** Input paths to blame: the provider id, and the location id (or the provider's again when the location is not an input). */
export interface WorksAtPaths {
  providerId: string;
  locationId: string;
}

/**
 * The rule "a provider is booked only where they work, and only while active", on an already loaded
 * standing (so callers can fetch it beside their other lookups).
 * @throws NOT_FOUND (no such provider), BAD_USER_INPUT (inactive on `paths.providerId`, not linked on `paths.locationId`)
 */
export function assertWorksAt(found: ProviderAtLocation | null, providerId: string, paths: WorksAtPaths): void {
  if (!found) throw notFound('Provider', providerId);
  if (!found.active) throw badInput([{ path: paths.providerId, message: 'is an inactive provider' }]);
  if (!found.linked) throw badInput([{ path: paths.locationId, message: 'is not a location where the provider works' }]);
}

/**
 * Checks inside a booking transaction that the provider works at the location, share-locking the
 * provider and the link until commit (one statement).
 * @throws NOT_FOUND, BAD_USER_INPUT (see assertWorksAt)
 */
export async function lockProviderAtLocation(tx: Db, practiceId: string, providerId: string, locationId: string, paths: WorksAtPaths): Promise<void> {
  assertWorksAt(await findProviderAtLocation(tx, practiceId, providerId, locationId, true), providerId, paths);
}
