import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import type { RoomRow } from './room.mapper.js';
import { findRoomsAtLocations, findRoomsByIds } from './room.repo.js';

/** Per-request room loaders, scoped to one practice: by id, and every room of a location (one statement per batch). */
export const createRoomLoaders = (db: Db, practiceId: string) => ({
  room: new DataLoader<string, RoomRow | null>(async (ids) => orderByKeys(ids, await findRoomsByIds(db, practiceId, ids), (r) => r.id)),
  roomsAtLocation: new DataLoader<string, RoomRow[]>(async (ids) => groupByKeys(ids, await findRoomsAtLocations(db, practiceId, ids), (r) => r.locationId)),
});
