import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { RelayPageArgs } from '../common/page.args.js';
import { listBatchPage, presentBatch, presentFoundBatch } from './claim-batch-read.service.js';
import { toAck999, toAckEntry, toAnswer, toInquiry } from './claim-batch.mapper.js';
import { CLAIM_BATCH_READERS } from './claim-batch.roles.js';
import {
  CheckClaimStatusInput, CheckStaleClaimStatusesInput, CheckStaleClaimStatusesPayload, ClaimAcknowledgmentEntry, ClaimBatch, ClaimBatchAck999, ClaimBatchAnswer, ClaimBatchConnection,
  ClaimFormPdf, ClaimStatusInquiry, ClaimStatusInquiryPayload, ReceiveClaimAcknowledgmentInput, ReceiveClaimAcknowledgmentPayload, SubmitClaimsInput, SubmitClaimsPayload,
} from './claim-batch.type.js';
import { receiveClaimAcknowledgment } from './claim-acknowledgment-intake.service.js';
import { claimForm } from './claim-form.service.js';
import { presentClaim } from './claim-present.js';
import { presentFoundClaim } from './claim-read.service.js';
import { checkClaimStatus, checkStaleClaimStatuses } from './claim-status-inquiry.service.js';
import { submitClaims } from './claim-submission.service.js';
import { CLAIM_READERS, CLAIM_WRITERS } from './claim.roles.js';
import { Claim } from './claim.type.js';

const BATCHES = accessText(CLAIM_BATCH_READERS);
const WRITE = accessText(CLAIM_WRITERS);

/** Submission batches, acknowledgments, status inquiries and the paper form. */
@Resolver(() => ClaimBatch)
export class ClaimBatchResolver {
  @Authorized(...CLAIM_BATCH_READERS)
  @Query(() => ClaimBatchConnection, { description: `837P batches your practice sent, newest first. ${BATCHES}` })
  claimBatches(@Args(() => RelayPageArgs) args: RelayPageArgs, @Ctx() ctx: Context) {
    return listBatchPage(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, args);
  }

