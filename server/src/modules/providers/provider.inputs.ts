import { ArrayMaxSize, IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsNotBlank, IsNpi } from '../../lib/validation.js';

/** NUCC taxonomy: 3 digits, 6 digits or capitals, then X (207Q00000X, 363LF0000X). */
const TAXONOMY = /^[0-9]{3}[0-9A-Z]{6}X$/;
const taxonomyMessage = { message: 'must be a NUCC taxonomy code such as 207Q00000X' };
const MAX_LOCATIONS = 100;

@InputType({ description: 'A new provider of your practice.' })
export class CreateProviderInput {
  @Field(() => String) @IsNotBlank() @Length(1, 100) givenName!: string;
  @Field(() => String) @IsNotBlank() @Length(1, 100) familyName!: string;
  @Field(() => String, { nullable: true, description: 'e.g. MD, DO, NP, PA-C.' }) @IsOptional() @IsString() @Length(0, 50) credentials?: string | null;
  @Field(() => String, { description: '10-digit NPI with a valid check digit; unique within the practice.' }) @IsNpi() npi!: string;
  @Field(() => String, { description: 'NUCC taxonomy code, e.g. 207Q00000X.' }) @Matches(TAXONOMY, taxonomyMessage) taxonomyCode!: string;
  @Field(() => String) @IsNotBlank() @Length(1, 200) specialty!: string;
  @Field(() => [ID], { nullable: true, description: 'Active locations of your practice where the provider works.' })
  @IsOptional()
  @ArrayMaxSize(MAX_LOCATIONS)
  locationIds?: string[] | null;
}

@InputType({ description: 'Changes to a provider; omitted fields stay as they are.' })
export class UpdateProviderInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one gets VERSION_CONFLICT.' }) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 100) givenName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 100) familyName?: string | null;
  @Field(() => String, { nullable: true, description: 'null clears them.' }) @IsOptional() @IsString() @Length(0, 50) credentials?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNpi() npi?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(TAXONOMY, taxonomyMessage) taxonomyCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 200) specialty?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Set true to reactivate a deactivated provider.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}

@InputType()
export class DeactivateProviderInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one gets VERSION_CONFLICT.' }) expectedVersion!: number;
}

@InputType({ description: "Replaces the set of locations a provider works at." })
export class SetProviderLocationsInput {
  @Field(() => ID) providerId!: string;
  @Field(() => Int, { description: "The provider's version you read; a stale one gets VERSION_CONFLICT." }) expectedVersion!: number;
  @Field(() => [ID], { description: 'The complete new set: active locations of your practice (empty removes all).' })
  @ArrayMaxSize(MAX_LOCATIONS)
  locationIds!: string[];
}
