import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import type { LocationRow } from '../locations/location.mapper.js';
import type { ProviderRow } from './provider.mapper.js';
import { findLocationsOfProviders, findProvidersAtLocations } from './provider-location.repo.js';
import { findProvidersByIds } from './provider.repo.js';

/** Per-request provider-by-id loader, scoped to one practice. */
export const createProviderLoader = (db: Db, practiceId: string) =>
  new DataLoader<string, ProviderRow | null>(async (ids) => orderByKeys(ids, await findProvidersByIds(db, practiceId, ids), (r) => r.id));

/** Per-request loader: provider id → the locations it works at (all in one statement per batch). */
export const createLocationsOfProviderLoader = (db: Db, practiceId: string) =>
  new DataLoader<string, LocationRow[]>(async (ids) =>
    groupByKeys(ids, await findLocationsOfProviders(db, practiceId, ids), (r) => r.providerId).map((rows) => rows.map((r) => r.location)),
  );

/** Per-request loader: location id → the providers working there (all in one statement per batch). */
export const createProvidersAtLocationLoader = (db: Db, practiceId: string) =>
  new DataLoader<string, ProviderRow[]>(async (ids) =>
    groupByKeys(ids, await findProvidersAtLocations(db, practiceId, ids), (r) => r.locationId).map((rows) => rows.map((r) => r.provider)),
  );
