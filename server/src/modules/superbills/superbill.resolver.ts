import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { edgesSplice } from '../../graphql/compile/splice.js';
import { treeSelectionOf } from '../../graphql/compile/tree-selection-of.js';
import { selects } from '../../graphql/selection.js';
import { CorrectSuperbillInput, CreateSuperbillInput, FinalizeSuperbillInput, UpdateSuperbillInput, VoidSuperbillInput } from './superbill.inputs.js';
import { correctSuperbill, finalizeSuperbill, voidSuperbill } from './superbill-lifecycle.service.js';
import { superbillPdf } from './superbill-pdf.service.js';
import { SuperbillConnection, SuperbillsArgs } from './superbill-query.js';
import { listPage, presentFound } from './superbill-read.service.js';
import { accessText } from '../../graphql/access.js';
import { SUPERBILL_READERS, SUPERBILL_WRITERS } from './superbill.roles.js';
import { createSuperbill, updateSuperbill } from './superbill.service.js';
import { Superbill, SuperbillPayload, SuperbillPdf } from './superbill.type.js';

const READ = accessText(SUPERBILL_READERS);
const WRITE = accessText(SUPERBILL_WRITERS);

@Resolver(() => Superbill)
export class SuperbillResolver {
  @Authorized(...SUPERBILL_READERS)
  @Query(() => Superbill, { description: `One superbill of your practice (any status). ${READ}` })
  async superbill(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Superbill> {
    return presentFound(ctx.audit, id, await ctx.loaders.superbill.load(id));
  }

  @Authorized(...SUPERBILL_READERS)
  @Query(() => SuperbillConnection, { description: `Superbills of your practice, newest date of service first, filtered by status, date range, provider, patient or location. ${READ}` })
  superbills(@Args(() => SuperbillsArgs) args: SuperbillsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listPage(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, args, selects(info, 'totalCount'), treeSelectionOf(info, 'edges', 'node'), edgesSplice(ctx, info));
  }

  @Authorized(...SUPERBILL_READERS)
  @Query(() => SuperbillPdf, { description: `The superbill as a PDF for the patient (and out-of-network reimbursement), rendered now and returned as base64 bytes; the export is audited. ${READ}` })
  superbillPdf(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<SuperbillPdf> {
    requirePrincipal(ctx);
    return superbillPdf(ctx.db, ctx.loaders, ctx.audit, id);
  }

  @Authorized(...SUPERBILL_WRITERS)
  @Mutation(() => SuperbillPayload, { description: `Create a DRAFT superbill from an appointment (ARRIVED, IN_ROOM or COMPLETED) or for a visit recorded elsewhere; retry-safe with idempotencyKey. ${WRITE}` })
  async createSuperbill(@Arg('input', () => CreateSuperbillInput) input: CreateSuperbillInput, @Ctx() ctx: Context): Promise<SuperbillPayload> {
    return this.cleared(ctx, await createSuperbill(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(...SUPERBILL_WRITERS)
  @Mutation(() => SuperbillPayload, { description: `Change a DRAFT superbill at a known version; diagnoses and lines, when given, replace the current ones. ${WRITE}` })
  async updateSuperbill(@Arg('input', () => UpdateSuperbillInput) input: UpdateSuperbillInput, @Ctx() ctx: Context): Promise<SuperbillPayload> {
    return this.cleared(ctx, await updateSuperbill(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(...SUPERBILL_WRITERS)
  @Mutation(() => SuperbillPayload, { description: `Finalize a DRAFT superbill: it never changes again (a correction supersedes it). Retry-safe with idempotencyKey. ${WRITE}` })
  async finalizeSuperbill(@Arg('input', () => FinalizeSuperbillInput) input: FinalizeSuperbillInput, @Ctx() ctx: Context): Promise<SuperbillPayload> {
    return this.cleared(ctx, await finalizeSuperbill(ctx.db, requirePrincipal(ctx), ctx.audit, input, new Date()));
  }

  @Authorized(...SUPERBILL_WRITERS)
  @Mutation(() => SuperbillPayload, { description: `Void a DRAFT or FINALIZED superbill with a reason; it stays readable. ${WRITE}` })
  async voidSuperbill(@Arg('input', () => VoidSuperbillInput) input: VoidSuperbillInput, @Ctx() ctx: Context): Promise<SuperbillPayload> {
    return this.cleared(ctx, await voidSuperbill(ctx.db, requirePrincipal(ctx), ctx.audit, input, new Date()));
  }

  @Authorized(...SUPERBILL_WRITERS)
  @Mutation(() => SuperbillPayload, { description: `Start a correction of a FINALIZED superbill: a new DRAFT copy that, once finalized, marks the original SUPERSEDED. ${WRITE}` })
  async correctSuperbill(@Arg('input', () => CorrectSuperbillInput) input: CorrectSuperbillInput, @Ctx() ctx: Context): Promise<SuperbillPayload> {
    return this.cleared(ctx, await correctSuperbill(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  /** A change may touch two superbills (finalizing a correction supersedes the original): forget them all. */
  private cleared(ctx: Context, payload: SuperbillPayload): SuperbillPayload {
    const l = ctx.loaders;
    for (const loader of [l.superbill, l.superbillDiagnoses, l.superbillLines, l.appointmentSuperbill, l.patientSuperbills] as const) loader.clearAll();
    return payload;
  }
}
