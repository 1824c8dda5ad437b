import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsNotBlank } from '../../lib/validation.js';
import { AppealDecision } from './appeal-status.js';

@InputType()
export class CreateAppealInput {
  @Field(() => ID, { description: 'A claim the payer denied (DENIED, or PARTIALLY_PAID for a denied line).' }) claimId!: string;
  @Field(() => Int, { nullable: true, description: 'The denied line (LX number) to appeal; omit to appeal the whole denied claim.' }) @IsOptional() @IsInt() @Min(1) @Max(50) claimLinePosition?: number | null;
  @Field(() => String, { description: 'Why the denial is wrong, in a line (1–300 characters).' }) @IsNotBlank() @Length(1, 300) reason!: string;
  @Field(() => String, { description: 'The letter\'s argument (1–8,000 characters), printed in the appeal letter.' }) @IsNotBlank() @Length(1, 8000) letter!: string;
  @Field(() => String, { nullable: true, description: 'Client-chosen key (8–100 characters): a retry with the same key returns the same appeal.' }) @IsOptional() @Length(8, 100) idempotencyKey?: string | null;
}

@InputType()
export class SubmitAppealInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'How it was sent (portal reference, fax, mail), kept in the history.' }) @IsOptional() @Length(1, 500) note?: string | null;
}

@InputType()
export class DecideAppealInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => AppealDecision) outcome!: AppealDecision;
  @Field(() => String, { description: 'What the payer answered.' }) @IsNotBlank() @Length(1, 500) note!: string;
  @Field(() => ID, { nullable: true, description: 'For a won appeal: the posted remittance that paid it (it must hold a posted CLP for the claim).' }) @IsOptional() remittanceId?: string | null;
}

@InputType()
export class WithdrawAppealInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { description: 'Why it is withdrawn (e.g. a corrected claim resolves the denial).' }) @IsNotBlank() @Length(1, 500) reason!: string;
}

@InputType()
export class AttachAppealDocumentInput {
  @Field(() => ID, { description: 'An open (DRAFT or SUBMITTED) appeal.' }) appealId!: string;
  @Field(() => ID, { description: 'A PAYER_CORRESPONDENCE or INSURANCE_CARD document version of the appeal\'s patient.' }) documentId!: string;
  @Field(() => String, { nullable: true, description: 'Why it is attached (what it shows), up to 500 characters.' }) @IsOptional() @Length(1, 500) note?: string | null;
}

@InputType()
export class StoreAppealLetterInput {
  @Field(() => ID, { description: 'An open (DRAFT or SUBMITTED) appeal.' }) appealId!: string;
}
