import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { presentClaim } from '../claims/claim-present.js';
import { Claim } from '../claims/claim.type.js';
import { presentRemittanceClaim, toAdjustment, toLine, toProviderAdjustment, toRemittance } from './remittance.mapper.js';
import { REMITTANCE_READERS } from './remittance.roles.js';
import { ProviderAdjustment, Remittance, RemittanceAdjustment, RemittanceClaim, RemittanceLine } from './remittance.type.js';

/** Nested fields of Remittance, batched per request. */
@Resolver(() => Remittance)
export class RemittanceFieldsResolver {
  @FieldResolver(() => [RemittanceClaim], { description: 'Every CLP of the file in file order: posted, reversals and unmatched (audited reads).' })
  async claims(@Root() r: Remittance, @Ctx() ctx: Context): Promise<RemittanceClaim[]> {
    return (await ctx.loaders.remittanceClaims.load(r.id)).map((c) => presentRemittanceClaim(ctx.audit, c));
  }

  @FieldResolver(() => [ProviderAdjustment], { description: 'PLB provider-level adjustments, in file order.' })
  async providerAdjustments(@Root() r: Remittance, @Ctx() ctx: Context): Promise<ProviderAdjustment[]> {
    return (await ctx.loaders.providerAdjustments.load(r.id)).map(toProviderAdjustment);
  }
}

/** Nested fields of RemittanceClaim, batched per request. */
@Resolver(() => RemittanceClaim)
export class RemittanceClaimFieldsResolver {
  @FieldResolver(() => [RemittanceLine], { description: 'The SVC lines with their adjustments.' })
  async lines(@Root() c: RemittanceClaim, @Ctx() ctx: Context): Promise<RemittanceLine[]> {
    const [lines, adjustments] = await Promise.all([ctx.loaders.remittanceLines.load(c.id), ctx.loaders.remittanceAdjustments.load(c.id)]);
    return lines.map((l) => toLine(l, adjustments));
  }

  @FieldResolver(() => [RemittanceAdjustment], { description: 'Claim-level CAS adjustments (line-level ones are on the lines).' })
  async adjustments(@Root() c: RemittanceClaim, @Ctx() ctx: Context): Promise<RemittanceAdjustment[]> {
    return (await ctx.loaders.remittanceAdjustments.load(c.id)).filter((a) => a.remittanceLineId === null).map(toAdjustment);
  }

  @FieldResolver(() => Remittance, { description: 'The file it came in.' })
  async remittance(@Root() c: RemittanceClaim, @Ctx() ctx: Context): Promise<Remittance> {
    const row = await ctx.loaders.remittance.load(c.remittanceId);
    if (!row) throw notFound('Remittance', c.remittanceId);
    return toRemittance(row);
  }

  @Authorized(...REMITTANCE_READERS)
  @FieldResolver(() => Claim, { nullable: true, description: `Our claim it posted to (audited read). ${accessText(REMITTANCE_READERS)}` })
  async claim(@Root() c: RemittanceClaim, @Ctx() ctx: Context): Promise<Claim | null> {
    if (!c.claimId) return null;
    const row = await ctx.loaders.claim.load(c.claimId);
    return row ? presentClaim(ctx.audit, row) : null;
  }
}
