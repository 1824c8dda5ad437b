import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Info, Mutation, Query, Resolver } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { selects } from '../../graphql/selection.js';
import type { Posted } from './ledger-post.service.js';
import { ledgerPage } from './ledger-read.service.js';
import { reverseEntry, writeOff } from './ledger-write.service.js';
import { LedgerEntriesArgs, LedgerEntryConnection, ReverseLedgerEntryInput, WriteOffInput } from './ledger.inputs.js';
import { presentEntry } from './ledger.mapper.js';
import { LEDGER_READERS, LEDGER_WRITERS } from './ledger.roles.js';
import { LedgerEntry, LedgerEntryPayload } from './ledger.type.js';

const READ = accessText(LEDGER_READERS);
const WRITE = accessText(LEDGER_WRITERS);

@Resolver(() => LedgerEntry)
export class LedgerResolver {
  @Authorized(...LEDGER_READERS)
  @Query(() => LedgerEntryConnection, { description: `Ledger entries of your practice, newest effective date first, filtered by patient, claim, kinds or effective date range (audited reads). ${READ}` })
  ledgerEntries(@Args(() => LedgerEntriesArgs) args: LedgerEntriesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ledgerPage(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, args, selects(info, 'totalCount'));
  }

  @Authorized(...LEDGER_WRITERS)
  @Mutation(() => LedgerEntryPayload, { description: `Write off part of a claim's, a claim line's or a patient's open balance with a reason (at most the open amount); retry-safe with idempotencyKey. ${WRITE}` })
  async writeOff(@Arg('input', () => WriteOffInput) input: WriteOffInput, @Ctx() ctx: Context): Promise<LedgerEntryPayload> {
    return this.payload(ctx, await writeOff(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(...LEDGER_WRITERS)
  @Mutation(() => LedgerEntryPayload, { description: `Reverse a ledger entry with a reason: a new entry negating it (an entry is reversed at most once). ${WRITE}` })
  async reverseLedgerEntry(@Arg('input', () => ReverseLedgerEntryInput) input: ReverseLedgerEntryInput, @Ctx() ctx: Context): Promise<LedgerEntryPayload> {
    return this.payload(ctx, await reverseEntry(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  /** The balance of the entry's patient changed: forget it for the rest of the request. */
  private payload(ctx: Context, posted: Posted): LedgerEntryPayload {
    ctx.loaders.patientLedgerSums.clear(posted.entry.patientId);
    return { entry: presentEntry(ctx.audit, posted.entry), replayed: posted.replayed };
  }
}
