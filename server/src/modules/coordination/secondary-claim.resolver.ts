import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { presentClaim } from '../claims/claim-present.js';
import { CLAIM_WRITERS } from '../claims/claim.roles.js';
import { Claim } from '../claims/claim.type.js';
import { createSecondaryClaim } from './secondary-claim.service.js';
import { CreateSecondaryClaimInput, SecondaryClaimPayload } from './secondary-claim.type.js';

@Resolver()
export class SecondaryClaimResolver {
  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => SecondaryClaimPayload, {
    description: `Create the claim to the patient's secondary (or tertiary) coverage in force on the date of service, once the claim before it was adjudicated: the same lines, with that payer's adjudication (837P loops 2320/2430). Posting a remittance does this by itself when the patient was left a share; repeating it returns the existing claim. ${accessText(CLAIM_WRITERS)}`,
  })
  async createSecondaryClaim(@Arg('input', () => CreateSecondaryClaimInput) input: CreateSecondaryClaimInput, @Ctx() ctx: Context): Promise<SecondaryClaimPayload> {
    const payload = await createSecondaryClaim(ctx.db, requirePrincipal(ctx), ctx.audit, input.claimId);
    ctx.loaders.claim.clearAll();
    ctx.loaders.superbillClaims.clearAll();
    return payload;
  }
}

/** Claim.priorPayerClaim lives here: the claims module knows nothing of coordination of benefits. */
@Resolver(() => Claim)
export class PriorPayerClaimResolver {
  @FieldResolver(() => Claim, { nullable: true, description: 'For a secondary (tertiary) claim: the claim to the payer before it, whose adjudication it carries.' })
  async priorPayerClaim(@Root() c: Claim, @Ctx() ctx: Context): Promise<Claim | null> {
    if (!c.priorPayerClaimId) return null;
    const row = await ctx.loaders.claim.load(c.priorPayerClaimId);
    return row ? presentClaim(ctx.audit, row) : null;
  }
}
