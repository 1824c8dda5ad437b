import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { IsNotBlank, IsUsPhone } from '../../lib/validation.js';
import { AddressInput } from '../common/address.type.js';
import { PayerType } from './payer.type.js';

@InputType()
export class AddPayerInput {
  @Field(() => String) @IsNotBlank() @Length(1, 60) name!: string;
  @Field(() => String, { description: '2–15 letters or digits, as the clearinghouse lists it.' })
  @Matches(/^[A-Za-z0-9]{2,15}$/, { message: 'must be 2–15 letters or digits' })
  ediPayerId!: string;
  @Field(() => PayerType) type!: PayerType;
  @Field(() => String, { defaultValue: 'DEFAULT' }) @IsString() @Length(1, 40) eligibilityRoute!: string;
  @Field(() => String, { defaultValue: 'DEFAULT' }) @IsString() @Length(1, 40) claimsRoute!: string;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() address?: AddressInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsUsPhone() phone?: string | null;
  @Field(() => Boolean, { defaultValue: false, description: 'The payer wants modifier 95 on every line of a telehealth visit (superbills refuse lines without it).' })
  @IsBoolean() telehealthModifier95!: boolean;
  @Field(() => Int, { defaultValue: 365, description: 'Days from the date of service within which the payer accepts a claim (1–3650).' })
  @IsInt() @Min(1) @Max(3650) timelyFilingDays!: number;
  @Field(() => Int, { defaultValue: 180, description: 'Days from a denial within which the payer accepts an appeal (1–3650).' })
  @IsInt() @Min(1) @Max(3650) appealDays!: number;
  @Field(() => Boolean, { defaultValue: false, description: 'The payer wants a prior authorization number on claims (the scrubber checks it when no eligibility answer says otherwise).' })
  @IsBoolean() priorAuthorizationRequired!: boolean;
}
