import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { LedgerBucket, LedgerEntryKind } from './ledger-kind.js';

@ObjectType({
  description:
    'One entry of the practice ledger (append-only; patient data, reads are audited). amount is signed as it changes what is owed to the practice: charges and refunds positive, payments, adjustments and write-offs negative. insuranceAmount and patientAmount are its effect on each part (a PATIENT_RESPONSIBILITY entry moves its amount from the insurance part to the patient part).',
})
export class LedgerEntry {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Posting order number (ascending in the order entries were recorded).' }) number!: string;
  @Field(() => LedgerEntryKind) kind!: LedgerEntryKind;
  @Field(() => ID) patientId!: string;
  @Field(() => ID, { nullable: true }) claimId!: string | null;
  @Field(() => Int, { nullable: true, description: 'The claim line (from 1).' }) claimLinePosition!: number | null;
  @Field(() => ID, { nullable: true }) superbillId!: string | null;
  @Field(() => Int, { nullable: true, description: 'The superbill line (from 1).' }) superbillLinePosition!: number | null;
  @Field(() => ID, { nullable: true, description: 'The remittance (835) it was posted from.' }) remittanceId!: string | null;
  @Field(() => ID, { nullable: true }) payerId!: string | null;
  @Field(() => LedgerBucket, { description: 'The part amount is booked to.' }) bucket!: LedgerBucket;
  @Field(() => LedgerBucket, { nullable: true, description: 'The part a transfer takes amount from (INSURANCE for PATIENT_RESPONSIBILITY, PATIENT for COORDINATION_TRANSFER).' }) counterBucket!: LedgerBucket | null;
  @Field(() => MoneyScalar) amount!: number;
  @Field(() => MoneyScalar, { description: 'Change of the insurance part.' }) insuranceAmount!: number;
  @Field(() => MoneyScalar, { description: 'Change of the patient part.' }) patientAmount!: number;
  @Field(() => String, { nullable: true, description: 'Adjustment group (CO, PR, OA, PI).' }) groupCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Claim adjustment reason code (CARC).' }) reasonCode!: string | null;
  @Field(() => [String], { description: 'Remittance advice remark codes (RARC), as received.' }) remarkCodes!: string[];
  @Field(() => String, { nullable: true, description: 'Why (write-offs and reversals always say), or a memo.' }) reason!: string | null;
  @Field(() => ID, { nullable: true, description: 'The entry this REVERSAL undoes.' }) reversesId!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) postedAt!: Date;
  @Field(() => LocalDateScalar, { description: 'The calendar date it counts on.' }) effectiveDate!: string;
  @Field(() => String, { description: 'User id (or process) that recorded it.' }) createdBy!: string;
}

@ObjectType({
  description:
    'A balance computed from the ledger only. patient and credit are never both above zero; total = insurance + patient − credit, the net of every entry.',
})
export class LedgerBalance {
  @Field(() => MoneyScalar, { description: 'What payers still owe (negative when a payer paid more than it owed).' }) insurance!: number;
  @Field(() => MoneyScalar, { description: 'What the patient owes, never below zero.' }) patient!: number;
  @Field(() => MoneyScalar, { description: 'The patient\'s money held beyond what is owed (to apply or refund).' }) credit!: number;
  @Field(() => MoneyScalar, { description: 'insurance + patient − credit.' }) total!: number;
}

@ObjectType({ description: 'The entry a ledger change recorded (or, for a retried idempotency key, recorded before).' })
export class LedgerEntryPayload {
  @Field(() => LedgerEntry) entry!: LedgerEntry;
  @Field(() => Boolean, { description: 'True when the idempotency key was recorded before and nothing new was posted.' }) replayed!: boolean;
}
