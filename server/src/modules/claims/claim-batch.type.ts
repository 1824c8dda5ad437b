import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, Min } from 'class-validator';
import { Authorized, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { CLAIM_BATCH_READERS } from './claim-batch.roles.js';
import { Claim } from './claim.type.js';

export enum ClaimBatchStatus {
  SENT = 'SENT',
  SENT_UNKNOWN = 'SENT_UNKNOWN',
  ACCEPTED = 'ACCEPTED',
  PARTIALLY_ACCEPTED = 'PARTIALLY_ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ClaimBatchStatus, {
  name: 'ClaimBatchStatus',
  description:
    'SENT: sent, no 999 yet. SENT_UNKNOWN: the transport failed after the file may have left — its claims stay SUBMITTED and are never resent automatically; checkClaimStatus finds out whether the payer has them. ACCEPTED / PARTIALLY_ACCEPTED / REJECTED: what the 999 said (a rejected file rejects every claim in it).',
});

@ObjectType({ description: 'What the 999 implementation acknowledgment said about a batch.' })
export class ClaimBatchAck999 {
  @Field(() => String, { nullable: true, description: 'AK901 (or IK501): A accepted, E accepted with errors, P partially, R rejected.' }) status!: string | null;
  @Field(() => Boolean, { nullable: true }) accepted!: boolean | null;
  @Field(() => String, { nullable: true, description: 'ISA13 of the 999.' }) controlNumber!: string | null;
  @Field(() => DateTimeScalar) receivedAt!: Date;
  @Field(() => [String], { description: 'IK3/IK4 errors of a rejected file, one line each (segment, position, loop, codes; never values).' }) errors!: string[];
  @Field(() => [String], { description: 'What did not add up reading the 999 (kept, never dropped).' }) problems!: string[];
}

@ObjectType({ description: 'An answer received for a batch (999, 277CA, or an unreadable text), with what reading it found.' })
export class ClaimBatchAnswer {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: '999, 277CA or UNREADABLE.' }) kind!: string;
  @Field(() => String, { nullable: true }) controlNumber!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Null when the answer could not be read or is not for this batch.' }) accepted!: boolean | null;
  @Field(() => DateTimeScalar) receivedAt!: Date;
  @Field(() => [String]) problems!: string[];
}

@ObjectType({ description: 'One 837P interchange sent for one payer claims route.' })
export class ClaimBatch {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) sentAt!: Date;
  @Field(() => String, { description: 'User (or partner client) id of who submitted.' }) submittedBy!: string;
  @Field(() => String, { description: 'The payer claims route the batch went to.' }) claimsRoute!: string;
  @Field(() => String, { description: 'EDI payer id of the claims (NM1*PR).' }) ediPayerId!: string;
  @Field(() => Int) claimCount!: number;
  @Field(() => ClaimBatchStatus) status!: ClaimBatchStatus;
  @Field(() => Int, { description: 'ISA13.' }) interchangeControlNumber!: number;
  @Field(() => String, { description: 'BHT03, echoed by the 277CA.' }) referenceId!: string;
  @Field(() => String, { nullable: true, description: 'Why the transport failed (SENT_UNKNOWN).' }) transportError!: string | null;
  @Authorized(...CLAIM_BATCH_READERS)
  @Field(() => String, { description: `The 837P interchange exactly as sent. ${accessText(CLAIM_BATCH_READERS)}` })
  x12!: string;
}

@ObjectType({ description: 'One status (category, code, entity) an acknowledgment or status answer gave.' })
export class ClaimStatusCodeInfo {
  @Field(() => String, { description: 'STC01-1, e.g. A2, A7, P1, F1.' }) category!: string;
  @Field(() => String, { nullable: true, description: 'What the category means.' }) categoryDescription!: string | null;
  @Field(() => String, { description: 'STC01-2, the claim status code.' }) code!: string;
  @Field(() => String, { nullable: true, description: 'STC01-3, the entity the status is about.' }) entity!: string | null;
}

@ObjectType({ description: 'What one acknowledgment (999 or 277CA) said about a claim.' })
export class ClaimAcknowledgmentEntry {
  @Field(() => String, { description: '999 or 277CA.' }) kind!: string;
  @Field(() => ID) batchId!: string;
  @Field(() => Int, { description: 'The claim revision acknowledged.' }) revision!: number;
  @Field(() => String, { description: 'ACCEPTED, REJECTED or UNKNOWN.' }) outcome!: string;
  @Field(() => String, { nullable: true }) payerClaimNumber!: string | null;
  @Field(() => [ClaimStatusCodeInfo]) statuses!: ClaimStatusCodeInfo[];
  @Field(() => String, { nullable: true, description: 'The rejection reasons (IK3/IK4 or category/code).' }) reason!: string | null;
  @Field(() => DateTimeScalar) receivedAt!: Date;
}

