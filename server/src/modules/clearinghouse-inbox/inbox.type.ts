import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

@ObjectType({ description: 'A file taken from the practice\'s clearinghouse mailbox (999, 277CA or 835 ERA), stored before the clearinghouse was told to delete it, and what processing it did.' })
export class ClearinghouseFile {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: '999, 277CA, 835, or UNKNOWN (not one of those interchanges).' }) kind!: string;
  @Field(() => String, { description: 'RECEIVED (stored, waiting to be processed), PROCESSED, FAILED (see problem), DUPLICATE (the same answer or remittance was taken in before; nothing applied again).' }) status!: string;
  @Field(() => String, { description: 'The clearinghouse\'s name of the file.' }) remoteName!: string;
  @Field(() => String, { description: 'SHA-256 of the file\'s text.' }) sha256!: string;
  @Field(() => String, { nullable: true, description: 'ISA13 of the file.' }) interchangeControlNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'GS06 of the file.' }) groupControlNumber!: string | null;
  @Field(() => DateTimeScalar) receivedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) processedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why processing refused the file, or what it duplicated (codes and ids only).' }) problem!: string | null;
  @Field(() => ID, { nullable: true, description: 'The claim acknowledgment a 999/277CA became (see ClaimBatch.answers).' }) acknowledgmentId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The remittance an 835 became.' }) remittanceId!: string | null;
  /** Internal: the batches a 999/277CA answered (the `batches` field resolves them). */
  batchIds!: string[];
}

@ObjectType({ description: 'What one poll of the clearinghouse mailbox did.' })
export class PollClearinghousePayload {
  @Field(() => Int, { description: 'Files taken from the mailbox this time (each stored before it was acknowledged).' }) fetched!: number;
  @Field(() => [ClearinghouseFile], { description: 'Files processed this time, oldest first (also files an interrupted poll had stored).' }) processed!: ClearinghouseFile[];
  @Field(() => String, { nullable: true, description: 'Why the mailbox could not be read completely (transport failure kind); what was not taken waits for the next poll.' }) mailboxProblem!: string | null;
}

@ObjectType({ description: 'A clearinghouse file after a reprocess request.' })
export class ReprocessClearinghouseFilePayload {
  @Field(() => ClearinghouseFile, { description: 'The file as it is now: PROCESSED, DUPLICATE, or FAILED again with the new problem.' }) file!: ClearinghouseFile;
  @Field(() => Boolean, { description: 'True when this request processed the file; false when it had been processed already (nothing was applied again).' }) reprocessed!: boolean;
}
