import type { Db } from '../../db/client.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import { findLocationsByIds } from '../locations/location.repo.js';
import { findRoomsByIds } from '../rooms/room.repo.js';
import { findItemsByIds, type SupplyItemRow } from './supply-catalog.repo.js';

/** A place stock lives: a location's stock room (roomId null) or one of its rooms. */
export interface Place {
  locationId: string;
  roomId: string | null;
}

/**
 * Resolves an item of the caller's practice.
 * @throws NOT_FOUND for a missing item or another practice's
 */
export async function requireItem(db: Db, practiceId: string, id: string): Promise<SupplyItemRow> {
  const [item] = await findItemsByIds(db, practiceId, [id]);
  if (!item) throw notFound('SupplyItem', id);
  return item;
}

/**
 * Checks places of the caller's practice: each location exists, each room belongs to its location.
 * @param paths - the input path of each place, for the error (`input.from`)
 * @throws NOT_FOUND for a location that is not the practice's; BAD_USER_INPUT for a room of another location
 */
export async function requirePlaces(db: Db, practiceId: string, places: { place: { locationId: string; roomId?: string | null }; path: string }[]): Promise<Place[]> {
  const locationIds = [...new Set(places.map((p) => p.place.locationId))];
  const roomIds = [...new Set(places.map((p) => p.place.roomId).filter((r): r is string => !!r))];
  const [locs, rooms] = await Promise.all([findLocationsByIds(db, practiceId, locationIds), roomIds.length ? findRoomsByIds(db, practiceId, roomIds) : Promise.resolve([])]);
  return places.map(({ place, path }) => {
    if (!locs.some((l) => l.id === place.locationId)) throw notFound('Location', place.locationId);
    const roomId = place.roomId ?? null;
    if (roomId && !rooms.some((r) => r.id === roomId && r.locationId === place.locationId)) {
      throw isUuid(roomId) && rooms.some((r) => r.id === roomId) ? badInput([{ path: `${path}.roomId`, message: 'is a room of another location' }]) : notFound('Room', roomId);
    }
    return { locationId: place.locationId, roomId };
  });
}