  @Authorized(...CLAIM_BATCH_READERS)
  @Query(() => ClaimBatch, { description: `One 837P batch of your practice. ${BATCHES}` })
  async claimBatch(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ClaimBatch> {
    return presentFoundBatch(ctx.audit, id, await ctx.loaders.claimBatch.load(id));
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => SubmitClaimsPayload, { description: `Send READY claims: one 837P batch per payer claims route, checked against 005010X222A1 before it leaves, stored exactly as sent; the claims become SUBMITTED and the 999/277CA answers are applied. Exactly once per claim revision; a retry with the same idempotencyKey returns the same batches. ${WRITE}` })
  async submitClaims(@Arg('input', () => SubmitClaimsInput) input: SubmitClaimsInput, @Ctx() ctx: Context): Promise<SubmitClaimsPayload> {
    const done = await submitClaims(ctx.db, ctx.eligibility, requirePrincipal(ctx), ctx.audit, input);
    this.cleared(ctx);
    return { batches: done.batches.map((b) => presentBatch(ctx.audit, b)), replayed: done.replayed, notSentClaimIds: done.notSentClaimIds };
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => ReceiveClaimAcknowledgmentPayload, { description: `Take in a 999 or 277CA that arrived after the submission (e.g. from the clearinghouse mailbox): matched to its batch by control numbers (999 AK1/AK2 = our GS06/ST02; 277CA trace = the batch referenceId; a 277CA whose trace names none of your batches or whose claims span several is matched claim by claim by patient account number, unknown accounts kept as problems), stored raw and read, and applied — a 999 sets the batch status (a rejection rejects its claims), a 277CA accepts or rejects each claim. Applied once: the same key, or the same text for the batch, returns the first receipt. Unknown control numbers (and, for a 277CA, no account number of a sent claim of yours) are NOT_FOUND and nothing is stored. ${WRITE}` })
  async receiveClaimAcknowledgment(@Arg('input', () => ReceiveClaimAcknowledgmentInput) input: ReceiveClaimAcknowledgmentInput, @Ctx() ctx: Context): Promise<ReceiveClaimAcknowledgmentPayload> {
    const done = await receiveClaimAcknowledgment(ctx.db, requirePrincipal(ctx), ctx.audit, input);
    this.cleared(ctx);
    return { answer: toAnswer(done.acknowledgment), batch: presentBatch(ctx.audit, done.batch), answers: done.acknowledgments.map(toAnswer), batches: done.batches.map((b) => presentBatch(ctx.audit, b)), replayed: done.replayed };
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => ClaimStatusInquiryPayload, { description: `Ask the payer about a sent claim (276) and store the 277 answer; a SUBMITTED claim the payer holds becomes ACCEPTED, one it does not find becomes REJECTED. ${WRITE}` })
  async checkClaimStatus(@Arg('input', () => CheckClaimStatusInput) input: CheckClaimStatusInput, @Ctx() ctx: Context): Promise<ClaimStatusInquiryPayload> {
    const row = await checkClaimStatus(ctx.db, ctx.eligibility, requirePrincipal(ctx), ctx.audit, input.claimId);
    this.cleared(ctx);
    return { inquiry: toInquiry(row), claim: presentFoundClaim(ctx.audit, row.claimId, await ctx.loaders.claim.load(row.claimId)) };
  }

  @Authorized(...CLAIM_WRITERS)
  @Mutation(() => CheckStaleClaimStatusesPayload, { description: `Ask the payers about every claim without a response for olderThanDays days (submitted and unacknowledged, or accepted and not adjudicated), at most 50 a call. ${WRITE}` })
  async checkStaleClaimStatuses(@Arg('input', () => CheckStaleClaimStatusesInput) input: CheckStaleClaimStatusesInput, @Ctx() ctx: Context): Promise<CheckStaleClaimStatusesPayload> {
    const rows = await checkStaleClaimStatuses(ctx.db, ctx.eligibility, requirePrincipal(ctx), ctx.audit, input.olderThanDays);
    this.cleared(ctx);
    return { inquiries: rows.map(toInquiry) };
  }

  @Authorized(...CLAIM_READERS)
  @Query(() => ClaimFormPdf, { description: `A claim on the CMS-1500 (02/12) paper form as a PDF, rendered now and returned as base64 bytes (the payer's copy, or with patientCopy the patient's); the export is audited. ${accessText(CLAIM_READERS)}` })
  claimForm(@Arg('id', () => ID) id: string, @Arg('patientCopy', () => Boolean, { defaultValue: false }) patientCopy: boolean, @Ctx() ctx: Context): Promise<ClaimFormPdf> {
    requirePrincipal(ctx);
    return claimForm(ctx.db, ctx.loaders, ctx.audit, id, patientCopy);
  }

  @FieldResolver(() => [Claim], { description: 'The claims the batch carried, in file order (as they are now).' })
  async claims(@Root() b: ClaimBatch, @Ctx() ctx: Context): Promise<Claim[]> {
    const carried = await ctx.loaders.claimBatchClaims.load(b.id);
    const rows = await ctx.loaders.claim.loadMany(carried.map((c) => c.claimId));
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [presentClaim(ctx.audit, r)] : []));
  }

  @FieldResolver(() => ClaimBatchAck999, { nullable: true, description: 'The 999 answer; null until one arrives.' })
  async ack999(@Root() b: ClaimBatch, @Ctx() ctx: Context): Promise<ClaimBatchAck999 | null> {
    return toAck999(await ctx.loaders.claimBatchAnswers.load(b.id));
  }

  @FieldResolver(() => [ClaimBatchAnswer], { description: 'Every answer received for the batch (999, 277CA, unreadable ones too), oldest first.' })
  async answers(@Root() b: ClaimBatch, @Ctx() ctx: Context): Promise<ClaimBatchAnswer[]> {
    return (await ctx.loaders.claimBatchAnswers.load(b.id)).map(toAnswer);
  }

  /** Submission and inquiries change claims and batches: forget what this request loaded. */
  private cleared(ctx: Context): void {
    const l = ctx.loaders;
    for (const loader of [l.claim, l.claimHistory, l.claimBatch, l.claimBatchAnswers, l.claimBatchClaims, l.claimAcknowledgments, l.claimStatusInquiries] as const) loader.clearAll();
  }
}

/** Claim.acknowledgments and Claim.statusInquiries: what the clearinghouse and payer said about a claim. */
@Resolver(() => Claim)
export class ClaimAnswersResolver {
  @FieldResolver(() => [ClaimAcknowledgmentEntry], { description: 'What the 999 and 277CA acknowledgments said about the claim, oldest first (every revision).' })
  async acknowledgments(@Root() c: Claim, @Ctx() ctx: Context): Promise<ClaimAcknowledgmentEntry[]> {
    return (await ctx.loaders.claimAcknowledgments.load(c.id)).map(toAckEntry);
  }

  @FieldResolver(() => [ClaimStatusInquiry], { description: 'Status inquiries (276/277) about the claim, newest first.' })
  async statusInquiries(@Root() c: Claim, @Ctx() ctx: Context): Promise<ClaimStatusInquiry[]> {
    return (await ctx.loaders.claimStatusInquiries.load(c.id)).map(toInquiry);
  }
}
