import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { notFound, versionConflict } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { stringKeyCursor } from '../common/cursor.js';
import type { CreateLocationInput, UpdateLocationInput } from './location.inputs.js';
import { type LocationRow, toLocation } from './location.mapper.js';
import * as repo from './location.repo.js';
import type { Location } from './location.type.js';

const address = (a: CreateLocationInput['address']) => ({
  line1: a.line1.trim(),
  line2: a.line2?.trim() || null,
  city: a.city.trim(),
  state: a.state,
  postalCode: a.postalCode,
  country: a.country,
});

/**
 * Creates a location of the caller's practice and audits the write in the same transaction.
 * @returns the new location (version 1, active)
 */
export async function createLocation(db: Db, principal: Principal, audit: AuditTrail, input: CreateLocationInput): Promise<Location> {
  const row = await db.transaction(async (tx) => {
    const created = await repo.insertLocation(tx, principal.practiceId, {
      name: input.name.trim(),
      address: address(input.address),
      phone: input.phone ?? null,
      timeZone: input.timeZone,
      placeOfServiceCode: input.placeOfServiceCode,
    });
    await audit.write(tx, 'CREATE', 'Location', created.id, null);
    return created;
  });
  return toLocation(row);
}

async function applyVersionedPatch(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number, patch: repo.LocationPatch, action: 'UPDATE' | 'DEACTIVATE'): Promise<Location> {
  const row = await db.transaction(async (tx) => {
    const updated = await repo.updateLocationIfVersion(tx, principal.practiceId, id, expectedVersion, patch);
    if (!updated) {
      const [current] = await repo.findLocationsByIds(tx, principal.practiceId, [id]);
      if (!current) throw notFound('Location', id);
      throw versionConflict('Location', id, expectedVersion, current.version);
    }
    await audit.write(tx, action, 'Location', id, null);
    return updated;
  });
  return toLocation(row);
}

/**
 * Changes a location at a known version; omitted (or null) required fields stay, a null phone clears it.
 * @returns the updated location
 * @throws NOT_FOUND (missing or another practice's), VERSION_CONFLICT
 */
export function updateLocation(db: Db, principal: Principal, audit: AuditTrail, input: UpdateLocationInput): Promise<Location> {
  const patch: repo.LocationPatch = {};
  if (input.name != null) patch.name = input.name.trim();
  if (input.address != null) patch.address = address(input.address);
  if (input.phone !== undefined) patch.phone = input.phone;
  if (input.timeZone != null) patch.timeZone = input.timeZone;
  if (input.placeOfServiceCode != null) patch.placeOfServiceCode = input.placeOfServiceCode;
  if (input.active != null) patch.active = input.active;
  return applyVersionedPatch(db, principal, audit, input.id, input.expectedVersion, patch, 'UPDATE');
}

/**
 * Marks a location inactive; it is kept, with its provider links, for history.
 * @returns the deactivated location
 * @throws NOT_FOUND, VERSION_CONFLICT
 */
export function deactivateLocation(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number): Promise<Location> {
  return applyVersionedPatch(db, principal, audit, id, expectedVersion, { active: false }, 'DEACTIVATE');
}

/**
 * Maps a loaded location row.
 * @throws NOT_FOUND when the row is missing (or belongs to another practice)
 */
export function presentLocation(id: string, row: LocationRow | null): Location {
  if (!row) throw notFound('Location', id);
  return toLocation(row);
}

/**
 * One page of the caller's locations, ordered by name.
 * @returns a Relay connection
 * @throws BAD_USER_INPUT for a forged cursor
 */
export async function listLocations(db: Db, principal: Principal, activeOnly: boolean, page: PageRequest, withCount: boolean): Promise<ConnectionShape<Location>> {
  const cursor = stringKeyCursor(page, 2) as [string, string] | null;
  const q = { activeOnly };
  const [rows, total] = await Promise.all([
    repo.listLocations(db, principal.practiceId, q, page.limit, cursor, page.forward),
    withCount ? repo.countLocations(db, principal.practiceId, q) : Promise.resolve(null),
  ]);
  return toConnection(rows, page, (r) => [r.name, r.id], toLocation, total);
}
