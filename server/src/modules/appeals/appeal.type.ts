import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { IsLocalDate } from '../../lib/validation.js';
import { RelayPageArgs } from '../common/page.args.js';
import { Document } from '../documents/document.type.js';
import { AppealStatus } from './appeal-status.js';

@ObjectType({ description: 'A status change of an appeal: from, to, who, when and why.' })
export class AppealStatusChange {
  @Field(() => AppealStatus, { nullable: true, description: 'Null for the creation.' }) from!: AppealStatus | null;
  @Field(() => AppealStatus) to!: AppealStatus;
  @Field(() => String, { nullable: true, description: 'Why (the note given with the change).' }) note!: string | null;
  @Field(() => String, { description: 'User or client id of who made the change.' }) changedBy!: string;
  @Field(() => DateTimeScalar) changedAt!: Date;
}

@ObjectType({ description: 'An appeal of a denied claim or claim line to the payer (PHI: reads are audited).' })
export class Appeal {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Human-facing appeal number.' }) number!: string;
  @Field(() => ID) claimId!: string;
  @Field(() => Int, { nullable: true, description: 'The denied line appealed; null: the whole denied claim.' }) claimLinePosition!: number | null;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) payerId!: string;
  @Field(() => ID, { description: 'The remittance claim (CLP) that denied it.' }) remittanceClaimId!: string;
  @Field(() => AppealStatus) status!: AppealStatus;
  @Field(() => String, { description: 'Why the denial is wrong, in a line.' }) reason!: string;
  @Field(() => String, { description: 'The letter\'s argument, as printed in the appeal letter.' }) letter!: string;
  @Field(() => MoneyScalar, { description: 'What the denial took off (CO/OA/PI adjustments of the denied lines).' }) denied!: number;
  @Field(() => [String], { description: 'The CARCs of the denial.' }) reasonCodes!: string[];
  @Field(() => LocalDateScalar, { description: 'The date of the remittance that denied it.' }) remittanceDate!: string;
  @Field(() => LocalDateScalar, { description: 'Last day to appeal: the remittance date + the payer\'s appeal days.' }) deadline!: string;
  @Field(() => DateTimeScalar, { nullable: true }) submittedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) decidedAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The remittance that paid a won appeal.' }) outcomeRemittanceId!: string | null;
  @Field(() => String, { description: 'User or client id of who opened it.' }) createdBy!: string;
  @Field(() => Int, { description: 'Pass it as expectedVersion when changing the appeal.' }) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

@ObjectType({ description: 'An appeal after a change.' })
export class AppealPayload {
  @Field(() => Appeal) appeal!: Appeal;
}

@ObjectType({ description: 'The result of createAppeal.' })
export class CreateAppealPayload {
  @Field(() => Appeal) appeal!: Appeal;
  @Field(() => Boolean, { description: 'True when the idempotency key made this appeal before; nothing new was stored.' }) replayed!: boolean;
}

@ObjectType({ description: 'An appeal letter as a PDF.' })
export class AppealLetterPdf {
  @Field(() => String, { description: 'File name to save it under.' }) fileName!: string;
  @Field(() => String, { description: 'Always application/pdf.' }) contentType!: string;
  @Field(() => String, { description: 'The PDF bytes, base64-encoded.' }) base64!: string;
  @Field(() => Int, { description: 'Size of the PDF in bytes.' }) byteLength!: number;
}

@InputType({ description: 'Which appeals to list; every given condition must hold.' })
export class AppealFilter {
  @Field(() => [AppealStatus], { nullable: true }) status?: AppealStatus[] | null;
  @Field(() => ID, { nullable: true }) claimId?: string | null;
  @Field(() => ID, { nullable: true }) payerId?: string | null;
  @Field(() => ID, { nullable: true }) patientId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Deadline on or before this date.' }) @IsOptional() @IsLocalDate() deadlineBy?: string | null;
}

@ArgsType()
export class AppealsArgs extends RelayPageArgs {
  @Field(() => AppealFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: AppealFilter | null;
}

export const AppealConnection = Connection('Appeal', Appeal);

@ObjectType({ description: 'A patient document version attached to an appeal (what goes to the payer with it). PHI: reads are audited.' })
export class AppealAttachment {
  @Field(() => Document, { description: 'The attached version (its content is at document.contentPath).' }) document!: Document;
  @Field(() => String, { nullable: true, description: 'Why it is attached.' }) note!: string | null;
  @Field(() => String, { description: 'User id of who attached it.' }) attachedBy!: string;
  @Field(() => DateTimeScalar) attachedAt!: Date;
}
