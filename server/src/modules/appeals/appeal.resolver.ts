import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { selects } from '../../graphql/selection.js';
import { presentClaim } from '../claims/claim-present.js';
import { Claim } from '../claims/claim.type.js';
import { mayUseDocumentType } from '../documents/document-access.js';
import { toDocument } from '../documents/document.service.js';
import { appealLetter } from './appeal-letter.service.js';
import { appealsPage, presentFoundAppeal } from './appeal-read.service.js';
import { AttachAppealDocumentInput, CreateAppealInput, DecideAppealInput, StoreAppealLetterInput, SubmitAppealInput, WithdrawAppealInput } from './appeal.inputs.js';
import { attachAppealDocument, storeAppealLetter } from './appeal-document.service.js';
import { toAppealChange } from './appeal.mapper.js';
import { APPEAL_DOCUMENT_USERS, APPEAL_READERS, APPEAL_WRITERS } from './appeal.roles.js';
import { createAppeal, decideAppeal, presentAppeal, submitAppeal, withdrawAppeal } from './appeal.service.js';
import { Appeal, AppealConnection, AppealAttachment, AppealLetterPdf, AppealPayload, AppealsArgs, AppealStatusChange, CreateAppealPayload } from './appeal.type.js';

const READ = accessText(APPEAL_READERS);
const WRITE = accessText(APPEAL_WRITERS);
const DOCS = accessText(APPEAL_DOCUMENT_USERS);

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

  @Authorized(...APPEAL_DOCUMENT_USERS)
  @Mutation(() => AppealPayload, { description: `Attach a PAYER_CORRESPONDENCE or INSURANCE_CARD document version of the appeal's patient to an open appeal (once). ${DOCS}` })
  async attachAppealDocument(@Arg('input', () => AttachAppealDocumentInput) input: AttachAppealDocumentInput, @Ctx() ctx: Context): Promise<AppealPayload> {
    return this.cleared(ctx, { appeal: await attachAppealDocument(ctx.db, requirePrincipal(ctx), ctx.audit, input) });
  }

  @Authorized(...APPEAL_DOCUMENT_USERS)
  @Mutation(() => AppealPayload, { description: `Store the appeal's letter, rendered now, as a PAYER_CORRESPONDENCE document of the patient and attach it to the open appeal. ${DOCS}` })
  async storeAppealLetter(@Arg('input', () => StoreAppealLetterInput) input: StoreAppealLetterInput, @Ctx() ctx: Context): Promise<AppealPayload> {
    return this.cleared(ctx, { appeal: await storeAppealLetter(ctx.db, ctx.loaders, requirePrincipal(ctx), ctx.audit, input.appealId) });
  }

  @Authorized(...APPEAL_DOCUMENT_USERS)
  @FieldResolver(() => [AppealAttachment], { description: `The document versions attached to the appeal, in attachment order; each read is audited. ${DOCS}` })
  async documents(@Root() a: Appeal, @Ctx() ctx: Context): Promise<AppealAttachment[]> {
    const principal = requirePrincipal(ctx);
    return (await ctx.loaders.appealDocuments.load(a.id)).filter((r) => mayUseDocumentType(principal, r.document.type)).map((r) => {
      ctx.audit.read('Document', r.document.id, r.document.patientId);
      return { document: toDocument(r.document), note: r.link.note, attachedBy: r.link.attachedBy, attachedAt: r.link.createdAt };
    });
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
    ctx.loaders.appealDocuments.clearAll();
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
