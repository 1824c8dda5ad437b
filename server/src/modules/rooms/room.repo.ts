import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rooms } from '../../db/schema/rooms.js';
import { isUuid } from '../../lib/uuid.js';
import type { RoomRow } from './room.mapper.js';

export type RoomPatch = Partial<Pick<RoomRow, 'name' | 'active'>>;

const wanted = (ids: readonly string[]) => [...new Set(ids.filter(isUuid))];

/**
 * Rooms of one practice by id, in any order (loaders reorder).
 * @param practiceId - the tenant; other practices' rooms never match
 * @returns the rows found; malformed ids match nothing
 */
export function findRoomsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<RoomRow[]> {
  const valid = wanted(ids);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(rooms).where(and(eq(rooms.practiceId, practiceId), inArray(rooms.id, valid)));
}

/**
 * Every room (active or not) of many locations in one statement, by location then name then id.
 * @returns the rows found
 */
export function findRoomsAtLocations(db: Db, practiceId: string, locationIds: readonly string[]): Promise<RoomRow[]> {
  const valid = wanted(locationIds);
  if (valid.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(rooms)
    .where(and(eq(rooms.practiceId, practiceId), inArray(rooms.locationId, valid)))
    .orderBy(asc(rooms.locationId), asc(sql`lower(${rooms.name})`), asc(rooms.id));
}

/**
 * One room share-locked until the transaction ends, so it cannot be deactivated or moved meanwhile.
 * @returns the row, or null when missing or another practice's
 */
export async function lockRoom(tx: Db, practiceId: string, id: string): Promise<RoomRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(rooms).where(and(eq(rooms.practiceId, practiceId), eq(rooms.id, id))).for('share');
  return row ?? null;
}

/**
 * Inserts a room (the unique index on active names may reject it with 23505).
 * @returns the stored row
 */
export async function insertRoom(tx: Db, practiceId: string, values: { locationId: string; name: string }): Promise<RoomRow> {
  const [row] = await tx.insert(rooms).values({ ...values, practiceId }).returning();
  return row!;
}

/**
 * Applies a patch when the stored version equals `expectedVersion`, bumping the version.
 * @returns the updated row, or null when the room is missing, another practice's or at another version
 */
export async function updateRoomIfVersion(tx: Db, practiceId: string, id: string, expectedVersion: number, patch: RoomPatch): Promise<RoomRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .update(rooms)
    .set({ ...patch, version: sql`${rooms.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(rooms.practiceId, practiceId), eq(rooms.id, id), eq(rooms.version, expectedVersion)))
    .returning();
  return row ?? null;
}

/** True when a database error is the unique violation of active room names per location. */
export function isDuplicateRoomName(err: unknown): boolean {
  const e = err as { cause?: unknown } | null;
  const c = (e?.cause ?? e) as { code?: string; constraint?: string; constraint_name?: string } | null;
  if (c?.code !== '23505') return false;
  const name = c.constraint_name ?? c.constraint;
  return name === undefined || name === 'rooms_active_name_per_location';
}
