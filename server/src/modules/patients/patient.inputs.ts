import { ArrayMaxSize, IsBoolean, IsEmail, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { IsNotBlank, IsUsPhone } from '../../lib/validation.js';
import { AddressInput } from '../common/address.type.js';
import { PatientStatus, PhoneKind, SexAtBirth } from './patient.type.js';

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

@InputType()
export class PersonNameInput {
  @Field(() => String) @IsNotBlank() @Length(1, 100) given!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(0, 100) middle?: string | null;
  @Field(() => String) @IsNotBlank() @Length(1, 100) family!: string;
}

@InputType()
export class PhoneInput {
  @Field(() => PhoneKind) kind!: PhoneKind;
  @Field(() => String, { description: 'E.164, e.g. +15555550123.' }) @IsUsPhone() number!: string;
  @Field(() => Boolean, { defaultValue: false }) @IsBoolean() primary!: boolean;
}

@InputType()
export class EmergencyContactInput {
  @Field(() => String) @IsNotBlank() @Length(1, 200) name!: string;
  @Field(() => String) @IsNotBlank() @Length(1, 50) relationship!: string;
  @Field(() => String) @IsUsPhone() phone!: string;
}

@InputType()
export class CommunicationConsentsInput {
  @Field(() => Boolean, { defaultValue: false }) sms!: boolean;
  @Field(() => Boolean, { defaultValue: false }) email!: boolean;
  @Field(() => Boolean, { defaultValue: false }) voicemail!: boolean;
  @Field(() => Boolean, { defaultValue: false }) portal!: boolean;
}

/** Fields shared by registration and update. */
@InputType()
abstract class PatientDetailsInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(0, 100) preferredName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(0, 100) genderIdentity?: string | null;
  @Field(() => [PhoneInput], { nullable: true }) @IsOptional() @ArrayMaxSize(5) @ValidateNested({ each: true }) phones?: PhoneInput[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail({}, { message: 'must be an email address' }) @Length(0, 254) email?: string | null;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() address?: AddressInput | null;
  @Field(() => String, { nullable: true, description: 'BCP 47 tag, e.g. en, es, zh-Hant.' })
  @IsOptional() @Matches(LANGUAGE_TAG, { message: 'must be a BCP 47 language tag' }) @Length(0, 35)
  preferredLanguage?: string | null;
  @Field(() => [EmergencyContactInput], { nullable: true }) @IsOptional() @ArrayMaxSize(5) @ValidateNested({ each: true })
  emergencyContacts?: EmergencyContactInput[] | null;
  @Field(() => CommunicationConsentsInput, { nullable: true }) @IsOptional() @ValidateNested() consents?: CommunicationConsentsInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(0, 4000) notes?: string | null;
}

@InputType()
export class RegisterPatientInput extends PatientDetailsInput {
  @Field(() => PersonNameInput) @ValidateNested() legalName!: PersonNameInput;
  @Field(() => LocalDateScalar, { description: 'Date of birth; not in the future.' }) dateOfBirth!: string;
  @Field(() => SexAtBirth) sexAtBirth!: SexAtBirth;
  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Set after reviewing likely duplicates returned by an earlier attempt, to register anyway.',
  })
  confirmNotDuplicate!: boolean;
}

@InputType()
export class UpdatePatientInput extends PatientDetailsInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one gets VERSION_CONFLICT.' }) expectedVersion!: number;
  @Field(() => PersonNameInput, { nullable: true }) @IsOptional() @ValidateNested() legalName?: PersonNameInput | null;
  @Field(() => LocalDateScalar, { nullable: true }) dateOfBirth?: string | null;
  @Field(() => SexAtBirth, { nullable: true }) sexAtBirth?: SexAtBirth | null;
  @Field(() => PatientStatus, { nullable: true, description: 'ACTIVE, INACTIVE or DECEASED; MERGED is set by merging.' })
  status?: PatientStatus | null;
}

@InputType()
export class DeactivatePatientInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType({ description: 'Patient search. Criteria combine with AND.' })
export class PatientSearchInput {
  @Field(() => String, { nullable: true, description: 'Name, typo-tolerant ("jonathon smyth" finds Jonathan Smith).' })
  @IsOptional() @Length(1, 100) name?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) dateOfBirth?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 30) mrn?: string | null;
  @Field(() => String, { nullable: true, description: 'Any part of a phone number, digits only are compared.' })
  @IsOptional() @Length(3, 20) phone?: string | null;
  @Field(() => [PatientStatus], { nullable: true, description: 'Defaults to all statuses.' }) status?: PatientStatus[] | null;
}
