import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { LocationRow } from '../locations/location.mapper.js';
import { findLocationsByIds } from '../locations/location.repo.js';
import type { CreateRoomInput, UpdateRoomInput } from './room.inputs.js';
import { type RoomRow, toRoom } from './room.mapper.js';
import * as repo from './room.repo.js';
import type { Room } from './room.type.js';

const NAME_TAKEN = { path: 'input.name', message: 'is already used by an active room at this location' };

/** Runs a write, turning the active-name unique violation into BAD_USER_INPUT on input.name. */
async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (repo.isDuplicateRoomName(err)) throw badInput([NAME_TAKEN]);
    throw err;
  }
}

/**
 * Rooms of a location, by name; inactive ones only when asked.
 * @param location - the location as loaded for the caller's practice (null when missing or another practice's)
 * @param rooms - every room of that location
 * @throws NOT_FOUND (location)
 */
export function presentRooms(locationId: string, location: LocationRow | null, rooms: RoomRow[], includeInactive: boolean): Room[] {
  if (!location) throw notFound('Location', locationId);
  return rooms.filter((r) => includeInactive || r.active).map(toRoom);
}

/**
 * Adds a room to an active location of the caller's practice; audited in the same transaction.
 * @returns the new room (version 1, active)
 * @throws NOT_FOUND (location missing or another practice's), BAD_USER_INPUT (inactive location on
 * input.locationId; a name already used by an active room there on input.name)
 */
export function createRoom(db: Db, principal: Principal, audit: AuditTrail, input: CreateRoomInput): Promise<Room> {
  return uniqueName(() =>
    db.transaction(async (tx) => {
      const [location] = await findLocationsByIds(tx, principal.practiceId, [input.locationId]);
      if (!location) throw notFound('Location', input.locationId);
      if (!location.active) throw badInput([{ path: 'input.locationId', message: 'is an inactive location' }]);
      const row = await repo.insertRoom(tx, principal.practiceId, { locationId: location.id, name: input.name.trim() });
      await audit.write(tx, 'CREATE', 'Room', row.id, null);
      return toRoom(row);
    }),
  );
}

/**
 * Renames, deactivates (active=false) or reactivates a room at a known version. A patient already in a
 * deactivated room stays until the visit ends; nobody new can be put in it.
 * @returns the updated room
 * @throws NOT_FOUND (missing or another practice's), VERSION_CONFLICT, BAD_USER_INPUT (name already used
 * by an active room of the location, on input.name)
 */
export function updateRoom(db: Db, principal: Principal, audit: AuditTrail, input: UpdateRoomInput): Promise<Room> {
  const patch: repo.RoomPatch = {};
  if (input.name != null) patch.name = input.name.trim();
  if (input.active != null) patch.active = input.active;
  return uniqueName(() =>
    db.transaction(async (tx) => {
      const updated = await repo.updateRoomIfVersion(tx, principal.practiceId, input.id, input.expectedVersion, patch);
      if (!updated) {
        const [current] = await repo.findRoomsByIds(tx, principal.practiceId, [input.id]);
        if (!current) throw notFound('Room', input.id);
        throw versionConflict('Room', input.id, input.expectedVersion, current.version);
      }
      await audit.write(tx, input.active === false ? 'DEACTIVATE' : 'UPDATE', 'Room', updated.id, null);
      return toRoom(updated);
    }),
  );
}
