import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { AddressInput } from '../common/address.type.js';
import { PersonNameInput } from '../patients/patient.inputs.js';
import { SexAtBirth } from '../patients/patient.type.js';
import { CoverageOrder, CoverageStatus, SubscriberRelationship } from './coverage.type.js';

/** Member ids: letters, digits and inner hyphens — nothing that could break an X12 element. */
export const MEMBER_ID = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,28}[A-Za-z0-9])$/;
const MEMBER_ID_RULE = { message: 'must be 2–30 letters, digits or inner hyphens' };

@InputType()
export class SubscriberInput {
  @Field(() => PersonNameInput) @ValidateNested() name!: PersonNameInput;
  @Field(() => LocalDateScalar) dateOfBirth!: string;
  @Field(() => SexAtBirth) sex!: SexAtBirth;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() address?: AddressInput | null;
}

@InputType()
export class AddCoverageInput {
  @Field(() => ID) patientId!: string;
  @Field(() => ID) payerId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(0, 100) planName?: string | null;
  @Field(() => String, { description: 'Member id on the card (PHI).' }) @Matches(MEMBER_ID, MEMBER_ID_RULE) memberId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^[A-Za-z0-9-]{1,30}$/, { message: 'must be 1–30 letters, digits or hyphens' }) groupNumber?: string | null;
  @Field(() => SubscriberRelationship, { defaultValue: SubscriberRelationship.SELF }) subscriberRelationship!: SubscriberRelationship;
  @Field(() => SubscriberInput, { nullable: true, description: 'Required unless the relationship is SELF.' }) @IsOptional() @ValidateNested() subscriber?: SubscriberInput | null;
  @Field(() => CoverageOrder, { defaultValue: CoverageOrder.PRIMARY }) order!: CoverageOrder;
  @Field(() => LocalDateScalar) effectiveDate!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last covered day.' }) endDate?: string | null;
  @Field(() => MoneyScalar, { nullable: true }) @IsOptional() @IsInt() @Min(0) copayOnCard?: number | null;
}

@InputType({ description: 'Changes to a coverage; omitted fields stay as they are.' })
export class UpdateCoverageInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one gets VERSION_CONFLICT.' }) expectedVersion!: number;
  @Field(() => ID, { nullable: true }) payerId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(0, 100) planName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(MEMBER_ID, MEMBER_ID_RULE) memberId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^[A-Za-z0-9-]{1,30}$/, { message: 'must be 1–30 letters, digits or hyphens' }) groupNumber?: string | null;
  @Field(() => SubscriberRelationship, { nullable: true }) subscriberRelationship?: SubscriberRelationship | null;
  @Field(() => SubscriberInput, { nullable: true }) @IsOptional() @ValidateNested() subscriber?: SubscriberInput | null;
  @Field(() => LocalDateScalar, { nullable: true }) effectiveDate?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) endDate?: string | null;
  @Field(() => MoneyScalar, { nullable: true }) @IsOptional() @IsInt() @Min(0) copayOnCard?: number | null;
  @Field(() => CoverageStatus, { nullable: true, description: 'CANCELLED marks a coverage entered in error.' }) status?: CoverageStatus | null;
}

@InputType({ description: 'New coordination-of-benefits order: coverageIds[0] becomes PRIMARY, [1] SECONDARY, [2] TERTIARY.' })
export class ReorderCoveragesInput {
  @Field(() => ID) patientId!: string;
  @Field(() => [ID]) @ArrayMinSize(1) @ArrayMaxSize(3) coverageIds!: string[];
}

@InputType()
export class EndCoverageInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => LocalDateScalar, { description: 'Last covered day.' }) endDate!: string;
}
