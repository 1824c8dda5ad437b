import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { selects } from '../../graphql/selection.js';
import { presentBatch } from '../claims/claim-batch-read.service.js';
import { CLAIM_BATCH_READERS } from '../claims/claim-batch.roles.js';
import { ClaimBatch } from '../claims/claim-batch.type.js';
import { toRemittance } from '../remittances/remittance.mapper.js';
import { REMITTANCE_READERS } from '../remittances/remittance.roles.js';
import { Remittance } from '../remittances/remittance.type.js';
import { pollClearinghouse } from './inbox-poll.service.js';
import { clearinghouseFilePage } from './inbox-read.service.js';
import { reprocessClearinghouseFile } from './inbox-reprocess.service.js';
import { ClearinghouseFileConnection, ClearinghouseFilesArgs, ReprocessClearinghouseFileInput } from './inbox.inputs.js';
import { toClearinghouseFile } from './inbox.mapper.js';
import { INBOX_POLLERS, INBOX_READERS } from './inbox.roles.js';
import { ClearinghouseFile, PollClearinghousePayload, ReprocessClearinghouseFilePayload } from './inbox.type.js';

@Resolver(() => ClearinghouseFile)
export class ClearinghouseInboxResolver {
  @Authorized(...INBOX_POLLERS)
  @Mutation(() => PollClearinghousePayload, {
    description: `Take the waiting 999, 277CA and 835 files from your practice's clearinghouse mailbox now: each is stored before the clearinghouse is told to delete it, then processed in its own transaction (acknowledgments move claims to ACCEPTED/REJECTED claim by claim, ERAs are posted). Safe to repeat or run concurrently: each file is processed once. ${accessText(INBOX_POLLERS)}`,
  })
  async pollClearinghouse(@Ctx() ctx: Context): Promise<PollClearinghousePayload> {
    const done = await pollClearinghouse(ctx.db, ctx.eligibility.clearinghouse, requirePrincipal(ctx), ctx.audit);
    ctx.loaders.claimBatch.clearAll();
    ctx.loaders.remittance.clearAll();
    return { fetched: done.fetched, processed: done.processed.map(toClearinghouseFile), mailboxProblem: done.mailboxProblem };
  }

  @Authorized(...INBOX_POLLERS)
  @Mutation(() => ReprocessClearinghouseFilePayload, {
    description: `Process a FAILED clearinghouse file again (once the cause of its refusal is fixed; a file still RECEIVED is processed now) exactly as a poll processes a received file. A file already PROCESSED or DUPLICATE comes back unchanged with reprocessed false, so a retry is safe; a file refused again stays FAILED with the new problem. Another practice's file is NOT_FOUND. ${accessText(INBOX_POLLERS)}`,
  })
  async reprocessClearinghouseFile(@Arg('input', () => ReprocessClearinghouseFileInput) input: ReprocessClearinghouseFileInput, @Ctx() ctx: Context): Promise<ReprocessClearinghouseFilePayload> {
    const done = await reprocessClearinghouseFile(ctx.db, requirePrincipal(ctx), ctx.audit, input.id);
    if (done.reprocessed) {
      ctx.loaders.claimBatch.clearAll();
      ctx.loaders.remittance.clearAll();
    }
    return { file: toClearinghouseFile(done.file), reprocessed: done.reprocessed };
  }

  @Authorized(...INBOX_READERS)
  @Query(() => ClearinghouseFileConnection, { description: `Files taken from your practice's clearinghouse mailbox, newest first, with their processing status and problems. ${accessText(INBOX_READERS)}` })
  clearinghouseFiles(@Args(() => ClearinghouseFilesArgs) args: ClearinghouseFilesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return clearinghouseFilePage(ctx.db, requirePrincipal(ctx).practiceId, args, selects(info, 'totalCount'));
  }

  @Authorized(...CLAIM_BATCH_READERS)
  @FieldResolver(() => [ClaimBatch], { description: `The batches a 999/277CA answered. ${accessText(CLAIM_BATCH_READERS)}` })
  async batches(@Root() f: ClearinghouseFile, @Ctx() ctx: Context): Promise<ClaimBatch[]> {
    const rows = await ctx.loaders.claimBatch.loadMany(f.batchIds);
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [presentBatch(ctx.audit, r)] : []));
  }

  @Authorized(...REMITTANCE_READERS)
  @FieldResolver(() => Remittance, { nullable: true, description: `The remittance an 835 was posted as. ${accessText(REMITTANCE_READERS)}` })
  async remittance(@Root() f: ClearinghouseFile, @Ctx() ctx: Context): Promise<Remittance | null> {
    if (!f.remittanceId) return null;
    const row = await ctx.loaders.remittance.load(f.remittanceId);
    return row ? toRemittance(row) : null;
  }
}
