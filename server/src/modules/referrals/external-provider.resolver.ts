import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { IsOptional, IsUUID, Length } from 'class-validator';
import { accessText, STAFF_PHI } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { pageRequest } from '../../graphql/pagination.js';
import { RelayPageArgs } from '../common/page.args.js';
import { createExternalProvider, listExternalProviders, updateExternalProvider } from './external-provider.service.js';
import { ExternalProviderInput } from './referral.inputs.js';
import { DIRECTORY_WRITERS } from './referral.roles.js';
import { ExternalProvider, ExternalProviderConnection } from './referral.type.js';

@ObjectType()
class ExternalProviderPayload {
  @Field(() => ExternalProvider) externalProvider!: ExternalProvider;
}

@InputType()
class ExternalProviderFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name, organization or specialty.' }) @IsOptional() @Length(1, 100) search?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only providers accepting this payer.' }) @IsOptional() @IsUUID('all', { message: 'must be an id' }) acceptsPayerId?: string | null;
  @Field(() => Boolean, { defaultValue: true }) activeOnly!: boolean;
}

@Resolver(() => ExternalProvider)
export class ExternalProviderResolver {
  @Authorized(STAFF_PHI)
  @Query(() => ExternalProviderConnection, { description: `The directory of outside providers, by name. ${accessText(STAFF_PHI)}` })
  externalProviders(@Arg('filter', () => ExternalProviderFilter, { nullable: true }) filter: ExternalProviderFilter | null, @Args(() => RelayPageArgs) args: RelayPageArgs, @Ctx() ctx: Context) {
    return listExternalProviders(ctx.db, requirePrincipal(ctx), { search: filter?.search?.trim() || null, payerId: filter?.acceptsPayerId ?? null, activeOnly: filter?.activeOnly ?? true }, pageRequest(args));
  }

  @Authorized(DIRECTORY_WRITERS)
  @Mutation(() => ExternalProviderPayload, { description: `Add an outside provider to the directory (NPI checked). ${accessText(DIRECTORY_WRITERS)}` })
  async createExternalProvider(@Arg('input', () => ExternalProviderInput) input: ExternalProviderInput, @Ctx() ctx: Context): Promise<ExternalProviderPayload> {
    return { externalProvider: await createExternalProvider(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(DIRECTORY_WRITERS)
  @Mutation(() => ExternalProviderPayload, { description: `Replace a directory entry's details; active: false hides it from new referrals. ${accessText(DIRECTORY_WRITERS)}` })
  async updateExternalProvider(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('active', () => Boolean, { defaultValue: true }) active: boolean,
    @Arg('input', () => ExternalProviderInput) input: ExternalProviderInput,
    @Ctx() ctx: Context,
  ): Promise<ExternalProviderPayload> {
    return { externalProvider: await updateExternalProvider(ctx.db, requirePrincipal(ctx), ctx.audit, id, expectedVersion, active, input) };
  }
}
