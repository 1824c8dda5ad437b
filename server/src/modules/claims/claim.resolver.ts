import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import { edgesSplice } from '../../graphql/compile/splice.js';
import { treeSelectionOf } from '../../graphql/compile/tree-selection-of.js';
import type { Context } from '../../graphql/context.js';
import { selects } from '../../graphql/selection.js';
import { closeClaim } from './claim-close.service.js';
import { replaceClaim, voidClaim } from './claim-correction.service.js';
import { ClaimConnection, ClaimFollowUpArgs, ClaimFollowUpConnection, ClaimsArgs } from './claim-query.js';
import { followUpPage, listClaimPage, presentFoundClaim } from './claim-read.service.js';
import { scrubClaim } from './claim-scrub.service.js';
import { addClaimNote, assignClaim, setFollowUpDate } from './claim-work.service.js';
import { AddClaimNoteInput, AssignClaimInput, CloseClaimInput, CreateClaimsInput, ReplaceClaimInput, ScrubClaimInput, SetClaimFollowUpInput, UpdateClaimInput, VoidClaimInput } from './claim.inputs.js';
import { CLAIM_READERS, CLAIM_WRITERS } from './claim.roles.js';
import { createClaims, updateClaim } from './claim.service.js';
import { Claim, ClaimCorrectionPayload, ClaimNotePayload, ClaimPayload, CreateClaimsPayload } from './claim.type.js';

const READ = accessText(CLAIM_READERS);
const WRITE = accessText(CLAIM_WRITERS);

@Resolver(() => Claim)
export class ClaimResolver {
  @Authorized(...CLAIM_READERS)
  @Query(() => Claim, { description: `One claim of your practice (any status). ${READ}` })
  async claim(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Claim> {
    return presentFoundClaim(ctx.audit, id, await ctx.loaders.claim.load(id));
  }

  @Authorized(...CLAIM_READERS)
  @Query(() => ClaimConnection, { description: `Claims of your practice, newest date of service first, filtered by status, payer, provider, patient, date-of-service or submission range. ${READ}` })
  claims(@Args(() => ClaimsArgs) args: ClaimsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listClaimPage(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, args, selects(info, 'totalCount'), treeSelectionOf(info, 'edges', 'node'), edgesSplice(ctx, info));
  }

  @Authorized(...CLAIM_READERS)
  @Query(() => ClaimFollowUpConnection, { description: `The follow-up work queue: claims near or past timely filing, rejected, unacknowledged or pending too long, or due for follow-up — most urgent first. ${READ}` })
  claimsNeedingFollowUp(@Args(() => ClaimFollowUpArgs) args: ClaimFollowUpArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return followUpPage(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, args, new Date(), treeSelectionOf(info, 'edges', 'node', 'claim'));
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => CreateClaimsPayload, { description: `Create the claim of a FINALIZED superbill to the primary coverage in force on its date of service (none for a self-pay visit). Repeating it returns the existing claim. ${WRITE}` })
  async createClaims(@Arg('input', () => CreateClaimsInput) input: CreateClaimsInput, @Ctx() ctx: Context): Promise<CreateClaimsPayload> {
    return this.cleared(ctx, await createClaims(ctx.db, requirePrincipal(ctx), ctx.audit, input.superbillId));
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => ClaimPayload, { description: `Run the scrubber's edits on a DRAFT or READY claim; the result is stored (lastScrub) and a claim without ERROR findings becomes READY. ${WRITE}` })
  async scrubClaim(@Arg('input', () => ScrubClaimInput) input: ScrubClaimInput, @Ctx() ctx: Context): Promise<ClaimPayload> {
    return this.cleared(ctx, { claim: await scrubClaim(ctx.db, requirePrincipal(ctx), ctx.audit, input.id) });
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => ClaimPayload, { description: `Correct a DRAFT, READY or REJECTED claim (member id, group, prior authorization, referring provider, diagnoses, lines). A REJECTED claim becomes a DRAFT of its next revision. ${WRITE}` })
  async updateClaim(@Arg('input', () => UpdateClaimInput) input: UpdateClaimInput, @Ctx() ctx: Context): Promise<ClaimPayload> {
    return this.cleared(ctx, await updateClaim(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => ClaimCorrectionPayload, { description: `Correct an adjudicated claim with a replacement claim (frequency 7) linked to it and carrying its payer claim number. ${WRITE}` })
  async replaceClaim(@Arg('input', () => ReplaceClaimInput) input: ReplaceClaimInput, @Ctx() ctx: Context): Promise<ClaimCorrectionPayload> {
    return this.cleared(ctx, await replaceClaim(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => ClaimCorrectionPayload, { description: `Void a claim: in place when never adjudicated (DRAFT, READY, REJECTED), else with a void claim (frequency 8) linked to it. ${WRITE}` })
  async voidClaim(@Arg('input', () => VoidClaimInput) input: VoidClaimInput, @Ctx() ctx: Context): Promise<ClaimCorrectionPayload> {
    return this.cleared(ctx, await voidClaim(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => ClaimPayload, { description: `Close an adjudicated claim (PAID, PARTIALLY_PAID or DENIED) the office has finished with; CLOSED is final. ${WRITE}` })
  async closeClaim(@Arg('input', () => CloseClaimInput) input: CloseClaimInput, @Ctx() ctx: Context): Promise<ClaimPayload> {
    return this.cleared(ctx, await closeClaim(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => ClaimPayload, { description: `Assign a claim to a user for follow-up (null unassigns). ${WRITE}` })
  async assignClaim(@Arg('input', () => AssignClaimInput) input: AssignClaimInput, @Ctx() ctx: Context): Promise<ClaimPayload> {
    return this.cleared(ctx, await assignClaim(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => ClaimPayload, { description: `Set or clear a claim's next follow-up date; the queue hides it until then. ${WRITE}` })
  async setFollowUpDate(@Arg('input', () => SetClaimFollowUpInput) input: SetClaimFollowUpInput, @Ctx() ctx: Context): Promise<ClaimPayload> {
    return this.cleared(ctx, await setFollowUpDate(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => ClaimNotePayload, { description: `Add a note to a claim. ${WRITE}` })
  async addClaimNote(@Arg('input', () => AddClaimNoteInput) input: AddClaimNoteInput, @Ctx() ctx: Context): Promise<ClaimNotePayload> {
    return this.cleared(ctx, await addClaimNote(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  /** A change may touch several claims (a correction and its original): forget them all. */
  private cleared<T>(ctx: Context, payload: T): T {
    const l = ctx.loaders;
    for (const loader of [l.claim, l.claimHistory, l.claimNotes, l.claimCorrections, l.superbillClaims] as const) loader.clearAll();
    return payload;
  }
}
