import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { Role } from '../../graphql/roles.js';
import { CreateRoomInput, UpdateRoomInput } from './room.inputs.js';
import { ROOM_READERS } from './room.roles.js';
import * as service from './room.service.js';
import { Room } from './room.type.js';

@ObjectType()
class RoomPayload {
  @Field(() => Room) room!: Room;
}

@Resolver(() => Room)
export class RoomResolver {
  @Authorized(...ROOM_READERS)
  @Query(() => [Room], { description: 'Rooms of a location by name (a short configuration list, not paged); empty for an office that does not use rooms. NOT_FOUND for a location that is not yours. Roles: FRONT_DESK, CLINICIAN, BILLER, PRACTICE_ADMIN.' })
  async rooms(@Arg('locationId', () => ID) locationId: string, @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean, @Ctx() ctx: Context): Promise<Room[]> {
    const [location, rooms] = await Promise.all([ctx.loaders.location.load(locationId), ctx.loaders.roomsAtLocation.load(locationId)]);
    return service.presentRooms(locationId, location, rooms, includeInactive);
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => RoomPayload, { description: 'Adds a room to an active location; BAD_USER_INPUT when an active room there has the name. Roles: PRACTICE_ADMIN.' })
  async createRoom(@Arg('input', () => CreateRoomInput) input: CreateRoomInput, @Ctx() ctx: Context): Promise<RoomPayload> {
    const room = await service.createRoom(ctx.db, requirePrincipal(ctx), ctx.audit, input);
    ctx.loaders.roomsAtLocation.clear(room.locationId);
    return { room };
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => RoomPayload, { description: 'Renames, deactivates (active=false) or reactivates a room at a known version; rooms are never deleted. Roles: PRACTICE_ADMIN.' })
  async updateRoom(@Arg('input', () => UpdateRoomInput) input: UpdateRoomInput, @Ctx() ctx: Context): Promise<RoomPayload> {
    const room = await service.updateRoom(ctx.db, requirePrincipal(ctx), ctx.audit, input);
    ctx.loaders.room.clear(room.id);
    ctx.loaders.roomsAtLocation.clear(room.locationId);
    return { room };
  }
}
