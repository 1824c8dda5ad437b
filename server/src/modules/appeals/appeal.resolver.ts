import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { selects } from '../../graphql/selection.js';
import { presentClaim } from '../claims/claim-present.js';
import { Claim } from '../claims/claim.type.js';
import { appealLetter } from './appeal-letter.service.js';
import { appealsPage, presentFoundAppeal } from './appeal-read.service.js';
import { CreateAppealInput, DecideAppealInput, SubmitAppealInput, WithdrawAppealInput } from './appeal.inputs.js';
import { toAppealChange } from './appeal.mapper.js';
import { APPEAL_READERS, APPEAL_WRITERS } from './appeal.roles.js';
import { createAppeal, decideAppeal, presentAppeal, submitAppeal, withdrawAppeal } from './appeal.service.js';
import { Appeal, AppealConnection, AppealLetterPdf, AppealPayload, AppealsArgs, AppealStatusChange, CreateAppealPayload } from './appeal.type.js';

const READ = accessText(APPEAL_READERS);
const WRITE = accessText(APPEAL_WRITERS);

@Resolver(() => Appeal)
export class AppealResolver {
  @Authorized(...APPEAL_READERS)
  @Query(() => Appeal, { description: `One appeal of your practice. ${READ}` })
  async appeal(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Appeal> {
    return presentFoundAppeal(ctx.audit, id, await ctx.loaders.appeal.load(id));
  }

  @Authorized(...APPEAL_READERS)
  @Query(() => AppealConnection, { description: `Appeals of your practice, soonest deadline first, filtered by status, claim, payer, patient or deadline. ${READ}` })
  appeals(@Args(() => AppealsArgs) args: AppealsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return appealsPage(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, args, selects(info, 'totalCount'));
  }

  @Authorized(...APPEAL_READERS)
  @Query(() => AppealLetterPdf, { description: `An appeal's letter to the payer as a PDF, rendered now (base64 bytes); the export is audited. ${READ}` })
  appealLetter(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AppealLetterPdf> {
    return appealLetter(ctx.db, ctx.loaders, ctx.audit, requirePrincipal(ctx).practiceId, id);
  }

  @Authorized(...APPEAL_WRITERS)
  @Mutation(() => CreateAppealPayload, { description: `Open an appeal (DRAFT) of a denied claim or denied line, with the reason and the letter's argument; the deadline is the remittance date + the payer's appeal days. One open appeal per line. ${WRITE}` })
  async createAppeal(@Arg('input', () => CreateAppealInput) input: CreateAppealInput, @Ctx() ctx: Context): Promise<CreateAppealPayload> {
    return this.cleared(ctx, await createAppeal(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(...APPEAL_WRITERS)
  @Mutation(() => AppealPayload, { description: `Mark a DRAFT appeal as sent to the payer (on or before its deadline). ${WRITE}` })
  async submitAppeal(@Arg('input', () => SubmitAppealInput) input: SubmitAppealInput, @Ctx() ctx: Context): Promise<AppealPayload> {
    return this.cleared(ctx, { appeal: await submitAppeal(ctx.db, requirePrincipal(ctx), ctx.audit, input) });
  }

  @Authorized(...APPEAL_WRITERS)
  @Mutation(() => AppealPayload, { description: `Record the payer's decision on a SUBMITTED appeal: WON (optionally naming the posted remittance that paid it) or LOST. ${WRITE}` })
  async decideAppeal(@Arg('input', () => DecideAppealInput) input: DecideAppealInput, @Ctx() ctx: Context): Promise<AppealPayload> {
    return this.cleared(ctx, { appeal: await decideAppeal(ctx.db, requirePrincipal(ctx), ctx.audit, input) });
  }

  @Authorized(...APPEAL_WRITERS)
  @Mutation(() => AppealPayload, { description: `Withdraw a DRAFT or SUBMITTED appeal, with the reason. ${WRITE}` })
  async withdrawAppeal(@Arg('input', () => WithdrawAppealInput) input: WithdrawAppealInput, @Ctx() ctx: Context): Promise<AppealPayload> {
    return this.cleared(ctx, { appeal: await withdrawAppeal(ctx.db, requirePrincipal(ctx), ctx.audit, input) });
  }

  @FieldResolver(() => [AppealStatusChange], { description: 'Every status change: who, when, why; oldest first.' })
  async history(@Root() a: Appeal, @Ctx() ctx: Context): Promise<AppealStatusChange[]> {
    return (await ctx.loaders.appealHistory.load(a.id)).map(toAppealChange);
  }

  @FieldResolver(() => Claim, { nullable: true, description: 'The appealed claim.' })
  async claim(@Root() a: Appeal, @Ctx() ctx: Context): Promise<Claim | null> {
    const row = await ctx.loaders.claim.load(a.claimId);
    return row ? presentClaim(ctx.audit, row) : null;
  }

  private cleared<T>(ctx: Context, payload: T): T {
    ctx.loaders.appeal.clearAll();
    ctx.loaders.appealHistory.clearAll();
    ctx.loaders.claimAppeals.clearAll();
    return payload;
  }
}

/** Claim.appeals lives here: the claims module knows nothing of appeals. */
@Resolver(() => Claim)
export class ClaimAppealsResolver {
  @Authorized(...APPEAL_READERS)
  @FieldResolver(() => [Appeal], { description: `Appeals of this claim's denials, oldest first. ${READ}` })
  async appeals(@Root() c: Claim, @Ctx() ctx: Context): Promise<Appeal[]> {
    return (await ctx.loaders.claimAppeals.load(c.id)).map((r) => presentAppeal(ctx.audit, r));
  }
}
