import { ArrayMaxSize, ArrayMinSize, IsDate, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const ID_MESSAGE = { message: 'must be an id' };

@InputType({ description: 'A preferred window in the location\'s local time.' })
export class PreferredTimeInput {
  @Field(() => [Int], { description: 'ISO weekdays: 1 = Monday … 7 = Sunday.' })
  @ArrayMinSize(1) @ArrayMaxSize(7) @IsInt({ each: true }) @Min(1, { each: true }) @Max(7, { each: true })
  weekdays!: number[];
  @Field(() => String, { description: 'HH:MM (24-hour).' }) @Matches(HHMM, { message: 'must be a time HH:MM' }) start!: string;
  @Field(() => String, { description: 'HH:MM (24-hour), after start; 24:00 for end of day.' }) @Matches(HHMM, { message: 'must be a time HH:MM' }) end!: string;
}

@InputType()
export class AddToWaitlistInput {
  @Field(() => ID) @IsUUID('all', ID_MESSAGE) patientId!: string;
  @Field(() => ID, { nullable: true, description: 'Omit for any provider.' }) @IsOptional() @IsUUID('all', ID_MESSAGE) providerId?: string | null;
  @Field(() => ID) @IsUUID('all', ID_MESSAGE) appointmentTypeId!: string;
  @Field(() => ID) @IsUUID('all', ID_MESSAGE) locationId!: string;
  @Field(() => [PreferredTimeInput], { defaultValue: [], description: 'Empty: any time.' })
  @ArrayMaxSize(14) @ValidateNested({ each: true })
  preferredTimes!: PreferredTimeInput[];
  @Field(() => LocalDateScalar, { nullable: true }) earliestDate?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) latestDate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 1000) notes?: string | null;
}

@InputType({ description: 'A concrete time with a provider at a location: [startsAt, endsAt).' })
export class SlotInput {
  @Field(() => ID) @IsUUID('all', ID_MESSAGE) providerId!: string;
  @Field(() => ID) @IsUUID('all', ID_MESSAGE) locationId!: string;
  @Field(() => DateTimeScalar) @IsDate() startsAt!: Date;
  @Field(() => DateTimeScalar) @IsDate() endsAt!: Date;
}

@InputType()
export class OfferSlotInput {
  @Field(() => ID) @IsUUID('all', ID_MESSAGE) waitlistEntryId!: string;
  @Field(() => SlotInput) @ValidateNested() slot!: SlotInput;
  @Field(() => Int, { defaultValue: 30, description: 'How long the slot is held for the patient (5–1440 minutes).' })
  @IsInt() @Min(5) @Max(1440)
  holdMinutes!: number;
}

@InputType()
export class OfferResponseInput {
  @Field(() => ID) offerId!: string;
}

@InputType()
export class CancelWaitlistEntryInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one gets VERSION_CONFLICT.' }) expectedVersion!: number;
}
