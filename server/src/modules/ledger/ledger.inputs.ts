import { IsOptional, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { IsLocalDate, IsNotBlank } from '../../lib/validation.js';
import { RelayPageArgs } from '../common/page.args.js';
import { LedgerBucket, LedgerEntryKind } from './ledger-kind.js';
import { LedgerEntry } from './ledger.type.js';

@InputType({ description: 'Which ledger entries to list; every given condition must hold.' })
export class LedgerEntryFilter {
  @Field(() => ID, { nullable: true }) patientId?: string | null;
  @Field(() => ID, { nullable: true }) claimId?: string | null;
  @Field(() => [LedgerEntryKind], { nullable: true, description: 'Any of these kinds.' }) kinds?: LedgerEntryKind[] | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'First effective date (inclusive).' }) @IsOptional() @IsLocalDate() from?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last effective date (inclusive).' }) @IsOptional() @IsLocalDate() to?: string | null;
}

@ArgsType()
export class LedgerEntriesArgs extends RelayPageArgs {
  @Field(() => LedgerEntryFilter, { nullable: true }) filter?: LedgerEntryFilter | null;
}

export const LedgerEntryConnection = Connection('LedgerEntry', LedgerEntry);

@InputType({
  description:
    'Write off part of an open balance: of a claim (claimId, optionally one of its lines) or of a patient\'s account (patientId alone). The amount may not exceed the open balance of that part.',
})
export class WriteOffInput {
  @Field(() => String, { description: 'Client-chosen key (8–100 chars): a retry with the same key and input returns the same entry; other input gets IDEMPOTENCY_KEY_REUSED.' })
  @Length(8, 100) idempotencyKey!: string;
  @Field(() => ID, { nullable: true, description: 'The patient; required without claimId, and must be the claim\'s patient with it.' }) patientId?: string | null;
  @Field(() => ID, { nullable: true }) claimId?: string | null;
  @Field(() => Int, { nullable: true, description: 'A line of the claim (from 1).' }) claimLinePosition?: number | null;
  @Field(() => LedgerBucket, { defaultValue: LedgerBucket.PATIENT, description: 'Which part to write off (PATIENT by default).' }) bucket!: LedgerBucket;
  @Field(() => MoneyScalar, { description: 'How much to write off: positive cents, at most the open balance of the part.' }) amount!: number;
  @Field(() => String, { description: 'Why (small balance, bad debt, charity care, timely filing…).' }) @IsNotBlank() @Length(1, 500) reason!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The date it counts on; today on the practice\'s calendar by default.' }) @IsOptional() @IsLocalDate() effectiveDate?: string | null;
}

@InputType({ description: 'Undo one ledger entry with a reversing entry (an entry is reversed once; a reversal is never reversed).' })
export class ReverseLedgerEntryInput {
  @Field(() => ID, { description: 'The entry to reverse.' }) id!: string;
  @Field(() => String) @IsNotBlank() @Length(1, 500) reason!: string;
  @Field(() => String, { nullable: true, description: 'Client-chosen key (8–100 chars) making a retry return the same reversal instead of failing as already reversed.' })
  @IsOptional() @Length(8, 100) idempotencyKey?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The date it counts on; today on the practice\'s calendar by default.' }) @IsOptional() @IsLocalDate() effectiveDate?: string | null;
}
