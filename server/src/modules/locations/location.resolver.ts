import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Info, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { Connection, pageRequest } from '../../graphql/pagination.js';
import { accessText, REFERENCE_READERS } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import { selects } from '../../graphql/selection.js';
import { RelayPageArgs } from '../common/page.args.js';
import { CreateLocationInput, DeactivateLocationInput, UpdateLocationInput } from './location.inputs.js';
import * as service from './location.service.js';
import { Location } from './location.type.js';

export const LocationConnection = Connection('Location', Location);

@ArgsType()
class LocationsArgs extends RelayPageArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Only active locations.' }) activeOnly!: boolean;
}

@ObjectType()
class LocationPayload {
  @Field(() => Location) location!: Location;
}

@Resolver(() => Location)
export class LocationResolver {
  @Authorized(REFERENCE_READERS)
  @Query(() => Location, { description: `One location of your practice. Locations are not PHI. ${accessText(REFERENCE_READERS)}` })
  async location(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Location> {
    return service.presentLocation(id, await ctx.loaders.location.load(id));
  }

  @Authorized(REFERENCE_READERS)
  @Query(() => LocationConnection, { description: `Locations of your practice, by name. Locations are not PHI. ${accessText(REFERENCE_READERS)}` })
  locations(@Args(() => LocationsArgs) args: LocationsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return service.listLocations(ctx.db, requirePrincipal(ctx), args.activeOnly, pageRequest(args), selects(info, 'totalCount'));
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => LocationPayload, { description: 'Add a location to your practice. Roles: PRACTICE_ADMIN.' })
  async createLocation(@Arg('input', () => CreateLocationInput) input: CreateLocationInput, @Ctx() ctx: Context) {
    return { location: await service.createLocation(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => LocationPayload, { description: 'Change a location at a known version. Roles: PRACTICE_ADMIN.' })
  async updateLocation(@Arg('input', () => UpdateLocationInput) input: UpdateLocationInput, @Ctx() ctx: Context) {
    const location = await service.updateLocation(ctx.db, requirePrincipal(ctx), ctx.audit, input);
    ctx.loaders.location.clear(location.id);
    return { location };
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => LocationPayload, { description: 'Mark a location inactive; it is never deleted. Roles: PRACTICE_ADMIN.' })
  async deactivateLocation(@Arg('input', () => DeactivateLocationInput) input: DeactivateLocationInput, @Ctx() ctx: Context) {
    const location = await service.deactivateLocation(ctx.db, requirePrincipal(ctx), ctx.audit, input.id, input.expectedVersion);
    ctx.loaders.location.clear(location.id);
    return { location };
  }
}
