import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Location } from '../locations/location.type.js';
import { toRoom } from './room.mapper.js';
import { ROOM_READERS } from './room.roles.js';
import { Room } from './room.type.js';

/** `Location.rooms` lives here so the locations module knows nothing of rooms. */
@Resolver(() => Location)
export class LocationRoomsResolver {
  @Authorized(...ROOM_READERS)
  @FieldResolver(() => [Room], { description: 'Rooms of this location by name (empty when the office does not use rooms); batched per request. Roles: FRONT_DESK, CLINICIAN, BILLER, PRACTICE_ADMIN.' })
  async rooms(@Root() location: Location, @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean, @Ctx() ctx: Context): Promise<Room[]> {
    const rows = await ctx.loaders.roomsAtLocation.load(location.id);
    return rows.filter((r) => includeInactive || r.active).map(toRoom);
  }
}
