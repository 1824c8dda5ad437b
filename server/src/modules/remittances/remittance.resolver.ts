import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { treeSelectionOf } from '../../graphql/compile/tree-selection-of.js';
import { notFound } from '../../graphql/errors.js';
import { selects } from '../../graphql/selection.js';
import { RelayPageArgs } from '../common/page.args.js';
import { postRemittance } from './remittance-post.service.js';
import { denialPage, remittancePage, unmatchedPage } from './remittance-read.service.js';
import { DenialConnection, DenialsArgs, PostRemittanceInput, RemittanceConnection, UnmatchedRemittanceConnection } from './remittance.inputs.js';
import { toRemittance } from './remittance.mapper.js';
import { REMITTANCE_READERS, REMITTANCE_WRITERS } from './remittance.roles.js';
import { PostRemittancePayload, Remittance } from './remittance.type.js';

const READ = accessText(REMITTANCE_READERS);
const WRITE = accessText(REMITTANCE_WRITERS);

@Resolver(() => Remittance)
export class RemittanceResolver {
  @Authorized(...REMITTANCE_WRITERS)
  @Mutation(() => PostRemittancePayload, {
    description: `Post an 835 electronic remittance in one transaction: payments, contractual adjustments and patient responsibility to the ledger per claim line, claim statuses, reversals; unmatched claims to the queue. An unreadable or unbalanced file is refused (BAD_USER_INPUT listing every problem) and posts nothing. The same file (key, content or payment trace) posts once. ${WRITE}`,
  })
  async postRemittance(@Arg('input', () => PostRemittanceInput) input: PostRemittanceInput, @Ctx() ctx: Context): Promise<PostRemittancePayload> {
    const p = requirePrincipal(ctx);
    const posted = await postRemittance(ctx.db, { practiceId: p.practiceId, userId: p.userId }, ctx.audit, input.x12, input.idempotencyKey);
    return { remittance: toRemittance(posted.remittance), replayed: posted.replayed };
  }

  @Authorized(...REMITTANCE_READERS)
  @Query(() => Remittance, { description: `One remittance of your practice. ${READ}` })
  async remittance(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Remittance> {
    requirePrincipal(ctx);
    const row = await ctx.loaders.remittance.load(id);
    if (!row) throw notFound('Remittance', id);
    return toRemittance(row);
  }

  @Authorized(...REMITTANCE_READERS)
  @Query(() => RemittanceConnection, { description: `Remittances (835) of your practice, newest first. ${READ}` })
  remittances(@Args(() => RelayPageArgs) args: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return remittancePage(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, args, selects(info, 'totalCount'), treeSelectionOf(info, 'edges', 'node'));
  }

  @Authorized(...REMITTANCE_READERS)
  @Query(() => UnmatchedRemittanceConnection, { description: `Remittance claims (CLP) that matched none of your claims, newest first, with the reason (audited reads). ${READ}` })
  unmatchedRemittances(@Args(() => RelayPageArgs) args: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return unmatchedPage(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, args, selects(info, 'totalCount'));
  }

  @Authorized(...REMITTANCE_READERS)
  @Query(() => DenialConnection, { description: `Denied claim lines with CARC/RARC, group, amount and appeal deadline, newest first (audited reads). ${READ}` })
  denials(@Args(() => DenialsArgs) args: DenialsArgs, @Ctx() ctx: Context) {
    return denialPage(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, args);
  }
}
