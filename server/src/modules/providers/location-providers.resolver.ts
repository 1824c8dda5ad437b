import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Location } from '../locations/location.type.js';
import { toProvider } from './provider.mapper.js';
import { Provider } from './provider.type.js';

/** `Location.providers` lives here so the locations module knows nothing of providers. */
@Resolver(() => Location)
export class LocationProvidersResolver {
  @FieldResolver(() => [Provider], { description: 'Providers of your practice who work at this location, by family then given name.' })
  async providers(@Root() location: Location, @Arg('activeOnly', () => Boolean, { defaultValue: false }) activeOnly: boolean, @Ctx() ctx: Context): Promise<Provider[]> {
    const rows = await ctx.loaders.providersAtLocation.load(location.id);
    return rows.filter((r) => !activeOnly || r.active).map(toProvider);
  }
}
