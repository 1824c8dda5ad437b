import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { IsNotBlank } from '../../lib/validation.js';

@ObjectType({ description: 'A postal address.' })
export class Address {
  @Field(() => String) line1!: string;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String) city!: string;
  @Field(() => String, { description: 'Two-letter state or territory code.' }) state!: string;
  @Field(() => String) postalCode!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code.' }) country!: string;
}

@InputType({ description: 'A postal address.' })
export class AddressInput {
  @Field(() => String) @IsNotBlank() @Length(1, 200) line1!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(0, 200) line2?: string | null;
  @Field(() => String) @IsNotBlank() @Length(1, 100) city!: string;
  @Field(() => String) @Matches(/^[A-Z]{2}$/, { message: 'must be a two-letter state code' }) state!: string;
  @Field(() => String) @Matches(/^\d{5}(-\d{4})?$/, { message: 'must be a ZIP or ZIP+4 code' }) postalCode!: string;
  @Field(() => String, { defaultValue: 'US' }) @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO country code' }) country!: string;
}
