import { IsBoolean, IsIn, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsNotBlank } from '../../lib/validation.js';
import { SERVICE_TYPE_CODES } from '../../x12/x12-codes.js';
import { AllowedModality } from './appointment-type.type.js';

const COLOR = /^#[0-9A-Fa-f]{6}$/;
const SERVICE_TYPES = Object.keys(SERVICE_TYPE_CODES);
const SERVICE_TYPE_MESSAGE = { message: 'must be a known X12 service type code (e.g. 98, UC, 81)' };

@InputType()
export class CreateAppointmentTypeInput {
  @Field(() => String) @IsNotBlank() @Length(1, 100) name!: string;
  @Field(() => Int, { description: '5–480 minutes.' }) @IsInt() @Min(5) @Max(480) durationMinutes!: number;
  @Field(() => AllowedModality) modality!: AllowedModality;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(120) bufferBeforeMinutes!: number;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(120) bufferAfterMinutes!: number;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(60 * 24 * 30) minNoticeMinutes!: number;
  @Field(() => Int, { defaultValue: 180 }) @IsInt() @Min(1) @Max(730) maxAdvanceDays!: number;
  @Field(() => String, { nullable: true, description: '#RRGGBB.' }) @IsOptional() @Matches(COLOR, { message: 'must be a #RRGGBB color' }) color?: string | null;
  @Field(() => String, { defaultValue: '98', description: 'X12 service type of the visit for eligibility figures (98 office visit).' }) @IsIn(SERVICE_TYPES, SERVICE_TYPE_MESSAGE) serviceTypeCode!: string;
}

@InputType({ description: 'Changes to an appointment type; omitted fields stay. Set active=false to retire it.' })
export class UpdateAppointmentTypeInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 100) name?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(5) @Max(480) durationMinutes?: number | null;
  @Field(() => AllowedModality, { nullable: true }) modality?: AllowedModality | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(120) bufferBeforeMinutes?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(120) bufferAfterMinutes?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(60 * 24 * 30) minNoticeMinutes?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(730) maxAdvanceDays?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(COLOR, { message: 'must be a #RRGGBB color' }) color?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIn(SERVICE_TYPES, SERVICE_TYPE_MESSAGE) serviceTypeCode?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() active?: boolean | null;
}
