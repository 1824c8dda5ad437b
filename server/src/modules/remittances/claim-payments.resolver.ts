import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { Claim } from '../claims/claim.type.js';
import { presentRemittanceClaim } from './remittance.mapper.js';
import { REMITTANCE_READERS } from './remittance.roles.js';
import { ClaimAdjustment, RemittanceClaim } from './remittance.type.js';

/** Claim.payments and Claim.adjustments live here: the claims module knows nothing of remittances. */
@Resolver(() => Claim)
export class ClaimPaymentsResolver {
  @Authorized(...REMITTANCE_READERS)
  @FieldResolver(() => [RemittanceClaim], { description: `What payers decided on this claim: every CLP posted to it (payments and reversals), oldest first (audited reads). ${accessText(REMITTANCE_READERS)}` })
  async payments(@Root() c: Claim, @Ctx() ctx: Context): Promise<RemittanceClaim[]> {
    return (await ctx.loaders.claimRemittances.load(c.id)).map((r) => presentRemittanceClaim(ctx.audit, r));
  }

  @Authorized(...REMITTANCE_READERS)
  @FieldResolver(() => [ClaimAdjustment], { description: `Every CAS adjustment remittances made to this claim (claim- and line-level), oldest first. ${accessText(REMITTANCE_READERS)}` })
  async adjustments(@Root() c: Claim, @Ctx() ctx: Context): Promise<ClaimAdjustment[]> {
    const clps = await ctx.loaders.claimRemittances.load(c.id);
    const [lines, adjustments] = await Promise.all([ctx.loaders.remittanceLines.loadMany(clps.map((p) => p.id)), ctx.loaders.remittanceAdjustments.loadMany(clps.map((p) => p.id))]);
    return clps.flatMap((p, i) => {
      const own = lines[i] instanceof Error ? [] : (lines[i] as Exclude<(typeof lines)[number], Error>);
      const adj = adjustments[i] instanceof Error ? [] : (adjustments[i] as Exclude<(typeof adjustments)[number], Error>);
      const lineOf = new Map(own.map((l) => [l.id, l]));
      return adj.map((a) => {
        const l = a.remittanceLineId ? lineOf.get(a.remittanceLineId) : undefined;
        return {
          remittanceId: p.remittanceId, remittanceClaimId: p.id, claimLinePosition: l?.claimLinePosition ?? null, group: a.groupCode, reasonCode: a.reasonCode, reasonDescription: a.reasonDescription, amount: a.amountCents,
          remarkCodes: l ? l.remarkCodes : p.remarkCodes, reversed: p.reversedById !== null || p.outcome === 'REVERSAL',
        };
      });
    });
  }
}