@ObjectType({ description: 'A 276 claim status request and the 277 answer.' })
export class ClaimStatusInquiry {
  @Field(() => ID) id!: string;
  @Field(() => ID) claimId!: string;
  @Field(() => Int) revision!: number;
  @Field(() => String, { description: 'TRN02 of the 276, echoed by the 277.' }) traceNumber!: string;
  @Field(() => String, { description: 'ANSWERED, NO_RESPONSE (timeout or transport error) or UNREADABLE (not a 277 answering this 276).' }) outcome!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => ClaimStatusCodeInfo, { nullable: true, description: 'The current status the payer gave.' }) status!: ClaimStatusCodeInfo | null;
  @Field(() => String, { nullable: true }) payerClaimNumber!: string | null;
  @Field(() => MoneyScalar, { nullable: true }) charge!: number | null;
  @Field(() => MoneyScalar, { nullable: true }) paid!: number | null;
  @Field(() => LocalDateScalar, { nullable: true }) adjudicationDate!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) checkDate!: string | null;
  @Field(() => String, { nullable: true, description: 'Check or EFT trace number.' }) checkNumber!: string | null;
  @Field(() => [String], { description: 'What did not add up reading the 277 (kept, never dropped).' }) problems!: string[];
  @Field(() => DateTimeScalar) requestedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) respondedAt!: Date | null;
}

@InputType({ description: 'READY claims to send, and the key that makes a retry return the same batches.' })
export class SubmitClaimsInput {
  @Field(() => [ID], { description: '1–500 claims of your practice, all READY.' }) @ArrayMinSize(1) @ArrayMaxSize(500) claimIds!: string[];
  @Field(() => String, { description: 'Client-chosen key (8–100 chars): a retry with the same key and claims returns the same batches; other claims get IDEMPOTENCY_KEY_REUSED.' })
  @Length(8, 100)
  idempotencyKey!: string;
}

@InputType({ description: 'A 999 or 277CA that arrived after the submission, and the key that makes a retry return the same receipt.' })
export class ReceiveClaimAcknowledgmentInput {
  @Field(() => String, { description: 'The 999 (005010X231A1) or 277CA (005010X214) interchange as received.' }) @Length(1, 2_000_000) x12!: string;
  @Field(() => String, { description: 'Client-chosen key (8–100 chars): a retry with the same key and text returns the same receipt; another text gets IDEMPOTENCY_KEY_REUSED.' })
  @Length(8, 100)
  idempotencyKey!: string;
}

@ObjectType({ description: 'A late acknowledgment taken in and applied to its batch.' })
export class ReceiveClaimAcknowledgmentPayload {
  @Field(() => ClaimBatchAnswer, { description: 'The answer as stored (kind, control number, problems).' }) answer!: ClaimBatchAnswer;
  @Field(() => ClaimBatch, { description: 'The batch it answered, as it is now (its claims show the new statuses); for a 277CA placed by account numbers, the first of batches.' }) batch!: ClaimBatch;
  @Field(() => [ClaimBatchAnswer], { description: 'Every answer stored, one per batch answered (a 277CA whose trace names none of your batches, or whose claims span several, is placed claim by claim by patient account number); answer is the first.' }) answers!: ClaimBatchAnswer[];
  @Field(() => [ClaimBatch], { description: 'Every batch answered, in the order of answers, as it is now.' }) batches!: ClaimBatch[];
  @Field(() => Boolean, { description: 'True when this answer (same key, or same text for the batch) was received before: nothing was applied again.' }) replayed!: boolean;
}

@ObjectType({ description: 'The batches a submission made (one per payer claims route).' })
export class SubmitClaimsPayload {
  @Field(() => [ClaimBatch]) batches!: ClaimBatch[];
  @Field(() => Boolean, { description: 'True when this key was used before for the same claims: nothing new was sent.' }) replayed!: boolean;
  @Field(() => [ID], { description: 'Claims whose batch could not leave (clearinghouse circuit open) while others left; they stay READY.' }) notSentClaimIds!: string[];
}

@InputType()
export class CheckClaimStatusInput {
  @Field(() => ID) claimId!: string;
}

@InputType()
export class CheckStaleClaimStatusesInput {
  @Field(() => Int, { defaultValue: 14, description: 'Ask about claims without a response for this many days (1–365).' }) @IsOptional() @Min(1) @Max(365) olderThanDays!: number;
}

@ObjectType({ description: 'A status inquiry and the claim after it.' })
export class ClaimStatusInquiryPayload {
  @Field(() => ClaimStatusInquiry) inquiry!: ClaimStatusInquiry;
  @Field(() => Claim) claim!: Claim;
}

@ObjectType({ description: 'The status inquiries made (at most 50 a call, oldest claims first).' })
export class CheckStaleClaimStatusesPayload {
  @Field(() => [ClaimStatusInquiry]) inquiries!: ClaimStatusInquiry[];
}

@ObjectType({ description: 'A claim on the CMS-1500 (02/12) paper form, as a PDF.' })
export class ClaimFormPdf {
  @Field(() => String, { description: 'File name to save it under.' }) fileName!: string;
  @Field(() => String, { description: 'Always application/pdf.' }) contentType!: string;
  @Field(() => String, { description: 'The PDF bytes, base64-encoded.' }) base64!: string;
  @Field(() => Int, { description: 'Size of the PDF in bytes.' }) byteLength!: number;
}

export const ClaimBatchConnection = Connection('ClaimBatch', ClaimBatch);
