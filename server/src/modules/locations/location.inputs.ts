import { IsBoolean, IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { TimeZoneScalar } from '../../graphql/scalars/time-zone.js';
import { IsPlaceOfServiceCode } from '../../lib/place-of-service.js';
import { IsNotBlank, IsTimeZone, IsUsPhone } from '../../lib/validation.js';
import { AddressInput } from '../common/address.type.js';

@InputType({ description: 'A new location of your practice.' })
export class CreateLocationInput {
  @Field(() => String) @IsNotBlank() @Length(1, 200) name!: string;
  @Field(() => AddressInput) @ValidateNested() address!: AddressInput;
  @Field(() => String, { nullable: true, description: 'E.164 US number, e.g. +15555550123.' }) @IsOptional() @IsUsPhone() phone?: string | null;
  @Field(() => TimeZoneScalar, { description: 'IANA time zone, e.g. America/Chicago.' }) @IsTimeZone() timeZone!: string;
  @Field(() => String, { description: 'Two-digit CMS place-of-service code (11 office, 02/10 telehealth, 22 outpatient hospital…).' })
  @IsPlaceOfServiceCode()
  placeOfServiceCode!: string;
}

@InputType({ description: 'Changes to a location; omitted fields stay as they are.' })
export class UpdateLocationInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one gets VERSION_CONFLICT.' }) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 200) name?: string | null;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() address?: AddressInput | null;
  @Field(() => String, { nullable: true, description: 'E.164 US number; null clears it.' }) @IsOptional() @IsUsPhone() phone?: string | null;
  @Field(() => TimeZoneScalar, { nullable: true }) @IsOptional() @IsTimeZone() timeZone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsPlaceOfServiceCode() placeOfServiceCode?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Set true to reactivate a deactivated location.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}

@InputType()
export class DeactivateLocationInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one gets VERSION_CONFLICT.' }) expectedVersion!: number;
}
