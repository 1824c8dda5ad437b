import type { Db } from '../../db/client.js';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import { lockRoom } from '../rooms/room.repo.js';
import type { AppointmentRow } from './appointment.mapper.js';

/**
 * Checks that a room may receive this appointment's patient and share-locks it until the transaction
 * ends (so an admin cannot deactivate it in between). Whether another patient is in it is left to the
 * `appointments_one_in_room` unique index, which also decides races.
 * @throws NOT_FOUND (missing or another practice's room), BAD_USER_INPUT on input.roomId (inactive, or a
 * room of another location)
 */
export async function assertRoomable(tx: Db, practiceId: string, roomId: string, appointment: AppointmentRow): Promise<void> {
  const room = await lockRoom(tx, practiceId, roomId);
  if (!room) throw notFound('Room', roomId);
  if (room.locationId !== appointment.locationId) throw badInput([{ path: 'input.roomId', message: "is not a room of the appointment's location" }]);
  if (!room.active) throw badInput([{ path: 'input.roomId', message: 'is an inactive room' }]);
}

/** True when a database error is the unique violation of "one appointment IN_ROOM per room". */
export function isRoomOccupied(err: unknown): boolean {
  const e = err as { cause?: unknown } | null;
  const c = (e?.cause ?? e) as { code?: string; constraint?: string; constraint_name?: string } | null;
  if (c?.code !== '23505') return false;
  const name = c.constraint_name ?? c.constraint;
  return name === undefined || name === 'appointments_one_in_room';
}

/**
 * SLOT_CONFLICT, not BAD_USER_INPUT: the request is well-formed and was right when the client looked; the
 * room is taken by another appointment now (as a provider's time is by another booking), and the same
 * request succeeds once that visit leaves the room. Clients already treat SLOT_CONFLICT as "taken, pick
 * another" and refresh.
 */
export const roomOccupied = (roomId: string) =>
  new AppError('SLOT_CONFLICT', `Room ${roomId} already has a patient in it (an appointment IN_ROOM); pick another room or complete that visit first`, { roomId, fields: [{ path: 'input.roomId', message: 'is occupied' }] });
