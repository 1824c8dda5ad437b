import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import { accessText } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { BILLING_ADMIN_ROLES, BILLING_READ_ROLES } from '../billing-access.js';
import { SetProviderBillingInput, SetServiceFacilityInput, UpdateBillingProfileInput } from './billing-profile.inputs.js';
import { billingProfile, setProviderBilling, setServiceFacility, updateBillingProfile } from './billing-profile.service.js';
import { BillingProfile, ProviderBilling, ServiceFacility } from './billing-profile.type.js';

@ObjectType()
class UpdateBillingProfilePayload {
  @Field(() => BillingProfile) billingProfile!: BillingProfile;
}

@ObjectType()
class SetServiceFacilityPayload {
  @Field(() => ServiceFacility) serviceFacility!: ServiceFacility;
}

@ObjectType()
class SetProviderBillingPayload {
  @Field(() => ProviderBilling) providerBilling!: ProviderBilling;
}

@Resolver(() => BillingProfile)
export class BillingProfileResolver {
  @Authorized(...BILLING_READ_ROLES)
  @Query(() => BillingProfile, { nullable: true, description: `The practice’s billing profile; null until set up. ${accessText(BILLING_READ_ROLES)}` })
  async billingProfile(@Ctx() ctx: Context): Promise<BillingProfile | null> {
    return billingProfile(ctx.db, requirePrincipal(ctx).practiceId);
  }

  @Authorized(...BILLING_ADMIN_ROLES)
  @Mutation(() => UpdateBillingProfilePayload, { description: `Create or replace the billing profile (legal name, EIN, group NPI, taxonomy, addresses). ${accessText(BILLING_ADMIN_ROLES)}` })
  async updateBillingProfile(@Arg('input', () => UpdateBillingProfileInput) input: UpdateBillingProfileInput, @Ctx() ctx: Context): Promise<UpdateBillingProfilePayload> {
    return { billingProfile: await updateBillingProfile(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(...BILLING_ADMIN_ROLES)
  @Mutation(() => SetServiceFacilityPayload, { description: `Set how a location is billed as the service facility. ${accessText(BILLING_ADMIN_ROLES)}` })
  async setServiceFacility(@Arg('input', () => SetServiceFacilityInput) input: SetServiceFacilityInput, @Ctx() ctx: Context): Promise<SetServiceFacilityPayload> {
    return { serviceFacility: await setServiceFacility(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(...BILLING_ADMIN_ROLES)
  @Mutation(() => SetProviderBillingPayload, { description: `Set whether a provider bills under the group. ${accessText(BILLING_ADMIN_ROLES)}` })
  async setProviderBilling(@Arg('input', () => SetProviderBillingInput) input: SetProviderBillingInput, @Ctx() ctx: Context): Promise<SetProviderBillingPayload> {
    return { providerBilling: await setProviderBilling(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }
}
