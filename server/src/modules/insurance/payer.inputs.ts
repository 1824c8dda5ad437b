import { IsBoolean, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
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
}
