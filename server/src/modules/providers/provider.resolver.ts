import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { Connection, pageRequest } from '../../graphql/pagination.js';
import { accessText, REFERENCE_READERS } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import { selects } from '../../graphql/selection.js';
import { RelayPageArgs } from '../common/page.args.js';
import { toLocation } from '../locations/location.mapper.js';
import { Location } from '../locations/location.type.js';
import { CreateProviderInput, DeactivateProviderInput, SetProviderLocationsInput, UpdateProviderInput } from './provider.inputs.js';
import * as links from './provider-location.service.js';
import * as service from './provider.service.js';
import { Provider } from './provider.type.js';

export const ProviderConnection = Connection('Provider', Provider);

@ArgsType()
class ProvidersArgs extends RelayPageArgs {
  @Field(() => ID, { nullable: true, description: 'Only providers working at this location of your practice.' }) locationId?: string | null;
  @Field(() => Boolean, { defaultValue: false, description: 'Only active providers.' }) activeOnly!: boolean;
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of "given family" name or specialty, or the start of an NPI.' })
  search?: string | null;
}

@ObjectType()
class ProviderPayload {
  @Field(() => Provider) provider!: Provider;
}

@Resolver(() => Provider)
export class ProviderResolver {
  @Authorized(REFERENCE_READERS)
  @Query(() => Provider, { description: `One provider of your practice. Providers are not PHI. ${accessText(REFERENCE_READERS)}` })
  async provider(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Provider> {
    return service.presentProvider(id, await ctx.loaders.provider.load(id));
  }

  @Authorized(REFERENCE_READERS)
  @Query(() => ProviderConnection, { description: `Providers of your practice, by family then given name. Providers are not PHI. ${accessText(REFERENCE_READERS)}` })
  providers(@Args(() => ProvidersArgs) args: ProvidersArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const filter = { locationId: args.locationId, activeOnly: args.activeOnly, search: args.search };
    return service.listProviders(ctx.db, requirePrincipal(ctx), filter, pageRequest(args), selects(info, 'totalCount'));
  }

  @FieldResolver(() => [Location], { description: 'Locations of your practice where the provider works, by name.' })
  async locations(@Root() provider: Provider, @Arg('activeOnly', () => Boolean, { defaultValue: false }) activeOnly: boolean, @Ctx() ctx: Context): Promise<Location[]> {
    const rows = await ctx.loaders.locationsOfProvider.load(provider.id);
    return rows.filter((r) => !activeOnly || r.active).map(toLocation);
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => ProviderPayload, { description: 'Add a provider to your practice. Roles: PRACTICE_ADMIN.' })
  async createProvider(@Arg('input', () => CreateProviderInput) input: CreateProviderInput, @Ctx() ctx: Context) {
    return { provider: await service.createProvider(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => ProviderPayload, { description: 'Change a provider at a known version. Roles: PRACTICE_ADMIN.' })
  async updateProvider(@Arg('input', () => UpdateProviderInput) input: UpdateProviderInput, @Ctx() ctx: Context) {
    const provider = await service.updateProvider(ctx.db, requirePrincipal(ctx), ctx.audit, input);
    ctx.loaders.provider.clear(provider.id);
    ctx.loaders.providersAtLocation.clearAll();
    return { provider };
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => ProviderPayload, { description: 'Mark a provider inactive; it is never deleted. Roles: PRACTICE_ADMIN.' })
  async deactivateProvider(@Arg('input', () => DeactivateProviderInput) input: DeactivateProviderInput, @Ctx() ctx: Context) {
    const provider = await service.deactivateProvider(ctx.db, requirePrincipal(ctx), ctx.audit, input.id, input.expectedVersion);
    ctx.loaders.provider.clear(provider.id);
    ctx.loaders.providersAtLocation.clearAll();
    return { provider };
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => ProviderPayload, { description: 'Replace the set of locations a provider works at. Roles: PRACTICE_ADMIN.' })
  async setProviderLocations(@Arg('input', () => SetProviderLocationsInput) input: SetProviderLocationsInput, @Ctx() ctx: Context) {
    const provider = await links.setProviderLocations(ctx.db, requirePrincipal(ctx), ctx.audit, input);
    ctx.loaders.provider.clear(provider.id);
    ctx.loaders.locationsOfProvider.clear(provider.id);
    ctx.loaders.providersAtLocation.clearAll();
    return { provider };
  }
}
