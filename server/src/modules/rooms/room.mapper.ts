import type { rooms } from '../../db/schema/rooms.js';
import type { Room } from './room.type.js';

export type RoomRow = typeof rooms.$inferSelect;

/** Table row → GraphQL object (the tenant column stays behind). */
export const toRoom = (r: RoomRow): Room => ({
  id: r.id,
  locationId: r.locationId,
  name: r.name,
  active: r.active,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
