import { IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AddressInput } from '../common/address.type.js';

@InputType({ description: 'The whole billing profile (it replaces the stored one).' })
export class UpdateBillingProfileInput {
  @Field(() => Int, { nullable: true, description: 'Required once a profile exists: the version you read.' }) expectedVersion?: number | null;
  @Field(() => String) @Length(1, 200) legalName!: string;
  @Field(() => String, { description: 'EIN: 9 digits, with or without the dash (12-3456789).' }) @Matches(/^\d{2}-?\d{7}$/, { message: 'must be a 9-digit EIN' }) tin!: string;
  @Field(() => String, { description: 'Group (type 2) NPI.' }) @Matches(/^\d{10}$/, { message: 'must be 10 digits' }) groupNpi!: string;
  @Field(() => String) @Matches(/^[0-9]{3}[0-9A-Z]{6}X$/, { message: 'must be a NUCC taxonomy code such as 207Q00000X' }) taxonomyCode!: string;
  @Field(() => AddressInput) @ValidateNested() billingAddress!: AddressInput;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() payToAddress?: AddressInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\+1\d{10}$/, { message: 'must be an E.164 US number (+1 and 10 digits)' }) phone?: string | null;
}

@InputType()
export class SetServiceFacilityInput {
  @Field(() => ID) locationId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) facilityName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\d{10}$/, { message: 'must be 10 digits' }) npi?: string | null;
}

@InputType()
export class SetProviderBillingInput {
  @Field(() => ID) providerId!: string;
  @Field(() => Boolean, { description: 'True: claims name the group as billing provider; false: the provider bills individually.' }) billsUnderGroup!: boolean;
}
